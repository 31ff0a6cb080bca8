#include "http/asynchttpexchange.h"

#include "model/clock.h"

#include <sys/epoll.h>
#include <sys/socket.h>

#include <cerrno>

namespace reqlanes {

AsyncHttpExchange::AsyncHttpExchange(ExchangeRequest request, const ResolvedTarget &address,
                                     ExchangeListener &listener, SocketReactor &reactor,
                                     QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_address(address)
    , m_listener(listener)
    , m_attempts(address)
    , m_reactor(reactor)
    , m_deadline(reactor.noDeadline())
    , m_reader(listener) {}

AsyncHttpExchange::~AsyncHttpExchange() {
    closeSocket();
}

void AsyncHttpExchange::start() {
    if (!m_address.error.isEmpty()) {
        failLater(RequestStatus::Refused, m_address.error);
        return;
    }
    const std::int64_t now = steadyNowNs();
    m_deadlineNs = now + std::int64_t(m_request.timeoutMs) * 1'000'000;
    m_deadline = m_reactor.addDeadline(m_deadlineNs, this);
    m_listener.phase(Phase::ConnectStart, now);
    bool inProgress = false;
    int error = 0;
    setSocket(m_attempts.startNext(&inProgress, &error));
    if (m_socket.get() < 0) {
        // The next address, if any, is tried from the event loop: nothing ends inside start().
        QMetaObject::invokeMethod(
            this, [this, error] { connectNext(error); }, Qt::QueuedConnection);
        return;
    }
    // On loopback the handshake is over before connect() returns, though it says EINPROGRESS:
    // the request goes out now, not a loop turn later (at 10,000 connects, turns add up). Whatever
    // ends here reports finished() from the event loop (m_starting).
    m_starting = true;
    if (inProgress)
        sendWhileConnecting();
    else
        onConnectable();
    m_starting = false;
}

// The request sent on a socket whose connect() said EINPROGRESS: the send itself tells whether
// the handshake is over. Linux's TCP answers a send on a socket still connecting with EAGAIN, and
// one whose handshake failed with its error (sk_stream_wait_connect): one system call where a
// poll and a getsockopt came first, a fifth of the client's per-request calls in a 10,000-request
// connect storm.
void AsyncHttpExchange::sendWhileConnecting() {
    m_unsent = buildRequest(m_request);
    const ssize_t n =
        ::send(m_socket.get(), m_unsent.constData(), std::size_t(m_unsent.size()), MSG_NOSIGNAL);
    const int sendError = errno;
    if (n < 0 && (sendError == EAGAIN || sendError == EINTR)) {
        // Still connecting: the reactor says when it is done (onConnectable).
        if (!watchFor(EPOLLOUT))
            end(RequestStatus::ProtocolError,
                QStringLiteral("could not watch the socket: %1").arg(systemError(errno)));
        return;
    }
    if (n < 0 && sendError != EPIPE && sendError != ECONNRESET) {
        setSocket(-1); // the handshake failed: the error is the connect's
        connectNext(sendError);
        return;
    }
    const std::int64_t now = steadyNowNs();
    if (timedOut(now))
        return;
    m_attempts.connected();
    m_listener.phase(Phase::Connected, now);
    m_stage = Stage::Sending;
    if (n < 0) { // connected, then closed by the server before our request went out
        end(RequestStatus::ProtocolError,
            QStringLiteral("could not send the request: %1").arg(systemError(sendError)));
        return;
    }
    m_unsent.remove(0, n);
    sendSome();
}

// The connect to one address failed with previousError: tries the next one, or ends.
void AsyncHttpExchange::connectNext(int previousError) {
    if (m_finished)
        return;
    int error = previousError;
    while (m_attempts.worthRetrying(error)) {
        bool inProgress = false;
        setSocket(m_attempts.startNext(&inProgress, &error));
        if (m_socket.get() < 0)
            continue;
        if (watchFor(EPOLLOUT))
            return; // connected at once or not, the reactor reports it writable on its next turn
        error = errno;
        setSocket(-1);
    }
    end(connectFailureStatus(error), connectFailureText(error));
}

void AsyncHttpExchange::failLater(RequestStatus status, const QString &error) {
    QMetaObject::invokeMethod(
        this, [this, status, error] { abort(status, error); }, Qt::QueuedConnection);
}

void AsyncHttpExchange::socketReady(std::uint32_t epollEvents) {
    if (m_finished)
        return;
    switch (m_stage) {
    case Stage::Connecting:
        onConnectable();
        break;
    case Stage::Sending:
        sendSome();
        break;
    case Stage::Receiving:
        // EPOLLHUP/EPOLLERR come with EPOLLIN semantics here: recv() tells what happened.
        if (epollEvents & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP))
            receiveSome();
        break;
    }
}

void AsyncHttpExchange::onConnectable() {
    const int error = connectResult(m_socket.get());
    const std::int64_t now = steadyNowNs();
    if (timedOut(now))
        return;
    if (error != 0) {
        setSocket(-1); // closing the descriptor takes it out of the epoll set
        connectNext(error);
        return;
    }
    m_attempts.connected();
    m_listener.phase(Phase::Connected, now);
    m_unsent = buildRequest(m_request);
    m_stage = Stage::Sending;
    sendSome();
}

void AsyncHttpExchange::sendSome() {
    while (!m_unsent.isEmpty()) {
        const ssize_t n = ::send(m_socket.get(), m_unsent.constData(), std::size_t(m_unsent.size()),
                                 MSG_NOSIGNAL);
        const int sendError = errno;
        if (timedOut(steadyNowNs()))
            return;
        if (n > 0) {
            m_unsent.remove(0, n);
        } else if (n < 0 && (sendError == EAGAIN || sendError == EINTR)) {
            if (!watchFor(EPOLLOUT)) // sent from start(), it was not watched yet
                end(RequestStatus::ProtocolError,
                    QStringLiteral("could not watch the socket: %1").arg(systemError(errno)));
            return;
        } else {
            end(RequestStatus::ProtocolError, QStringLiteral("could not send the request: %1")
                                                  .arg(systemError(n < 0 ? sendError : EPIPE)));
            return;
        }
    }
    m_listener.phase(Phase::Sent, steadyNowNs());
    m_stage = Stage::Receiving;
    if (!watchFor(EPOLLIN | EPOLLRDHUP))
        end(RequestStatus::ProtocolError,
            QStringLiteral("could not watch the socket: %1").arg(systemError(errno)));
}

// One epoll_ctl: an ADD for a socket not watched yet (the request went out from start()), else a
// MOD when the events change.
bool AsyncHttpExchange::watchFor(std::uint32_t events) {
    if (events == m_watched)
        return true;
    const bool ok = m_watched == 0 ? m_reactor.watch(m_socket.get(), events, this)
                                   : m_reactor.modify(m_socket.get(), events, this);
    if (ok)
        m_watched = events;
    return ok;
}

void AsyncHttpExchange::setSocket(int fd) {
    // Closing the descriptor takes it out of the epoll set (it is never duplicated).
    m_socket.reset(fd);
    m_watched = 0;
}

void AsyncHttpExchange::receiveSome() {
    char buffer[16 * 1024];
    for (;;) {
        const ssize_t n = ::recv(m_socket.get(), buffer, sizeof buffer, 0);
        const int recvError = errno;
        const std::int64_t now = steadyNowNs();
        if (timedOut(now))
            return;
        ResponseReader::Progress progress = ResponseReader::Progress::Reading;
        if (n > 0)
            progress = m_reader.onBytes(buffer, std::size_t(n), now);
        else if (n == 0)
            progress = m_reader.onEndOfStream();
        else if (recvError == EAGAIN || recvError == EINTR)
            return; // level-triggered: the reactor calls again when more arrives
        else
            progress = m_reader.onError(recvError);
        if (progress == ResponseReader::Progress::Finished) {
            ended();
            return;
        }
    }
}

void AsyncHttpExchange::deadlinePassed() {
    m_deadline = m_reactor.noDeadline(); // the reactor has dropped it already
    if (!m_finished)
        timeOut();
}

// A loop that comes back late has the socket's readiness and the deadline's timer due together,
// and Qt may hand out the socket first: what a step finds after the deadline does not count, or a
// whole late response would be taken as in time.
bool AsyncHttpExchange::timedOut(std::int64_t nowNs) {
    if (nowNs < m_deadlineNs)
        return false;
    timeOut();
    return true;
}

void AsyncHttpExchange::timeOut() {
    const char *step = m_stage == Stage::Connecting ? "connecting"
                       : m_stage == Stage::Sending  ? "sending the request"
                                                    : m_reader.timeoutStep();
    end(RequestStatus::Timeout, timeoutMessage(m_request.timeoutMs, step));
}

void AsyncHttpExchange::abort(RequestStatus status, const QString &error) {
    if (!m_finished)
        end(status, error);
}

void AsyncHttpExchange::closeSocket() {
    m_reactor.removeDeadline(std::exchange(m_deadline, m_reactor.noDeadline()));
    setSocket(-1);
}

// The reader has reported the end to the listener already.
void AsyncHttpExchange::ended() {
    m_finished = true;
    closeSocket();
    emitFinished();
}

void AsyncHttpExchange::end(RequestStatus status, const QString &error) {
    m_finished = true;
    closeSocket();
    reportFailure(m_listener, status, error);
    emitFinished();
}

void AsyncHttpExchange::emitFinished() {
    if (m_starting) // the caller connects to finished() after start() returns
        QMetaObject::invokeMethod(this, &AsyncHttpExchange::finished, Qt::QueuedConnection);
    else
        emit finished();
}

} // namespace reqlanes
