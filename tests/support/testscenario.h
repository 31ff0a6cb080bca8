// A scenario for a test's real run, in one expression: `testScenario({.n = 6, .limit = 2})`.
// The defaults are small and short (3 requests, 3 sync workers, 150 ms), so a run takes a few
// hundred ms even on a loaded 2-core machine; the timeout is generous for the same machine.
#pragma once

#include "model/scenario.h"

namespace reqlanes::testing {

inline constexpr int kLatencyMs = 150;      // the default server's, per request
inline constexpr int kRunTimeoutMs = 20000; // how long a test waits for a run this small

// Designated initializers must follow this order.
struct ScenarioShape {
    QString strategy = QStringLiteral("sync");
    int n = 3;
    int limit = 3;
    int workers = 3;
    int latencyMs = kLatencyMs;
    int timeoutMs = 10000;
};

inline Scenario testScenario(const ScenarioShape &shape) {
    Scenario scenario;
    scenario.strategy = shape.strategy;
    scenario.n = shape.n;
    scenario.limit = shape.limit;
    scenario.timeoutMs = shape.timeoutMs;
    scenario.server.workers = shape.workers;
    scenario.server.latencyMs = shape.latencyMs;
    return scenario;
}

} // namespace reqlanes::testing
