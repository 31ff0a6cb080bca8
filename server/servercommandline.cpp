#include "servercommandline.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <functional>
#include <map>
#include <string_view>

namespace reqlanes::server {

namespace {

// A whole number, clamped to int so that validate() reports the range ("workers must be
// 1..1024") rather than an overflow nobody asked about.
bool parseInt(std::string_view text, int &out) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || end != text.data() + text.size())
        return false;
    if (error == std::errc::result_out_of_range)
        value = text.front() == '-' ? LLONG_MIN : LLONG_MAX;
    else if (error != std::errc())
        return false;
    out = int(std::clamp<long long>(value, INT_MIN, INT_MAX));
    return true;
}

bool parseDouble(std::string_view text, double &out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && error == std::errc() && end == text.data() + text.size() &&
           std::isfinite(out);
}

using Setter = std::function<std::string(ServerConfig &, std::string_view)>;

Setter intFlag(int ServerConfig::*field) {
    return [field](ServerConfig &config, std::string_view value) -> std::string {
        if (!parseInt(value, config.*field))
            return "is not a whole number";
        return {};
    };
}

Setter doubleFlag(double ServerConfig::*field) {
    return [field](ServerConfig &config, std::string_view value) -> std::string {
        if (!parseDouble(value, config.*field))
            return "is not a number";
        return {};
    };
}

const std::map<std::string, Setter, std::less<>> &flags() {
    static const std::map<std::string, Setter, std::less<>> table = {
        {"--workers", intFlag(&ServerConfig::workers)},
        {"--latency-ms", intFlag(&ServerConfig::latencyMs)},
        {"--jitter-ms", intFlag(&ServerConfig::jitterMs)},
        {"--header-timeout-ms", intFlag(&ServerConfig::headerTimeoutMs)},
        {"--max-connections", intFlag(&ServerConfig::maxConnections)},
        {"--error-rate", doubleFlag(&ServerConfig::errorRate)},
        {"--rate-limit", doubleFlag(&ServerConfig::rateLimitPerSecond)},
        {"--mode",
         [](ServerConfig &config, std::string_view value) -> std::string {
             const auto mode = modeFromName(value);
             if (!mode)
                 return "must be sync or async";
             config.mode = *mode;
             return {};
         }},
        {"--port",
         [](ServerConfig &config, std::string_view value) -> std::string {
             int port = -1;
             if (!parseInt(value, port) || port < 0 || port > 65535)
                 return "must be a port number 0..65535 (0 = any free port)";
             config.port = std::uint16_t(port);
             return {};
         }},
        {"--bind",
         [](ServerConfig &config, std::string_view value) -> std::string {
             config.bindAddress = value;
             return {};
         }},
    };
    return table;
}

} // namespace

CommandLine parseCommandLine(const std::vector<std::string> &arguments) {
    CommandLine result;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string_view argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            result.help = true;
            return result;
        }
        std::string_view name = argument;
        std::string_view value;
        bool hasValue = false;
        if (const std::size_t equals = argument.find('='); equals != std::string_view::npos) {
            name = argument.substr(0, equals);
            value = argument.substr(equals + 1);
            hasValue = true;
        }
        const auto flag = flags().find(name);
        if (flag == flags().end()) {
            result.error = name.starts_with("-")
                               ? "unknown option " + std::string(name)
                               : "unexpected argument \"" + std::string(name) + "\"";
            return result;
        }
        if (!hasValue) {
            if (i + 1 >= arguments.size()) {
                result.error = std::string(name) + " needs a value";
                return result;
            }
            value = arguments[++i];
        }
        if (std::string problem = flag->second(result.config, value); !problem.empty()) {
            result.error =
                std::string(name) + ": \"" + std::string(value.substr(0, 64)) + "\" " + problem;
            return result;
        }
    }
    result.error = validate(result.config);
    return result;
}

std::string commandLineHelp() {
    const ServerConfig defaults;
    const auto number = [](auto value) { return std::to_string(value); };
    return "Usage: reqlanes-server [options]\n"
           "\n"
           "A deliberately slow HTTP/1.1 server for watching client concurrency strategies.\n"
           "GET or HEAD any path; each request takes the configured latency, then answers a\n"
           "short text with Server-Timing (queue and app durations), X-Worker (the worker or,\n"
           "in async mode, handler slot that served it) and the client's X-Request-Id.\n"
           "Add ?delay=MS (0.." +
           number(kMaxLatencyMs) +
           ") to a URL to override the latency.\n"
           "\n"
           "On start it prints \"listening on http://ADDRESS:PORT/\". Ctrl-C or SIGTERM stop it.\n"
           "\n"
           "Options:\n"
           "  --mode sync|async         sync: like gunicorn sync workers, at most --workers\n"
           "                            requests run at once, the rest wait in a FIFO queue;\n"
           "                            async: an event loop, every request runs at once\n"
           "                            (default " +
           std::string(modeName(defaults.mode)) +
           ")\n"
           "  --workers W               sync-mode workers, 1.." +
           number(kMaxWorkers) + " (default " + number(defaults.workers) +
           ")\n"
           "  --latency-ms L            time each request takes, 0.." +
           number(kMaxLatencyMs) + " (default " + number(defaults.latencyMs) +
           ")\n"
           "  --jitter-ms J             latency varies uniformly by +-J ms, never below 0,\n"
           "                            0.." +
           number(kMaxLatencyMs) + " (default " + number(defaults.jitterMs) +
           ")\n"
           "  --port P                  TCP port, 0 = any free port (default " +
           number(defaults.port) +
           ")\n"
           "  --bind ADDR               numeric IPv4 or IPv6 address to listen on\n"
           "                            (default " +
           defaults.bindAddress +
           ")\n"
           "  --error-rate P            fraction 0..1 of requests that answer 500 after their\n"
           "                            latency (default 0)\n"
           "  --rate-limit R            requests per second admitted (burst R); beyond it 429\n"
           "                            with Retry-After at once; 0 = off (default 0)\n"
           "  --header-timeout-ms T     a request must arrive within T ms or gets 408; also\n"
           "                            closes idle keep-alive connections, 1.." +
           number(kMaxHeaderTimeoutMs) + " (default " + number(defaults.headerTimeoutMs) +
           ")\n"
           "  --max-connections N       open connections; past N a new one gets 503 and is\n"
           "                            closed, 1.." +
           number(kMaxConnectionsLimit) + " (default " + number(defaults.maxConnections) +
           ")\n"
           "  -h, --help                show this help\n"
           "\n"
           "Other refusals: malformed requests (RFC 9112) 400, other known methods 405,\n"
           "unknown methods and transfer codings 501, request headers over " +
           number(defaults.maxHeaderBytes / 1024) +
           " KiB 431,\n"
           "bodies over 1 MiB 413, expectations other than 100-continue 417.\n"
           "Exit status: 0 after a signal, 1 if it cannot listen, 2 for bad options.\n";
}

} // namespace reqlanes::server
