// What OpenTelemetry spans mean to reqlanes: HTTP client and server spans become requests. A
// client span is a request from its start to its end; its server span (same trace, parent =
// the client span) is the server work inside it; span events name network phases where a
// producer recorded them. What a span cannot say (slot waits, connect, server queueing) stays
// unknown (kUnset), never invented. Semantic conventions read: http.request.method,
// url.full, server.address, server.port, http.response.status_code, error.type, and the older
// http.method, http.url, http.host, net.peer.name, net.peer.port, http.status_code.
// Used by the OTLP file reader (a Run) and by watch mode (spans received live).
#pragma once

#include "formats/otlpreader.h"
#include "model/run.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace reqlanes {

// One request as its spans told it, phases in absolute Unix nanoseconds (kUnset = unknown).
struct TracedRequest {
    RequestRecord record; // id = 0; the caller numbers it
    TracedSpan span;
};

// The HTTP spans among `spans` as requests, ordered by start: client spans (with their server
// child's work), then server spans whose client span is not among them, as server work alone
// (created = the span's start: its client is unknown). Spans of other kinds and spans without
// an HTTP method are left out.
std::vector<TracedRequest> tracedRequests(const std::vector<OtlpSpan> &spans);

// A Run of traced requests on its own clock: origin = the earliest start, startedAt = that wall
// time, strategy "otlp". Its side table Run::spans holds each request's span.
Run runFromTracedRequests(std::vector<TracedRequest> requests);

// The file format's reader: readOtlpFile + tracedRequests + runFromTracedRequests. A file with
// spans but no HTTP span is an error ("no HTTP client or server spans among N spans").
std::optional<Run> runFromOtlpJson(const QByteArray &bytes, QString *error);

// The strategy id of runs read from traces.
inline constexpr const char *kTracedRunStrategy = "otlp";

// Phases in span events: reqlanes' own phase names as written by the OTLP writer ("sent"), and
// the browser's resource timing names of OpenTelemetry's fetch instrumentation ("connectStart",
// "responseStart"). nullopt for any other event.
std::optional<Phase> phaseOfSpanEvent(const QString &name);

} // namespace reqlanes
