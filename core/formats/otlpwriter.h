// Writes a run or watch session as OpenTelemetry traces in OTLP/JSON (one TracesData document on
// one line, so it is also a one-line JSON Lines file the Collector's file receiver and reqlanes
// read back): one trace per run under a root span named after the run; per request a client span
// (created to done, its network phases as span events named after reqlanes' phases) and, where
// the server's handler times are known, a server span inside it (handler start to end, the
// server's accept as an event, the worker as reqlanes.server.worker). Semantic conventions:
// http.request.method, url.full / url.path, server.address, server.port,
// http.response.status_code, error.type. Resource service.name = reqlanes, or for a run read from
// traces the service each span came from. A request still in progress ends at the run's elapsed
// time; other clients' requests (Run::outsideRequests) are not written.
#pragma once

#include "model/run.h"

#include <QByteArray>

namespace reqlanes {

QByteArray runToOtlpJson(const Run &run);

} // namespace reqlanes
