// What to run: one strategy, how many requests, how much concurrency, against which server.
// A plain value shared by the app, the CLI and the run file.
#pragma once

#include "serverconfig.h"

#include <QString>

namespace reqlanes {

// The embedded slow server's settings are the server's own type, with its bounds and checks
// (server/serverconfig.h); a run carries the settings marked perScenario there. Ignored when
// Scenario::targetUrl is set.
using ServerMode = server::ServerMode;
using ServerSettings = server::ServerConfig;
QString serverModeName(ServerMode mode); // "sync" / "async"

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

// The client side's bounds, shared by the CLI, the app's controls and the run-file loader (the
// server's are in server/serverconfig.h).
namespace limits {
inline constexpr int kMaxRequests = 100000;
inline constexpr int kMaxLimit = 10000;
inline constexpr int kMaxTimeoutMs = 600000;
} // namespace limits

// Empty when the scenario can run, else the reason in plain words ("n must be 1..100000"); the
// embedded server's settings are checked by server::validate().
// Does not check that the strategy id is registered (see StrategyRegistry).
QString validateScenario(const Scenario &scenario);

} // namespace reqlanes
