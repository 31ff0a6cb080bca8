// Turns what ServerLoop does with a connection into ServerObserver connection events (watch
// mode): who connected, which request arrived with which cooperating headers, what was refused
// and why, when the response went out, how the connection ended. A no-op without an observer,
// so a server nobody watches pays nothing for it.
#pragma once

#include "httprequestparser.h"
#include "httpresponse.h"
#include "serverconnection.h"
#include "serverobserver.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace reqlanes::server {

class ConnectionReporter {
public:
    explicit ConnectionReporter(ServerObserver *observer)
        : m_observer(observer) {}

    bool active() const { return m_observer != nullptr; }

    void accepted(const ServerConnection &connection, std::int64_t nowNs);
    // The first byte of a request, received at `receivedNs` and read now.
    void began(const ServerConnection &connection, std::int64_t receivedNs, std::int64_t nowNs);
    // Keeps the bytes of the request head the parser is fed (bounded), so requestReceived can
    // report X-Client-Lane without the parser having to know about it.
    void captureHead(ServerConnection &connection, std::string_view bytes) const;
    void received(ServerConnection &connection, const HttpRequest &request, std::int64_t nowNs);
    void refused(const ServerConnection &connection, const HttpResponse &response,
                 std::int64_t nowNs);
    void written(const ServerConnection &connection, std::int64_t nowNs);
    void closed(const ServerConnection &connection, const char *reason, std::int64_t nowNs);

    // The value of header `name` (case-insensitive, RFC 9110 5.1) in a request head, trimmed of
    // optional whitespace (RFC 9110 5.6.3), at most 200 bytes; "" if absent. Only the head up to
    // its blank line is searched.
    static std::string headerValue(std::string_view head, std::string_view name);

private:
    ServerObserver *m_observer;
};

} // namespace reqlanes::server
