// Who sent a watched request: the TCP connection it came on and the client process behind it,
// as the embedded server saw them (watch mode). Side tables of a Run, empty for strategy runs;
// RequestRecord stays the same for both kinds of run.
#pragma once

#include "model/clock.h"

#include <QString>

#include <cstdint>

namespace reqlanes {

struct ClientConnection {
    std::uint64_t serverId = 0; // the server's connection id (unique while it runs)
    QString peer;               // "127.0.0.1:53422", "[::1]:53422"
    std::int32_t processId = 0; // the client process owning the peer socket; 0 = unknown
    QString command;            // its command line (arguments joined by spaces), "" if unknown
    Nanos opened = kUnset;      // accepted; kUnset when it was opened before the session began
    Nanos closed = kUnset;      // kUnset while open (or when it outlived the session)
    QString closeReason;        // "closed by client", "idle timeout", ...
    bool operator==(const ClientConnection &) const = default;
};

// What a watched request said about itself, beyond its phases.
struct RequestOrigin {
    int connection = -1; // index into Run::connections
    QString requestId;   // its X-Request-Id header, if it sent one
    QString clientLane;  // its X-Client-Lane header: the lane name the client asks for
    QString target;      // "GET /path?x=1"; "" when it was refused before its head was read
    QString traceParent; // its W3C traceparent header (an OpenTelemetry-traced client), or ""
    bool operator==(const RequestOrigin &) const = default;
};

} // namespace reqlanes
