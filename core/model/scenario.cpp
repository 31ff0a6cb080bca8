#include "model/scenario.h"

namespace reqlanes {

QString serverModeName(ServerMode mode) {
    return mode == ServerMode::Sync ? QStringLiteral("sync") : QStringLiteral("async");
}

namespace {
QString outOfRange(const char *what, int value, int low, int high) {
    return QStringLiteral("%1 must be %2..%3 (got %4)")
        .arg(QLatin1String(what))
        .arg(low)
        .arg(high)
        .arg(value);
}
} // namespace

QString validateScenario(const Scenario &scenario) {
    if (scenario.strategy.isEmpty())
        return QStringLiteral("no strategy given");
    if (scenario.n < 1 || scenario.n > limits::kMaxRequests)
        return outOfRange("n", scenario.n, 1, limits::kMaxRequests);
    if (scenario.limit < 1 || scenario.limit > limits::kMaxLimit)
        return outOfRange("limit", scenario.limit, 1, limits::kMaxLimit);
    if (scenario.timeoutMs < 1 || scenario.timeoutMs > limits::kMaxTimeoutMs)
        return outOfRange("timeout-ms", scenario.timeoutMs, 1, limits::kMaxTimeoutMs);
    if (!scenario.usesEmbeddedServer())
        return {}; // the server settings do not apply to an external target
    const ServerSettings &server = scenario.server;
    if (server.workers < 1 || server.workers > limits::kMaxWorkers)
        return outOfRange("workers", server.workers, 1, limits::kMaxWorkers);
    if (server.latencyMs < 0 || server.latencyMs > limits::kMaxLatencyMs)
        return outOfRange("latency-ms", server.latencyMs, 0, limits::kMaxLatencyMs);
    if (server.jitterMs < 0 || server.jitterMs > limits::kMaxLatencyMs)
        return outOfRange("jitter-ms", server.jitterMs, 0, limits::kMaxLatencyMs);
    return {};
}

} // namespace reqlanes
