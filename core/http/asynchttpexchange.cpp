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
    , m_reactor(reactor)
    , m_deadline(reactor.noDeadline()) {}

AsyncHttpExchange::~AsyncHttpExchange() {
    closeSocket();
}

void AsyncHttpExchange::start() {
    if (!m_address.error.isEmpty()) {
        failLater(RequestStatus::Refused, m_address.error);
        return;
    }
    const std::int64_t now = steadyNowNs();
    m_deadline = m_reactor.addDeadline(now + std::int64_t(m_request.timeoutMs) * 1'000'000, this);
    m_listener.phase(Phase::ConnectStart, now);
    bool inProgress = false;
    int error = 0;
    m_socket.reset(startConnect(m_address, &inProgress, &error));
    if (m_socket.fd() < 0) {
        failLater(connectFailureStatus(error), connectFailureText(error));
        return;
    }
    if (!m_reactor.watch(m_socket.fd(), EPOLLOUT, this))
        failLater(RequestStatus::ProtocolError,
                  QStringLiteral("could not watch the socket: %1").arg(systemError(errno)));
    // Connected at once or not, the reactor reports it writable on its next turn.
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
    if (const int error = connectResult(m_socket.fd()); error != 0) {
        end(connectFailureStatus(error), connectFailureText(error));
        return;
    }
    m_listener.phase(Phase::Connected, steadyNowNs());
    m_unsent = buildRequest(m_request);
    m_stage = Stage::Sending;
    sendSome();
}

void AsyncHttpExchange::sendSome() {
    while (!m_unsent.isEmpty()) {
        const ssize_t n =
            ::send(m_socket.fd(), m_unsent.constData(), std::size_t(m_unsent.size()), MSG_NOSIGNAL);
        if (n > 0) {
            m_unsent.remove(0, n);
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            return; // still watched for EPOLLOUT
        } else {
            end(RequestStatus::ProtocolError, QStringLiteral("could not send the request: %1")
                                                  .arg(systemError(n < 0 ? errno : EPIPE)));
            return;
        }
    }
    m_listener.phase(Phase::Sent, steadyNowNs());
    m_stage = Stage::Receiving;
    m_reactor.modify(m_socket.fd(), EPOLLIN | EPOLLRDHUP, this);
}

void AsyncHttpExchange::receiveSome() {
    char buffer[16 * 1024];
    for (;;) {
        const ssize_t n = ::recv(m_socket.fd(), buffer, sizeof buffer, 0);
        if (n > 0) {
            if (m_firstByteNs < 0) {
                m_firstByteNs = steadyNowNs();
                m_listener.phase(Phase::FirstByte, m_firstByteNs);
            }
            m_parser.feed(buffer, std::size_t(n));
        } else if (n == 0) {
            m_parser.finishOnClose();
        } else if (errno == EAGAIN || errno == EINTR) {
            return; // level-triggered: the reactor calls again when more arrives
        } else if (errno == ECONNRESET) {
            end(RequestStatus::ProtocolError, QStringLiteral("the server reset the connection"));
            return;
        } else {
            end(RequestStatus::ProtocolError,
                QStringLiteral("could not read the response: %1").arg(systemError(errno)));
            return;
        }
        if (m_parser.state() == HttpResponseParser::State::Complete) {
            endWithResponse();
            return;
        }
        if (m_parser.state() == HttpResponseParser::State::Error) {
            end(RequestStatus::ProtocolError, m_parser.error());
            return;
        }
    }
}

void AsyncHttpExchange::deadlinePassed() {
    m_deadline = m_reactor.noDeadline(); // the reactor has dropped it already
    if (m_finished)
        return;
    const char *step = m_stage == Stage::Connecting ? "connecting"
                       : m_stage == Stage::Sending  ? "sending the request"
                       : m_firstByteNs < 0          ? "waiting for the response"
                                                    : "reading the response";
    end(RequestStatus::Timeout, timeoutMessage(m_request.timeoutMs, step));
}

void AsyncHttpExchange::abort(RequestStatus status, const QString &error) {
    if (!m_finished)
        end(status, error);
}

void AsyncHttpExchange::closeSocket() {
    m_reactor.removeDeadline(std::exchange(m_deadline, m_reactor.noDeadline()));
    // Closing the descriptor takes it out of the epoll set (it is never duplicated).
    m_socket.reset();
}

void AsyncHttpExchange::endWithResponse() {
    m_finished = true;
    closeSocket();
    reportResponse(m_parser, m_firstByteNs, m_listener);
    emit finished();
}

void AsyncHttpExchange::end(RequestStatus status, const QString &error) {
    m_finished = true;
    closeSocket();
    reportFailure(m_listener, status, error);
    emit finished();
}

} // namespace reqlanes
