// A tiny blocking HTTP/1.1 client for tests: raw sockets, so a test controls every byte it
// sends (garbage, half a header, a pipeline) and sees exactly what the server answers. Every
// wait has a deadline, so a misbehaving server fails a test instead of hanging it.
#pragma once

#include "openfilelimit.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reqlanes {

// The local port of a socket (IPv4 or IPv6), or 0 if it has none.
std::uint16_t localPortOf(int fd);

struct TestResponse {
    int status = 0; // 0: no complete response (see error)
    std::string reason;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string error;

    std::string header(std::string_view name) const; // case-insensitive; "" if absent
    bool hasHeader(std::string_view name) const;
    // The dur of one Server-Timing metric ("queue", "app") in ms, or -1 if absent.
    double serverTimingMs(std::string_view metric) const;
};

class TestHttpClient {
public:
    static constexpr int kDefaultTimeoutMs = 10000;

    // Connects to 127.0.0.1:port at once; see connected() and error().
    explicit TestHttpClient(std::uint16_t port, int timeoutMs = kDefaultTimeoutMs);
    ~TestHttpClient();
    TestHttpClient(TestHttpClient &&other) noexcept;
    TestHttpClient(const TestHttpClient &) = delete;
    TestHttpClient &operator=(const TestHttpClient &) = delete;

    bool connected() const { return m_fd >= 0; }
    int fd() const { return m_fd; } // for socket options a test needs (SO_LINGER...)
    const std::string &error() const { return m_error; }

    bool send(std::string_view bytes);
    // One response, framed by Content-Length (none for a HEAD request), else read to EOF.
    TestResponse readResponse(bool headRequest = false);
    // True once the server has closed the connection (EOF or reset) within the timeout;
    // any bytes arriving meanwhile are discarded.
    bool waitForClose(int timeoutMs);
    void close();

    // "GET /path HTTP/1.1" with Host, optional X-Request-Id and extra header lines ("A: b").
    static std::string request(std::string_view method, std::string_view path,
                               std::string_view requestId = {},
                               const std::vector<std::string> &extraHeaders = {});

private:
    // Appends what arrives before the deadline; false on EOF, error or timeout.
    bool receiveMore(std::int64_t deadlineNs, bool *closed = nullptr);

    int m_fd = -1;
    int m_timeoutMs;
    std::string m_buffer; // received, not yet returned
    std::string m_error;
};

// One GET (or HEAD) on a fresh connection.
TestResponse httpRequest(std::uint16_t port, std::string_view method = "GET",
                         std::string_view path = "/", std::string_view requestId = {});

// `count` GETs of `path` at once: every connection is opened and its request sent before any
// response is read, so the server sees them all concurrently. Request i carries X-Request-Id
// "i" and its response is element i.
std::vector<TestResponse> httpRequestsAtOnce(std::uint16_t port, int count,
                                             std::string_view path = "/");

using server::raiseOpenFileLimit; // server/openfilelimit.h

} // namespace reqlanes
