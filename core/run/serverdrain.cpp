#include "run/serverdrain.h"

#include <algorithm>

namespace reqlanes {

namespace {

constexpr Nanos kNanosPerMs = 1'000'000;
// The server's timers and the run thread both wake late on a busy 2-core machine.
constexpr Nanos kDrainMargin = 500 * kNanosPerMs;

} // namespace

Nanos serverDrainBound(const ServerSettings &settings, int held) {
    if (held <= 0)
        return 0;
    const Nanos handler = Nanos(std::max(0, settings.latencyMs + settings.jitterMs)) * kNanosPerMs;
    const int workers = std::max(1, settings.workers);
    const Nanos rounds = settings.mode == ServerMode::Sync ? (held + workers - 1) / workers : 1;
    return std::min(rounds * handler + kDrainMargin, kMaxServerDrain);
}

bool waitForServerDrain(RunRecorder &recorder, const ServerSettings &settings,
                        const CancelToken &cancel) {
    return recorder.waitForServerRelease(serverDrainBound(settings, recorder.serverHeldCount()),
                                         cancel);
}

} // namespace reqlanes
