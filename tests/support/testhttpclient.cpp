#include "testhttpclient.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>

namespace reqlanes {

std::uint16_t localPortOf(int fd) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return 0;
    return ntohs(address.ss_family == AF_INET
                     ? reinterpret_cast<const sockaddr_in *>(&address)->sin_port
                     : reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
}

namespace {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

} // namespace

std::string TestResponse::header(std::string_view name) const {
    const std::string wanted = lower(name);
    for (const auto &[key, value] : headers)
        if (lower(key) == wanted)
            return value;
    return {};
}

bool TestResponse::hasHeader(std::string_view name) const {
    const std::string wanted = lower(name);
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto &header) { return lower(header.first) == wanted; });
}

double TestResponse::serverTimingMs(std::string_view metric) const {
    // "queue;dur=812.4, app;dur=1000.2"
    const std::string value = header("Server-Timing");
    std::string_view rest = value;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view entry = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (entry.substr(0, entry.find(';')) != metric)
            continue;
        const std::size_t dur = entry.find("dur=");
        if (dur == std::string_view::npos)
            return -1;
        double ms = -1;
        const std::string_view number = entry.substr(dur + 4);
        std::from_chars(number.data(), number.data() + number.size(), ms);
        return ms;
    }
    return -1;
}

TestHttpClient::TestHttpClient(std::uint16_t port, int timeoutMs)
    : m_timeoutMs(timeoutMs) {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        m_error = std::string("socket: ") + std::strerror(errno);
        return;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        m_error = std::string("connect: ") + std::strerror(errno);
        close();
    }
}

TestHttpClient::~TestHttpClient() {
    close();
}

TestHttpClient::TestHttpClient(TestHttpClient &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_timeoutMs(other.m_timeoutMs)
    , m_buffer(std::move(other.m_buffer))
    , m_error(std::move(other.m_error)) {}

void TestHttpClient::close() {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool TestHttpClient::send(std::string_view bytes) {
    while (!bytes.empty() && m_fd >= 0) {
        const ssize_t sent = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0) {
            m_error = std::string("send: ") + std::strerror(errno);
            return false;
        }
        bytes.remove_prefix(std::size_t(sent));
    }
    return m_fd >= 0;
}

bool TestHttpClient::receiveMore(std::int64_t deadlineNs, bool *closed) {
    if (closed)
        *closed = false;
    if (m_fd < 0)
        return false;
    for (;;) {
        const std::int64_t leftMs = (deadlineNs - nowNs()) / 1'000'000;
        if (leftMs <= 0) {
            m_error = "timed out";
            return false;
        }
        pollfd entry{m_fd, POLLIN, 0};
        const int ready = ::poll(&entry, 1, int(leftMs));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue; // the deadline check above ends it
        char chunk[16 * 1024];
        const ssize_t received = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (received > 0) {
            m_buffer.append(chunk, std::size_t(received));
            return true;
        }
        if (received < 0 && errno == EINTR)
            continue;
        m_error =
            received == 0 ? "closed by the server" : std::string("recv: ") + std::strerror(errno);
        if (closed)
            *closed = true;
        return false;
    }
}

TestResponse TestHttpClient::readResponse(bool headRequest) {
    TestResponse response;
    const std::int64_t deadline = nowNs() + std::int64_t(m_timeoutMs) * 1'000'000;
    std::size_t headEnd;
    while ((headEnd = m_buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!receiveMore(deadline)) {
            response.error = m_error + " before a complete response head";
            return response;
        }
    }
    const std::string head = m_buffer.substr(0, headEnd);
    m_buffer.erase(0, headEnd + 4);

    std::string_view rest = head;
    const std::size_t lineEnd = rest.find("\r\n");
    const std::string_view statusLine = rest.substr(0, lineEnd);
    rest = lineEnd == std::string_view::npos ? std::string_view() : rest.substr(lineEnd + 2);
    // "HTTP/1.1 200 OK"
    if (statusLine.size() < 12 || statusLine.substr(0, 5) != "HTTP/") {
        response.error = "bad status line: " + std::string(statusLine);
        return response;
    }
    std::from_chars(statusLine.data() + 9, statusLine.data() + 12, response.status);
    response.reason = statusLine.size() > 13 ? std::string(statusLine.substr(13)) : "";
    while (!rest.empty()) {
        const std::size_t end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos)
            response.headers.emplace_back(std::string(line.substr(0, colon)),
                                          std::string(trim(line.substr(colon + 1))));
    }

    // A 1xx interim response ends at its head (RFC 9110 15.2); the final one follows.
    if (headRequest || (response.status >= 100 && response.status < 200))
        return response;
    if (response.hasHeader("Content-Length")) {
        std::size_t length = 0;
        const std::string value = response.header("Content-Length");
        std::from_chars(value.data(), value.data() + value.size(), length);
        while (m_buffer.size() < length) {
            if (!receiveMore(deadline)) {
                response.error = m_error + " in the body";
                response.status = 0;
                return response;
            }
        }
        response.body = m_buffer.substr(0, length);
        m_buffer.erase(0, length);
    } else {
        bool closed = false;
        while (receiveMore(deadline, &closed)) {
        }
        response.body = std::move(m_buffer);
        m_buffer.clear();
    }
    return response;
}

bool TestHttpClient::waitForClose(int timeoutMs) {
    const std::int64_t deadline = nowNs() + std::int64_t(timeoutMs) * 1'000'000;
    bool closed = false;
    while (receiveMore(deadline, &closed))
        m_buffer.clear();
    return closed;
}

std::string TestHttpClient::request(std::string_view method, std::string_view path,
                                    std::string_view requestId,
                                    const std::vector<std::string> &extraHeaders) {
    std::string text = std::string(method) + " " + std::string(path) +
                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: reqlanes-tests\r\n";
    if (!requestId.empty())
        text += "X-Request-Id: " + std::string(requestId) + "\r\n";
    for (const std::string &header : extraHeaders)
        text += header + "\r\n";
    return text + "\r\n";
}

TestResponse httpRequest(std::uint16_t port, std::string_view method, std::string_view path,
                         std::string_view requestId) {
    TestHttpClient client(port);
    if (!client.send(TestHttpClient::request(method, path, requestId))) {
        TestResponse failed;
        failed.error = client.error();
        return failed;
    }
    return client.readResponse(method == "HEAD");
}

std::vector<TestResponse> httpRequestsAtOnce(std::uint16_t port, int count, std::string_view path) {
    std::vector<TestHttpClient> clients;
    clients.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        clients.emplace_back(port);
        clients.back().send(TestHttpClient::request("GET", path, std::to_string(i)));
    }
    std::vector<TestResponse> responses;
    for (TestHttpClient &client : clients) {
        responses.push_back(client.readResponse());
        if (responses.back().status == 0 && !client.connected())
            responses.back().error = client.error();
    }
    return responses;
}

} // namespace reqlanes
