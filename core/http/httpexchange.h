// The one measured request path every strategy but `qnam` uses, so comparisons are fair.
// A blocking form (for sync, threads, thread-pool and worker processes) and a non-blocking form
// on a Qt event loop (AsyncHttpExchange, for async, async-semaphore and coroutines) share the
// request bytes, the response parser and the Server-Timing reading. Each reports its phases to
// an ExchangeListener as they happen, with absolute steady_clock timestamps.
#pragma once

#include "model/requestrecord.h"
#include "model/target.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace reqlanes {

class CancelToken;
class HttpResponseParser;
class ResolvedTarget;

struct ExchangeRequest {
    Target target;
    int requestId = 0;
    QByteArray requestIdHeader; // sent as X-Request-Id
    // The whole exchange, connect to last byte: what a step finds after it (bytes read by a thread
    // that was off the CPU past it) is a timeout too.
    int timeoutMs = 30000;
    // The target's addresses, resolved once per run and outliving the exchange; null: the
    // blocking form resolves target itself (worker processes, tests).
    const ResolvedTarget *address = nullptr;
};

// Receives one exchange's progress: each phase at most once, finished() exactly once, last.
// Client phases come as they happen; the server phases (ServerAccept/Start/End) are worked out
// from the response's Server-Timing once its headers are in, so they arrive after FirstByte.
class ExchangeListener {
public:
    virtual ~ExchangeListener() = default;
    virtual void phase(Phase phase, std::int64_t steadyNs) = 0;
    virtual void serverWorker(int /*worker*/) {}
    virtual void finished(RequestStatus status, int httpStatus, const QString &error) = 0;
};

// The bytes of the GET request: same for both forms. One connection per request, closed after
// it, like `requests.get` without a session: every request pays its own connect.
QByteArray buildRequest(const ExchangeRequest &request);

// Reports the server's side of a response: its phases from Server-Timing (its durations laid
// back from firstByteNs, since its clock is not ours) and its worker from X-Worker. serverTiming
// is every Server-Timing field line combined (RFC 9110 §5.3).
void reportServerSide(const QByteArray &serverTiming, const QByteArray &worker,
                      std::int64_t firstByteNs, ExchangeListener &listener);
// Ends an exchange whose response parsed completely: reports the server's phases (from
// Server-Timing, ending at firstByteNs, the final response's first byte) and worker (X-Worker),
// then finished() with Ok or HttpError. What ResponseReader ends both forms with.
void reportResponse(const HttpResponseParser &response, std::int64_t firstByteNs,
                    ExchangeListener &listener);
// Ends an exchange that got a whole response with this HTTP status: Done now, then Ok for 2xx,
// HttpError (saying the code) otherwise. Also what qnam ends its replies with.
void reportHttpStatus(int status, ExchangeListener &listener);
// Ends an exchange that failed: Done now, then finished().
void reportFailure(ExchangeListener &listener, RequestStatus status, const QString &error);
// "timed out after 150 ms while connecting": a timeout and the step it cut short.
QString timeoutMessage(int timeoutMs, const char *step);

// Blocking form: connect, send, read the whole response on the calling thread. Returns when
// finished() has been called. A cancel (token may be null) interrupts it at once.
void fetchBlocking(const ExchangeRequest &request, ExchangeListener &listener,
                   const CancelToken *cancel);

} // namespace reqlanes
