#include "serverconfig.h"

#include <arpa/inet.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <sstream>

namespace reqlanes::server {

std::string_view modeName(ServerMode mode) {
    return mode == ServerMode::Async ? "async" : "sync";
}

std::optional<ServerMode> modeFromName(std::string_view name) {
    if (name == "sync")
        return ServerMode::Sync;
    if (name == "async")
        return ServerMode::Async;
    return std::nullopt;
}

namespace {

bool isNumericAddress(const std::string &address) {
    unsigned char buffer[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, address.c_str(), buffer) == 1 ||
           ::inet_pton(AF_INET6, address.c_str(), buffer) == 1;
}

std::string outOfRange(std::string_view name, long long low, long long high) {
    return std::string(name) + " must be " + std::to_string(low) + ".." + std::to_string(high);
}

} // namespace

std::string valueText(double value) {
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value)); // 1000000, not 1e+06
    std::ostringstream out;
    out << value; // 0.5
    return out.str();
}

const std::vector<Setting> &settings() {
    static const std::vector<Setting> table = {
        {"workers", "W",
         "sync-mode workers: at most W requests are handled at once, the rest wait in a FIFO "
         "queue",
         1, kMaxWorkers, &ServerConfig::workers, nullptr, true},
        {"latency-ms", "L", "time each request takes (?delay=MS overrides it per request)", 0,
         kMaxLatencyMs, &ServerConfig::latencyMs, nullptr, true},
        {"jitter-ms", "J", "latency varies uniformly by +-J ms, never below 0", 0, kMaxLatencyMs,
         &ServerConfig::jitterMs, nullptr, true},
        {"error-rate", "P", "fraction of requests that answer 500 after their latency", 0, 1,
         nullptr, &ServerConfig::errorRate, false},
        {"rate-limit", "R",
         "requests per second admitted (burst R); beyond it 429 with Retry-After at once; "
         "0 = off",
         0, kMaxRateLimitPerSecond, nullptr, &ServerConfig::rateLimitPerSecond, false},
        {"header-timeout-ms", "T",
         "a request must arrive within T ms or gets 408; also closes idle keep-alive "
         "connections",
         1, kMaxHeaderTimeoutMs, &ServerConfig::headerTimeoutMs, nullptr, false},
        {"max-connections", "N", "open connections; past N a new one gets 503 and is closed", 1,
         kMaxConnectionsLimit, &ServerConfig::maxConnections, nullptr, false},
    };
    return table;
}

const Setting *findSetting(std::string_view name) {
    for (const Setting &setting : settings())
        if (setting.name == name)
            return &setting;
    return nullptr;
}

double Setting::get(const ServerConfig &config) const {
    return intField ? double(config.*intField) : config.*doubleField;
}

void Setting::set(ServerConfig &config, double value) const {
    if (intField)
        config.*intField = int(std::clamp(value, double(INT_MIN), double(INT_MAX)));
    else
        config.*doubleField = value;
}

std::string Setting::rangeText() const {
    return valueText(min) + ".." + valueText(max);
}

std::string validate(const ServerConfig &config) {
    // Messages name the command-line flag: that is where most users meet them.
    for (const Setting &setting : settings())
        if (!setting.inRange(setting.get(config)))
            return std::string(setting.name) + " must be " + setting.rangeText();
    if (config.mode != ServerMode::Sync && config.mode != ServerMode::Async)
        return "mode must be sync or async";
    if (!isNumericAddress(config.bindAddress))
        return "bind address must be a numeric IPv4 or IPv6 address, not \"" +
               config.bindAddress.substr(0, 64) + "\"";
    if (config.maxHeaderBytes < kMinHeaderBytes || config.maxHeaderBytes > kMaxHeaderBytesLimit)
        return outOfRange("max header bytes", kMinHeaderBytes, kMaxHeaderBytesLimit);
    return {};
}

} // namespace reqlanes::server
