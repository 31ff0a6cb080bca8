#include "servercommandline.h"

#include <algorithm>
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

// A numeric setting's flag: parse, clamp ints so validate() reports the range ("workers must be
// 1..1024") rather than an overflow, and leave the range check to validate().
Setter numericFlag(const Setting &setting) {
    return [&setting](ServerConfig &config, std::string_view value) -> std::string {
        if (setting.isInteger()) {
            int parsed = 0;
            if (!parseInt(value, parsed))
                return "is not a whole number";
            setting.set(config, parsed);
            return {};
        }
        double parsed = 0;
        if (!parseDouble(value, parsed))
            return "is not a number";
        setting.set(config, parsed);
        return {};
    };
}

// The flags that are not numeric settings, with their --help lines.
struct OtherFlag {
    std::string name;
    std::string valueName;
    std::string help; // may contain '\n' for more lines
    Setter set;
};

const std::vector<OtherFlag> &otherFlags() {
    const ServerConfig defaults;
    static const std::vector<OtherFlag> table = {
        {"mode", "sync|async",
         "sync: like gunicorn sync workers, at most --workers requests run at once, the rest "
         "wait in a FIFO queue; async: an event loop, every request runs at once (default " +
             std::string(modeName(defaults.mode)) + ")",
         [](ServerConfig &config, std::string_view value) -> std::string {
             const auto mode = modeFromName(value);
             if (!mode)
                 return "must be sync or async";
             config.mode = *mode;
             return {};
         }},
        {"port", "P", "TCP port, 0 = any free port (default " + std::to_string(defaults.port) + ")",
         [](ServerConfig &config, std::string_view value) -> std::string {
             int port = -1;
             if (!parseInt(value, port) || port < 0 || port > 65535)
                 return "must be a port number 0..65535 (0 = any free port)";
             config.port = std::uint16_t(port);
             return {};
         }},
        {"bind", "ADDR",
         "numeric IPv4 or IPv6 address to listen on (default " + defaults.bindAddress + ")",
         [](ServerConfig &config, std::string_view value) -> std::string {
             config.bindAddress = value;
             return {};
         }},
    };
    return table;
}

const std::map<std::string, Setter, std::less<>> &flags() {
    static const std::map<std::string, Setter, std::less<>> table = [] {
        std::map<std::string, Setter, std::less<>> out;
        for (const Setting &setting : settings())
            out.emplace("--" + std::string(setting.name), numericFlag(setting));
        for (const OtherFlag &flag : otherFlags())
            out.emplace("--" + flag.name, flag.set);
        return out;
    }();
    return table;
}

// A space that wrapping must not break at, as in "(default 1000)".
constexpr char kKeepTogether = '\x01';

// "  --latency-ms L            text wrapped at 80 columns, indented under itself"
std::string helpEntry(const std::string &flag, const std::string &text) {
    constexpr std::size_t kColumn = 28, kWidth = 80;
    std::string out = "  " + flag;
    out += out.size() + 1 < kColumn ? std::string(kColumn - out.size(), ' ') : " ";
    std::size_t column = out.size();
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(start, end - start);
        if (column + 1 + word.size() > kWidth && column > kColumn) {
            out += "\n" + std::string(kColumn, ' ');
            column = kColumn;
        } else if (column > kColumn) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        start = end + 1;
    }
    std::replace(out.begin(), out.end(), kKeepTogether, ' ');
    return out + "\n";
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
        if (argument == "--version") {
            result.version = true;
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
    std::string options;
    for (const OtherFlag &flag : otherFlags())
        if (flag.name == "mode")
            options += helpEntry("--mode sync|async", flag.help);
    for (const Setting &setting : settings()) {
        const std::string flag =
            "--" + std::string(setting.name) + " " + std::string(setting.valueName);
        options +=
            helpEntry(flag, std::string(setting.help) + ", " + setting.rangeText() + " (default" +
                                kKeepTogether + valueText(setting.get(defaults)) + ")");
    }
    for (const OtherFlag &flag : otherFlags())
        if (flag.name != "mode")
            options += helpEntry("--" + flag.name + " " + flag.valueName, flag.help);
    options += helpEntry("-h, --help", "show this help");
    options += helpEntry("--version", "show the version");
    return "Usage: reqlanes-server [options]\n"
           "\n"
           "A deliberately slow HTTP/1.1 server for watching client concurrency strategies.\n"
           "GET or HEAD any path; each request takes the configured latency, then answers a\n"
           "short text with Server-Timing (queue and app durations), X-Worker (the worker or,\n"
           "in async mode, handler slot that served it) and the client's X-Request-Id.\n"
           "Add ?delay=MS (0.." +
           std::to_string(kMaxLatencyMs) +
           ") to a URL to override the latency.\n"
           "\n"
           "On start it prints \"listening on http://ADDRESS:PORT/\". Ctrl-C or SIGTERM stop it.\n"
           "\n"
           "Options:\n" +
           options +
           "\n"
           "Other refusals: malformed requests (RFC 9112) 400, other known methods 405,\n"
           "unknown methods and transfer codings 501, request headers over " +
           std::to_string(defaults.maxHeaderBytes / 1024) +
           " KiB 431,\n"
           "bodies over 1 MiB 413, expectations other than 100-continue 417.\n"
           "Exit status: 0 after a signal, 1 if it cannot listen, 2 for bad options.\n";
}

} // namespace reqlanes::server
