// What to run: one strategy, how many requests, how much concurrency, against which server.
// A plain value shared by the app, the CLI and the run file.
#pragma once

#include <QString>

namespace reqlanes {

enum class ServerMode { Sync, Async };
QString serverModeName(ServerMode mode); // "sync" / "async"

// The embedded slow server's settings (ignored when Scenario::targetUrl is set).
struct ServerSettings {
    int workers = 3;
    int latencyMs = 1000;
    int jitterMs = 0;
    ServerMode mode = ServerMode::Sync;
    bool operator==(const ServerSettings &) const = default;
};

struct Scenario {
    QString strategy = QStringLiteral("sync"); // a registered strategy id
    int n = 3;                                 // requests
    int limit = 3;                             // semaphore / pool size, for strategies that use it
    int timeoutMs = 30000;                     // per request
    ServerSettings server;
    QString targetUrl; // empty: the embedded server; else an http:// URL

    bool usesEmbeddedServer() const { return targetUrl.isEmpty(); }
    bool operator==(const Scenario &) const = default;
};

// Bounds shared by the CLI, the app's controls and the run-file loader.
namespace limits {
inline constexpr int kMaxRequests = 100000;
inline constexpr int kMaxLimit = 10000;
inline constexpr int kMaxWorkers = 1024;
inline constexpr int kMaxLatencyMs = 60000;
inline constexpr int kMaxTimeoutMs = 600000;
} // namespace limits

// Empty when the scenario can run, else the reason in plain words ("n must be 1..100000").
// Does not check that the strategy id is registered (see StrategyRegistry).
QString validateScenario(const Scenario &scenario);

} // namespace reqlanes
