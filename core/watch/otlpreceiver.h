// The OTLP/HTTP receiver of watch mode: POST /v1/traces with JSON encoding (an OpenTelemetry
// SDK's OTLP/HTTP exporter, or a Collector's otlphttp exporter with `encoding: json`), an ingest
// endpoint of the watch server (server/ingestendpoints.h), answered at once on the server's I/O
// thread. Received HTTP spans join the watch session in progress (WatchRecorder::addSpans);
// they are never requests to the slow server.
//
// Responses follow the OTLP specification's "OTLP/HTTP Response": 200 with an
// ExportTraceServiceResponse ("{}", or "partialSuccess" naming how many spans were rejected and
// why); 400 with a google.rpc.Status body for a payload that is not OTLP/JSON; 415 for any
// other Content-Type (protobuf: the exporter must be set to JSON); 405 for a method other than
// POST. Bodies may be gzip-compressed (Content-Encoding: gzip, the Collector's default).
#pragma once

#include "ingestendpoints.h"

#include <QByteArray>

#include <optional>

namespace reqlanes::watch {

class WatchRecorder;

inline constexpr const char *kOtlpTracesPath = "/v1/traces";

// The reply to one request; the spans go to `recorder` (may be null: nothing is kept).
server::IngestReply receiveOtlpTraces(const server::IngestRequest &request,
                                      WatchRecorder *recorder);

// A gzip stream inflated, at most `limit` bytes; nullopt when it is not gzip or inflates
// beyond the limit.
std::optional<QByteArray> gunzip(const QByteArray &compressed, qsizetype limit);

} // namespace reqlanes::watch
