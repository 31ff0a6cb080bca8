// The one measured request path every strategy but `qnam` uses, so comparisons are fair.
// A blocking form (for sync, threads, thread-pool and worker processes) and a non-blocking form
// on a Qt event loop (AsyncHttpExchange, for async, async-semaphore and coroutines) share the
// request bytes, the response parser and the Server-Timing reading. Each reports its phases to
// an ExchangeListener as they happen, with absolute steady_clock timestamps.
#pragma once

#include "requestrecord.h"
#include "target.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace reqlanes {

class CancelToken;
class RunRecorder;

struct ExchangeRequest {
    Target target;
    int requestId = 0;
    QByteArray requestIdHeader; // sent as X-Request-Id
    int timeoutMs = 30000;      // whole exchange, connect to last byte
};

// Receives one exchange's progress. Phases come in order, each at most once; finished() exactly
// once, last. Server phases (ServerAccept/Start/End) come from the response's Server-Timing.
class ExchangeListener {
public:
    virtual ~ExchangeListener() = default;
    virtual void phase(Phase phase, std::int64_t steadyNs) = 0;
    virtual void serverWorker(int /*worker*/) {}
    virtual void finished(RequestStatus status, int httpStatus, const QString &error) = 0;
};

// Writes an exchange straight into a RunRecorder slot (in-process strategies).
class RecorderListener final : public ExchangeListener {
public:
    RecorderListener(RunRecorder &recorder, int id)
        : m_recorder(recorder)
        , m_id(id) {}
    void phase(Phase phase, std::int64_t steadyNs) override;
    void serverWorker(int worker) override;
    void finished(RequestStatus status, int httpStatus, const QString &error) override;

private:
    RunRecorder &m_recorder;
    int m_id;
};

// The bytes of the GET request: same for both forms.
QByteArray buildRequest(const ExchangeRequest &request);

// Blocking form: connect, send, read the whole response on the calling thread. Returns when
// finished() has been called. A cancel (token may be null) interrupts it at once.
void fetchBlocking(const ExchangeRequest &request, ExchangeListener &listener,
                   const CancelToken *cancel);

} // namespace reqlanes
