#include "serverconfig.h"

#include <arpa/inet.h>

#include <cmath>

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

std::string validate(const ServerConfig &config) {
    // Messages name the command-line flag: that is where most users meet them.
    if (config.workers < 1 || config.workers > kMaxWorkers)
        return outOfRange("workers", 1, kMaxWorkers);
    if (config.latencyMs < 0 || config.latencyMs > kMaxLatencyMs)
        return outOfRange("latency-ms", 0, kMaxLatencyMs);
    if (config.jitterMs < 0 || config.jitterMs > kMaxLatencyMs)
        return outOfRange("jitter-ms", 0, kMaxLatencyMs);
    if (config.mode != ServerMode::Sync && config.mode != ServerMode::Async)
        return "mode must be sync or async";
    if (!isNumericAddress(config.bindAddress))
        return "bind address must be a numeric IPv4 or IPv6 address, not \"" +
               config.bindAddress.substr(0, 64) + "\"";
    // Written as !(in range) so that NaN fails too.
    if (!(config.errorRate >= 0.0 && config.errorRate <= 1.0))
        return "error-rate must be 0..1";
    if (!(config.rateLimitPerSecond >= 0.0 && config.rateLimitPerSecond <= kMaxRateLimitPerSecond))
        return "rate-limit must be 0..1000000 requests per second (0 = off)";
    if (config.headerTimeoutMs < 1 || config.headerTimeoutMs > kMaxHeaderTimeoutMs)
        return outOfRange("header-timeout-ms", 1, kMaxHeaderTimeoutMs);
    if (config.maxConnections < 1 || config.maxConnections > kMaxConnectionsLimit)
        return outOfRange("max-connections", 1, kMaxConnectionsLimit);
    if (config.maxHeaderBytes < kMinHeaderBytes || config.maxHeaderBytes > kMaxHeaderBytesLimit)
        return outOfRange("max header bytes", kMinHeaderBytes, kMaxHeaderBytesLimit);
    return {};
}

} // namespace reqlanes::server
