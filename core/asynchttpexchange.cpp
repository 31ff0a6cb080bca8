#include "asynchttpexchange.h"

#include "clock.h"

#include <QNetworkProxy>

namespace reqlanes {

AsyncHttpExchange::AsyncHttpExchange(ExchangeRequest request, ExchangeListener &listener,
                                     QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_listener(listener)
    , m_socket(this)
    , m_timeout(this) {
    m_timeout.setSingleShot(true);
    // Precise: a coarse timer may fire 5% early, and a timeout must never cut a request short.
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &AsyncHttpExchange::onTimeout);
    connect(&m_socket, &QTcpSocket::connected, this, &AsyncHttpExchange::onConnected);
    connect(&m_socket, &QTcpSocket::bytesWritten, this, &AsyncHttpExchange::onBytesWritten);
    connect(&m_socket, &QTcpSocket::readyRead, this, &AsyncHttpExchange::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &AsyncHttpExchange::onDisconnected);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &AsyncHttpExchange::onError);
}

void AsyncHttpExchange::start() {
    m_timeout.start(m_request.timeoutMs);
    m_listener.phase(Phase::ConnectStart, steadyNowNs());
    // No proxy: the measured path goes straight to the target, like fetchBlocking.
    m_socket.setProxy(QNetworkProxy::NoProxy);
    m_socket.connectToHost(m_request.target.host, m_request.target.port);
}

void AsyncHttpExchange::onConnected() {
    m_listener.phase(Phase::Connected, steadyNowNs());
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QByteArray bytes = buildRequest(m_request);
    m_unsent = bytes.size();
    m_socket.write(bytes);
}

void AsyncHttpExchange::onBytesWritten(qint64 bytes) {
    m_unsent -= bytes;
    if (m_unsent <= 0 && !m_finished)
        m_listener.phase(Phase::Sent, steadyNowNs());
}

void AsyncHttpExchange::onReadyRead() {
    if (m_finished)
        return;
    const QByteArray bytes = m_socket.readAll();
    if (bytes.isEmpty())
        return;
    if (m_firstByteNs < 0) {
        m_firstByteNs = steadyNowNs();
        m_listener.phase(Phase::FirstByte, m_firstByteNs);
    }
    m_parser.feed(bytes.constData(), std::size_t(bytes.size()));
    if (m_parser.state() == HttpResponseParser::State::Complete)
        endWithResponse();
    else if (m_parser.state() == HttpResponseParser::State::Error)
        end(RequestStatus::ProtocolError, m_parser.error());
}

void AsyncHttpExchange::onDisconnected() {
    if (m_finished)
        return;
    onReadyRead(); // whatever arrived with the close
    if (m_finished)
        return;
    if (m_parser.finishOnClose() == HttpResponseParser::State::Complete)
        endWithResponse();
    else
        end(RequestStatus::ProtocolError, m_parser.error());
}

void AsyncHttpExchange::onError(QAbstractSocket::SocketError error) {
    if (m_finished)
        return;
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        onDisconnected();
        return;
    case QAbstractSocket::ConnectionRefusedError:
        end(RequestStatus::Refused, QStringLiteral("connection refused"));
        return;
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::NetworkError:
        end(RequestStatus::Refused,
            QStringLiteral("could not connect: %1").arg(m_socket.errorString()));
        return;
    case QAbstractSocket::SocketTimeoutError:
        onTimeout();
        return;
    default:
        end(RequestStatus::ProtocolError, m_socket.errorString());
    }
}

void AsyncHttpExchange::onTimeout() {
    if (m_finished)
        return;
    const char *step = m_socket.state() != QAbstractSocket::ConnectedState ? "connecting"
                       : m_firstByteNs < 0 ? "waiting for the response"
                                           : "reading the response";
    end(RequestStatus::Timeout, QStringLiteral("timed out after %1 ms while %2")
                                    .arg(m_request.timeoutMs)
                                    .arg(QLatin1String(step)));
}

void AsyncHttpExchange::abort(RequestStatus status, const QString &error) {
    if (!m_finished)
        end(status, error);
}

void AsyncHttpExchange::endWithResponse() {
    m_finished = true;
    m_timeout.stop();
    reportResponse(m_parser, m_firstByteNs, m_listener);
    m_socket.abort();
    emit finished();
}

void AsyncHttpExchange::end(RequestStatus status, const QString &error) {
    m_finished = true;
    m_timeout.stop();
    reportFailure(m_listener, status, error);
    // abort() may emit disconnected/error again; m_finished makes those no-ops.
    m_socket.abort();
    emit finished();
}

} // namespace reqlanes
