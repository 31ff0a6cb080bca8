#include "connectionreporter.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>

namespace reqlanes::server {

namespace {

constexpr std::size_t kMaxReportedBytes = 200;

// What every event of a connection carries: which one, and when.
ServerConnectionEvent eventOf(const ServerConnection &connection, std::int64_t nowNs) {
    ServerConnectionEvent event;
    event.connectionId = connection.id;
    event.atNs = nowNs;
    return event;
}

void describe(const sockaddr_storage &storage, std::string &address, std::uint16_t &port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (storage.ss_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(&storage);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
    } else if (storage.ss_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&storage);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
    }
    address = text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::string bounded(std::string_view text) {
    return std::string(text.substr(0, kMaxReportedBytes));
}

} // namespace

std::string ConnectionReporter::headerValue(std::string_view head, std::string_view name) {
    if (const std::size_t end = head.find("\r\n\r\n"); end != std::string_view::npos)
        head = head.substr(0, end);
    // Skip the request line; then one field line per line (obsolete folding is rejected by the
    // parser, RFC 9112 5.2, so a continuation line never reaches here as a valid request).
    std::size_t lineStart = head.find('\n');
    while (lineStart != std::string_view::npos) {
        const std::size_t lineEnd = head.find('\n', lineStart + 1);
        const std::string_view line = head.substr(
            lineStart + 1, lineEnd == std::string_view::npos ? head.npos : lineEnd - lineStart - 1);
        if (const std::size_t colon = line.find(':');
            colon != std::string_view::npos && equalsIgnoringCase(line.substr(0, colon), name))
            return bounded(trimmed(line.substr(colon + 1)));
        lineStart = lineEnd;
    }
    return {};
}

void ConnectionReporter::accepted(const ServerConnection &connection, std::int64_t nowNs) {
    if (!m_observer)
        return;
    ServerConnectionEvent event = eventOf(connection, nowNs);
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (::getpeername(connection.socket.get(), reinterpret_cast<sockaddr *>(&peer), &length) == 0)
        describe(peer, event.peerAddress, event.peerPort);
    sockaddr_storage local{};
    length = sizeof local;
    if (::getsockname(connection.socket.get(), reinterpret_cast<sockaddr *>(&local), &length) == 0)
        describe(local, event.localAddress, event.localPort);
    m_observer->connectionAccepted(event);
}

void ConnectionReporter::began(const ServerConnection &connection, std::int64_t receivedNs,
                               std::int64_t nowNs) {
    if (!m_observer)
        return;
    ServerConnectionEvent event = eventOf(connection, nowNs);
    event.arrivedNs = receivedNs;
    m_observer->requestBegan(event);
}

void ConnectionReporter::captureHead(ServerConnection &connection, std::string_view bytes) const {
    if (!m_observer || connection.head.find("\r\n\r\n") != std::string::npos)
        return;
    // The parser refuses heads over its cap; keeping a little more than that is enough.
    const std::size_t room = connection.headCapacity > connection.head.size()
                                 ? connection.headCapacity - connection.head.size()
                                 : 0;
    connection.head.append(bytes.substr(0, room));
}

void ConnectionReporter::received(ServerConnection &connection, const HttpRequest &request,
                                  std::int64_t nowNs) {
    if (!m_observer || connection.unobserved)
        return;
    ServerConnectionEvent event = eventOf(connection, nowNs);
    event.arrivedNs = connection.arrivedNs;
    event.method = bounded(request.method);
    event.target = bounded(request.target);
    event.requestId = bounded(request.requestId);
    event.clientLane = headerValue(connection.head, "X-Client-Lane");
    event.traceParent = headerValue(connection.head, "traceparent");
    m_observer->requestReceived(event);
}

void ConnectionReporter::refused(const ServerConnection &connection, const HttpResponse &response,
                                 std::int64_t nowNs) {
    if (!m_observer || connection.unobserved)
        return;
    ServerConnectionEvent event = eventOf(connection, nowNs);
    event.arrivedNs = connection.arrivedNs;
    event.status = response.status;
    std::string_view body = response.body;
    while (!body.empty() && body.back() == '\n')
        body.remove_suffix(1);
    event.reason = std::to_string(response.status) + " " +
                   std::string(reasonPhrase(response.status)) +
                   (body.empty() || body == reasonPhrase(response.status) ? std::string()
                                                                          : ": " + bounded(body));
    m_observer->requestRefused(event);
}

void ConnectionReporter::written(const ServerConnection &connection, std::int64_t nowNs) {
    if (!m_observer || connection.unobserved)
        return;
    ServerConnectionEvent event = eventOf(connection, nowNs);
    event.status = connection.responseStatus;
    event.respondedNs = connection.respondedNs;
    m_observer->responseWritten(event);
}

void ConnectionReporter::closed(const ServerConnection &connection, const char *reason,
                                std::int64_t nowNs) {
    if (!m_observer)
        return;
    ServerConnectionEvent event = eventOf(connection, nowNs);
    event.reason = reason;
    m_observer->connectionClosed(event);
}

} // namespace reqlanes::server
