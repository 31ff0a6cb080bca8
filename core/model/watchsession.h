// How a run says it is a watch session (WatchRecorder): its strategy is "watch", no strategy of
// ours, because its requests came from another program and only the server's settings are known.
// Stats, findings and the window read it to leave out what only a strategy of ours can give (an
// ideal, a planned N).
#pragma once

#include "model/scenario.h"

namespace reqlanes {

inline constexpr const char *kWatchSessionStrategy = "watch";

inline bool isWatchSession(const Scenario &scenario) {
    return scenario.strategy == QLatin1String(kWatchSessionStrategy);
}

} // namespace reqlanes
