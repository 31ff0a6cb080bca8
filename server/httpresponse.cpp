#include "httpresponse.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace reqlanes::server {

namespace {

// IMF-fixdate, written by hand: strftime follows the process locale, and the app sets one.
std::string httpDate() {
    static constexpr const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday % 7],
                  utc.tm_mday, kMonths[utc.tm_mon % 12], utc.tm_year + 1900, utc.tm_hour,
                  utc.tm_min, utc.tm_sec);
    return text;
}

} // namespace

std::string_view reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 415:
        return "Unsupported Media Type";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

std::string HttpResponse::serialize() const {
    std::string out;
    out.reserve(256 + body.size());
    out += "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\nDate: ";
    out += httpDate();
    out += "\r\nServer: reqlanes-server\r\nContent-Type: ";
    out += contentType;
    out += "\r\nCache-Control: no-store\r\nContent-Length: ";
    out += std::to_string(body.size());
    if (!keepAlive)
        out += "\r\nConnection: close";
    else if (requestVersionMinor == 0)
        out += "\r\nConnection: keep-alive";
    out += "\r\n";
    for (const auto &[name, value] : headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "\r\n";
    if (!headOnly)
        out += body;
    return out;
}

HttpResponse refusal(int status, std::string message, bool keepAlive) {
    HttpResponse response;
    response.status = status;
    response.keepAlive = keepAlive;
    response.body = "reqlanes slow server: " + std::move(message) + "\n";
    response.addHeader("Server-Timing", serverTimingValue(0, 0));
    return response;
}

std::string serverTimingValue(std::int64_t queueNs, std::int64_t appNs) {
    // to_chars, not printf: the embedding app's locale may use a decimal comma.
    auto milliseconds = [](std::int64_t ns) {
        char text[32];
        const auto end =
            std::to_chars(text, text + sizeof text, double(ns) / 1e6, std::chars_format::fixed, 1)
                .ptr;
        return std::string(text, end);
    };
    return "queue;dur=" + milliseconds(queueNs) + ", app;dur=" + milliseconds(appNs);
}

} // namespace reqlanes::server
