#include "results/queueing.h"

#include <algorithm>
#include <vector>

namespace reqlanes {

namespace {

constexpr Nanos kWaitFloor = 5 * kNsPerMs;

} // namespace

Nanos significantWait(const Run &run) {
    Nanos work = kUnset;
    if (run.scenario.usesEmbeddedServer()) {
        work = Nanos(run.scenario.server.latencyMs) * kNsPerMs;
    } else {
        std::vector<Nanos> handlers;
        for (const RequestRecord &record : run.requests)
            if (const Nanos span = record.span(Phase::ServerStart, Phase::ServerEnd);
                span != kUnset)
                handlers.push_back(span);
        if (!handlers.empty()) {
            std::nth_element(handlers.begin(), handlers.begin() + handlers.size() / 2,
                             handlers.end());
            work = handlers[handlers.size() / 2];
        }
    }
    return std::max(kWaitFloor, work == kUnset ? 0 : work / 10);
}

ServerQueue serverQueue(const RequestRecord &record, Nanos requestEnd) {
    if (!record.has(Phase::ServerAccept))
        return {};
    Nanos to = requestEnd;
    for (const Phase next : {Phase::ServerStart, Phase::ServerEnd, Phase::FirstByte})
        if (record.has(next)) {
            to = record.phase(next);
            break;
        }
    return {record.phase(Phase::ServerAccept), std::min(to, requestEnd)};
}

bool countsAsQueued(const ServerQueue &queue, Nanos threshold) {
    return queue.from != kUnset && queue.length() > 0 && queue.length() >= threshold;
}

} // namespace reqlanes
