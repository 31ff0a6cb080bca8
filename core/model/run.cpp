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

void applyRunChanges(Run &earlier, const Run &later, const RunChanges &changes) {
    const std::size_t requests = earlier.requests.size(), connections = earlier.connections.size();
    // Every field but the per-request and per-connection lists is copied at the end. A field
    // added to Run changes its size (496 bytes on 64-bit Linux when this was written): copy it
    // there too.
    static_assert(sizeof(void *) != 8 || sizeof(Run) == 496,
                  "Run has a new field: copy it in applyRunChanges");
    // Origins: one per request (a watch session), or none on either side (a strategy run).
    const bool originsFollow =
        (earlier.origins.size() == requests && later.origins.size() == later.requests.size()) ||
        (earlier.origins.empty() && later.origins.empty());
    const bool incremental = !changes.whole && requests <= later.requests.size() &&
                             connections <= later.connections.size() && originsFollow;
    if (!incremental) {
        earlier = later;
        return;
    }
    for (const int id : changes.requests) {
        if (std::size_t(id) >= requests)
            continue; // added: copied below
        earlier.requests[std::size_t(id)] = later.requests[std::size_t(id)];
        if (!earlier.origins.empty())
            earlier.origins[std::size_t(id)] = later.origins[std::size_t(id)];
    }
    for (const int index : changes.connections)
        if (std::size_t(index) < connections)
            earlier.connections[std::size_t(index)] = later.connections[std::size_t(index)];
    earlier.requests.insert(earlier.requests.end(), later.requests.begin() + long(requests),
                            later.requests.end());
    if (!later.origins.empty())
        earlier.origins.insert(earlier.origins.end(), later.origins.begin() + long(requests),
                               later.origins.end());
    earlier.connections.insert(earlier.connections.end(),
                               later.connections.begin() + long(connections),
                               later.connections.end());
    earlier.scenario = later.scenario;
    earlier.strategyName = later.strategyName;
    earlier.startedAt = later.startedAt;
    earlier.laneEvents = later.laneEvents;
    earlier.outsideRequests = later.outsideRequests;
    earlier.elapsed = later.elapsed;
    earlier.finished = later.finished;
    earlier.cancelled = later.cancelled;
    earlier.error = later.error;
    earlier.embeddedServerUrl = later.embeddedServerUrl;
    earlier.droppedRequests = later.droppedRequests;
    earlier.spans = later.spans;
    earlier.clientSides = later.clientSides;
    earlier.recording = later.recording;
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
