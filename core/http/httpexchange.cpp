#include "http/httpexchange.h"

#include "http/httpresponseparser.h"
#include "http/posixsocket.h"
#include "http/responsereader.h"
#include "http/servertiming.h"
#include "model/canceltoken.h"
#include "model/clock.h"
#include "uniquefd.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace reqlanes {

QByteArray buildRequest(const ExchangeRequest &request) {
    // Appended in place, without temporaries: a 10,000-request run builds it 10,000 times.
    const bool ipv6 = request.target.host.contains(QLatin1Char(':'));
    QByteArray bytes;
    bytes.reserve(160 + request.target.path.size() + request.target.host.size());
    bytes.append("GET ").append(request.target.path.toUtf8()).append(" HTTP/1.1\r\nHost: ");
    if (ipv6)
        bytes.append('['); // an IPv6 literal
    bytes.append(request.target.host.toUtf8());
    if (ipv6)
        bytes.append(']');
    bytes.append(':').append(QByteArray::number(request.target.port));
    bytes.append("\r\nUser-Agent: reqlanes\r\nAccept: */*\r\nX-Request-Id: ");
    bytes.append(request.requestIdHeader).append("\r\nConnection: close\r\n\r\n");
    return bytes;
}

void reportFailure(ExchangeListener &listener, RequestStatus status, const QString &error) {
    listener.phase(Phase::Done, steadyNowNs());
    listener.finished(status, 0, error);
}

void reportServerSide(const QByteArray &serverTiming, const QByteArray &worker,
                      std::int64_t firstByteNs, ExchangeListener &listener) {
    // For the embedded server its observer stamped the exact times first, and the recorder keeps
    // the first stamp; these matter for --target and for worker processes' own records.
    const ServerTiming timing = parseServerTiming(serverTiming);
    if (timing.valid() && firstByteNs >= 0) {
        const auto toNs = [](double ms) { return std::int64_t(std::llround(ms * 1e6)); };
        const std::int64_t start = firstByteNs - toNs(timing.appMs);
        listener.phase(Phase::ServerEnd, firstByteNs);
        listener.phase(Phase::ServerStart, start);
        if (timing.queueMs >= 0)
            listener.phase(Phase::ServerAccept, start - toNs(timing.queueMs));
    }
    bool workerOk = false;
    const int workerIndex = worker.toInt(&workerOk);
    if (workerOk && workerIndex >= 0 && workerIndex < 32768)
        listener.serverWorker(workerIndex);
}

void reportResponse(const HttpResponseParser &response, std::int64_t firstByteNs,
                    ExchangeListener &listener) {
    reportServerSide(response.combinedHeader("Server-Timing"), response.header("X-Worker"),
                     firstByteNs, listener);
    reportHttpStatus(response.statusCode(), listener);
}

void reportHttpStatus(int status, ExchangeListener &listener) {
    listener.phase(Phase::Done, steadyNowNs());
    if (status >= 200 && status < 300)
        listener.finished(RequestStatus::Ok, status, {});
    else
        listener.finished(RequestStatus::HttpError, status,
                          QStringLiteral("the server answered HTTP %1").arg(status));
}

QString timeoutMessage(int timeoutMs, const char *step) {
    return QStringLiteral("timed out after %1 ms while %2").arg(timeoutMs).arg(QLatin1String(step));
}

namespace {

// Waits for `events` on fd, or the cancel token, or the deadline; polls across EINTR.
enum class Wait { Ready, Cancelled, TimedOut, Failed };
Wait waitFor(int fd, short events, const CancelToken *cancel, std::int64_t deadlineNs) {
    for (;;) {
        if (cancel && cancel->isCancelled())
            return Wait::Cancelled;
        const std::int64_t left = deadlineNs - steadyNowNs();
        if (left <= 0)
            return Wait::TimedOut;
        pollfd fds[2] = {{fd, events, 0}, {cancel ? cancel->wakeFd() : -1, POLLIN, 0}};
        // Round up so a deadline 0.4 ms away does not spin with a 0 ms timeout.
        const int timeoutMs = int(std::min<std::int64_t>((left + 999'999) / 1'000'000, 60'000));
        const int ready = ::poll(fds, cancel ? 2 : 1, timeoutMs);
        if (ready < 0 && errno != EINTR)
            return Wait::Failed;
        if (ready > 0 && fds[1].revents)
            return Wait::Cancelled;
        if (ready > 0 && fds[0].revents)
            return Wait::Ready;
    }
}

// The blocking exchange, step by step. Each step returns false once it has reported the end.
class BlockingExchange {
public:
    BlockingExchange(const ExchangeRequest &request, ExchangeListener &listener,
                     const CancelToken *cancel)
        : m_request(request)
        , m_listener(listener)
        , m_cancel(cancel) {}

    void run() {
        ResolvedTarget own;
        if (!m_request.address)
            own = resolveTarget(m_request.target);
        const ResolvedTarget &resolved = m_request.address ? *m_request.address : own;
        if (!resolved.error.isEmpty()) {
            reportFailure(m_listener, RequestStatus::Refused, resolved.error);
            return;
        }
        const std::int64_t start = steadyNowNs();
        m_deadlineNs = start + std::int64_t(m_request.timeoutMs) * 1'000'000;
        m_listener.phase(Phase::ConnectStart, start);
        server::UniqueFd socket;
        if (connect(resolved, socket) && send(socket.get()))
            receive(socket.get());
    }

private:
    // The whole-request timeout bounds the request, not only its waits: a thread descheduled
    // past the deadline finds its socket ready and would take what it reads (a whole late
    // response) as in time. So each step's result is held against the clock before it counts:
    // true, with the timeout reported, once the deadline has passed.
    bool timedOut(std::int64_t nowNs, const char *step) {
        if (nowNs < m_deadlineNs)
            return false;
        reportWaitFailure(Wait::TimedOut, step);
        return true;
    }

    // Reports the end for a wait that did not become ready; the step in words for timeouts.
    void reportWaitFailure(Wait wait, const char *step) {
        if (wait == Wait::Cancelled)
            reportFailure(m_listener, RequestStatus::Cancelled, QStringLiteral("cancelled"));
        else if (wait == Wait::TimedOut)
            reportFailure(m_listener, RequestStatus::Timeout,
                          timeoutMessage(m_request.timeoutMs, step));
        else
            reportFailure(m_listener, RequestStatus::ProtocolError,
                          QStringLiteral("poll failed: %1").arg(systemError(errno)));
    }

    // Tries each address in turn until one connects (RFC 9110 §4.3.2 leaves the choice of
    // address to the client; curl and Qt try them all). One deadline covers every attempt.
    bool connect(const ResolvedTarget &resolved, server::UniqueFd &socket) {
        ConnectAttempts attempts(resolved);
        for (;;) {
            bool inProgress = false;
            int error = 0;
            socket.reset(attempts.startNext(&inProgress, &error));
            if (socket.get() >= 0 && inProgress) {
                if (const Wait wait = waitFor(socket.get(), POLLOUT, m_cancel, m_deadlineNs);
                    wait != Wait::Ready) {
                    reportWaitFailure(wait, "connecting");
                    return false;
                }
                error = connectResult(socket.get());
            }
            const std::int64_t now = steadyNowNs();
            if (timedOut(now, "connecting"))
                return false;
            if (socket.get() >= 0 && error == 0) {
                attempts.connected();
                m_listener.phase(Phase::Connected, now);
                return true;
            }
            socket.reset();
            if (!attempts.worthRetrying(error)) {
                reportFailure(m_listener, connectFailureStatus(error), connectFailureText(error));
                return false;
            }
        }
    }

    bool send(int fd) {
        const QByteArray bytes = buildRequest(m_request);
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd, bytes.constData() + sent, std::size_t(bytes.size() - sent),
                                     MSG_NOSIGNAL);
            const int sendError = errno;
            if (timedOut(steadyNowNs(), "sending the request"))
                return false;
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && (sendError == EAGAIN || sendError == EINTR)) {
                if (const Wait wait = waitFor(fd, POLLOUT, m_cancel, m_deadlineNs);
                    wait != Wait::Ready) {
                    reportWaitFailure(wait, "sending the request");
                    return false;
                }
                continue;
            }
            reportFailure(m_listener, RequestStatus::ProtocolError,
                          QStringLiteral("could not send the request: %1")
                              .arg(systemError(n < 0 ? sendError : EPIPE)));
            return false;
        }
        m_listener.phase(Phase::Sent, steadyNowNs());
        return true;
    }

    void receive(int fd) {
        ResponseReader reader(m_listener);
        char buffer[16 * 1024];
        for (;;) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            const int recvError = errno;
            const std::int64_t now = steadyNowNs();
            if (timedOut(now, reader.timeoutStep()))
                return;
            ResponseReader::Progress progress = ResponseReader::Progress::Reading;
            if (n > 0) {
                progress = reader.onBytes(buffer, std::size_t(n), now);
            } else if (n == 0) {
                progress = reader.onEndOfStream();
            } else if (recvError == EAGAIN || recvError == EINTR) {
                if (const Wait wait = waitFor(fd, POLLIN, m_cancel, m_deadlineNs);
                    wait != Wait::Ready) {
                    reportWaitFailure(wait, reader.timeoutStep());
                    return;
                }
            } else {
                progress = reader.onError(recvError);
            }
            if (progress == ResponseReader::Progress::Finished)
                return;
        }
    }

    const ExchangeRequest &m_request;
    ExchangeListener &m_listener;
    const CancelToken *m_cancel;
    std::int64_t m_deadlineNs = 0;
};

} // namespace

void fetchBlocking(const ExchangeRequest &request, ExchangeListener &listener,
                   const CancelToken *cancel) {
    if (cancel && cancel->isCancelled()) {
        reportFailure(listener, RequestStatus::Cancelled, QStringLiteral("cancelled"));
        return;
    }
    BlockingExchange(request, listener, cancel).run();
}

} // namespace reqlanes
