// The server the benches measure against, the talk's: like `gunicorn -w 3` with a handler that
// sleeps 1 s (docs/architecture.md, reference scenarios). Header-only, for bench/*.cpp.
#pragma once

#include "model/scenario.h"

namespace reqlanes::bench {

inline constexpr int kWorkers = 3;
inline constexpr int kLatencyMs = 1000;

inline ServerSettings talkServer() {
    ServerSettings settings;
    settings.workers = kWorkers;
    settings.latencyMs = kLatencyMs;
    return settings;
}

} // namespace reqlanes::bench
