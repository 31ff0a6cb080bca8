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

// Whether two snapshots' scenarios are one run's: with the same start, RunAnalyzer and
// TimelinePlot take the later snapshot as more of the run shown (spans cut incrementally, its
// findings kept, the user's zoom kept). A watch session's scenario counts its requests and
// connections so far (n, limit), which grow between its snapshots: they are not compared.
inline bool sameRunScenario(const Scenario &a, const Scenario &b) {
    if (!isWatchSession(a) || !isWatchSession(b))
        return a == b;
    Scenario counted = b;
    counted.n = a.n;
    counted.limit = a.limit;
    return a == counted;
}

} // namespace reqlanes
