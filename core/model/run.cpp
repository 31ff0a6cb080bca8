#include "model/run.h"

#include <algorithm>

namespace reqlanes {

int Run::finishedCount() const {
    return static_cast<int>(std::count_if(requests.begin(), requests.end(),
                                          [](const auto &r) { return r.finished(); }));
}

int Run::okCount() const {
    return static_cast<int>(std::count_if(requests.begin(), requests.end(), [](const auto &r) {
        return r.status == RequestStatus::Ok;
    }));
}

void Run::shiftTimes(Nanos by) {
    const auto shift = [by](Nanos &at) {
        if (at != kUnset)
            at += by;
    };
    for (RequestRecord &record : requests)
        for (Nanos &at : record.at)
            shift(at);
    for (LaneEvent &event : laneEvents)
        shift(event.at);
    for (OutsideRequest &outside : outsideRequests) {
        shift(outside.accepted);
        shift(outside.started);
        shift(outside.ended);
    }
    for (ClientConnection &connection : connections) {
        shift(connection.opened);
        shift(connection.closed);
    }
    elapsed += by;
    if (startedAt.isValid())
        startedAt = startedAt.addMSecs(-by / 1'000'000);
}

Run truncateRun(const Run &run, Nanos at) {
    if (run.finished && at >= run.elapsed)
        return run;
    Run out = run;
    out.elapsed = std::clamp<Nanos>(at, 0, run.elapsed);
    out.finished = false;
    out.cancelled = false;
    for (RequestRecord &record : out.requests) {
        for (Nanos &phase : record.at)
            if (phase != kUnset && phase > out.elapsed)
                phase = kUnset;
        if (!record.has(Phase::Done)) {
            record.status = RequestStatus::Pending;
            record.httpStatus = 0;
            record.error.clear();
        }
    }
    std::erase_if(out.laneEvents, [&](const LaneEvent &event) { return event.at > out.elapsed; });
    return out;
}

} // namespace reqlanes
