// One HTTP/1.1 response of the slow server, and its bytes on the wire. The scheduler and the
// connection loop fill it in; serialize() adds the framing headers every response needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reqlanes::server {

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers; // beyond Date, Server, framing
    std::string body;                                         // sent unless headOnly
    std::string contentType = "text/plain; charset=utf-8";
    bool keepAlive = true;       // false: "Connection: close" and the server closes after it
    bool headOnly = false;       // a HEAD request: Content-Length of the body, but no body
    int requestVersionMinor = 1; // 1.0 clients are told "Connection: keep-alive" explicitly

    void addHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
    }
    std::string serialize() const;
};

std::string_view reasonPhrase(int status);

// A response no handler produced (refusals, protocol errors): zero Server-Timing, a short
// body of our own wording, and a close unless keepAlive is asked for.
HttpResponse refusal(int status, std::string message, bool keepAlive = false);

// "queue;dur=812.4, app;dur=1000.2": W3C Server-Timing with millisecond durations.
std::string serverTimingValue(std::int64_t queueNs, std::int64_t appNs);

} // namespace reqlanes::server
