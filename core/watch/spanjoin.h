// Joins spans received live (OTLP/HTTP) to a watch session: a client span whose request reached
// the embedded server carries that request's W3C traceparent (trace id and the client span's
// id), so the two are one request seen from both sides: the server's phases as observed, the
// client's start and end from its span. A span that matches no observed request (it went to
// another server, or its request belongs to no session here) becomes a request of its own,
// with no connection and no worker: never drawn as a request to the slow server. Pure logic on a
// Run, so it is tested without a server; WatchRecorder calls it under its lock.
#pragma once

#include "formats/otlprun.h"
#include "model/run.h"

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace reqlanes::watch {

// The trace id and parent id of a traceparent header ("00-TRACE-PARENT-FLAGS"), lower case;
// nullopt when it is not one (W3C Trace Context, version 00 and later versions' first fields).
std::optional<std::pair<QString, QString>> parseTraceParent(const QString &header);

// `requests` in absolute Unix nanoseconds; `unixToSessionNs` is added to convert them to the
// session's clock (nanoseconds since its origin); times before the origin are clamped to it.
// Keeps Run::spans one per request. Returns how many spans joined an observed request.
int joinSpans(Run &session, const std::vector<TracedRequest> &requests,
              std::int64_t unixToSessionNs);

} // namespace reqlanes::watch
