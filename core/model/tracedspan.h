// What an OpenTelemetry span said about the request it became: the service and host that
// recorded it and where it sits in its trace. A side table of a Run (Run::spans, index == request
// id), filled for runs read from OTLP files and for watch sessions that received spans; empty
// otherwise. The lanes by service, by host and by trace read it.
#pragma once

#include <QString>

namespace reqlanes {

struct TracedSpan {
    QString service; // resource service.name ("checkout"); "" when the producer gave none
    QString host;    // the server it called (server.address / net.peer.name / url host), else ""
    QString traceId; // 32 lower-case hex digits; "" for a request no span described
    QString spanId;  // 16 lower-case hex digits: the client span (or the server span alone)
    QString name;    // the span's name ("GET", "GET /checkout")
    QString url;     // url.full / http.url, else "" (method and path are in the name then)
    bool operator==(const TracedSpan &) const = default;

    bool traced() const { return !traceId.isEmpty(); }
};

} // namespace reqlanes
