// How a SlowServer behaves: worker model, latency, faults and protective limits. A plain value
// shared by SlowServer, the reqlanes-server command line and core's EmbeddedTarget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reqlanes::server {

// Sync: like gunicorn's sync workers, at most `workers` requests are handled at once and the
// rest wait in a FIFO queue. Async: like an event-loop server, every request is handled at once.
enum class ServerMode { Sync, Async };

std::string_view modeName(ServerMode mode); // "sync" / "async"
std::optional<ServerMode> modeFromName(std::string_view name);

struct ServerConfig {
    int workers = 3;      // sync mode only
    int latencyMs = 1000; // each handler's time, unless the request says ?delay=MS
    int jitterMs = 0;     // latency varies uniformly in [-jitter, +jitter], never below 0
    ServerMode mode = ServerMode::Sync;
    std::string bindAddress = "127.0.0.1"; // a numeric IPv4 or IPv6 address
    std::uint16_t port = 0;                // 0 = ephemeral
    double errorRate = 0.0;                // fraction of handled requests that answer 500
    double rateLimitPerSecond = 0.0;       // 0 = off; beyond it requests answer 429
    int headerTimeoutMs = 5000; // a request must arrive within this, else 408 (also the idle
                                // keep-alive and stalled-reader timeout)
    int maxConnections = 12000; // open connections; past it a new one gets 503 and is closed
    std::size_t maxHeaderBytes = 16 * 1024; // request line + headers; past it 431

    bool operator==(const ServerConfig &) const = default;
};

// Bounds, shared with the command line's --help.
inline constexpr int kMaxWorkers = 1024;
inline constexpr int kMaxLatencyMs = 60000; // also the bound of ?delay=MS
inline constexpr int kMaxHeaderTimeoutMs = 600000;
inline constexpr int kMaxConnectionsLimit = 1000000;
inline constexpr double kMaxRateLimitPerSecond = 1e6;
inline constexpr std::size_t kMinHeaderBytes = 1024;
inline constexpr std::size_t kMaxHeaderBytesLimit = 1024 * 1024;

// One numeric setting of the server, declared once. Its flag, help and bounds here are what
// reqlanes-server's command line and --help, validate(), core's scenario options and run file
// and the app's controls all read: a new setting is a ServerConfig field plus a row in
// settings(), and `perScenario` makes it one of the embedded server's settings a run carries.
struct Setting {
    std::string_view name;      // the flag without dashes, also the message's name: "latency-ms"
    std::string_view valueName; // what --help calls the value: "L"
    std::string_view help;      // what it does, without the range or default (--help adds them)
    double min = 0, max = 0;    // inclusive bounds
    int ServerConfig::*intField = nullptr; // exactly one of the two fields is set
    double ServerConfig::*doubleField = nullptr;
    bool perScenario = false; // set per run from reqlanes-cli / reqlanes and saved in run files

    bool isInteger() const { return intField != nullptr; }
    double get(const ServerConfig &config) const;
    void set(ServerConfig &config, double value) const; // no range check: see validate()
    bool inRange(double value) const { return value >= min && value <= max; } // false for NaN
    std::string rangeText() const;                                            // "0..60000"
};

// A setting's value as people type it: "1000000", "0.5".
std::string valueText(double value);

// Every numeric setting, in --help order.
const std::vector<Setting> &settings();
const Setting *findSetting(std::string_view name); // nullptr if there is none of that name

// Returns an empty string when valid, else a human-readable reason ("workers must be 1..1024").
std::string validate(const ServerConfig &config);

} // namespace reqlanes::server
