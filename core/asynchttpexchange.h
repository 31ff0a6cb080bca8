// The non-blocking form of the measured request, for the event-loop strategies (async,
// async-semaphore, coroutines): one QTcpSocket driven by the calling thread's event loop, the
// same request bytes, response parser and Server-Timing reading as fetchBlocking. Deliberately
// not QNetworkAccessManager, whose 6-connections-per-host pool would cap "all at once" silently.
#pragma once

#include "httpexchange.h"
#include "httpresponseparser.h"

#include <QObject>
#include <QTcpSocket>
#include <QTimer>

namespace reqlanes {

class AsyncHttpExchange final : public QObject {
    Q_OBJECT
public:
    AsyncHttpExchange(ExchangeRequest request, ExchangeListener &listener,
                      QObject *parent = nullptr);

    void start(); // connects; returns at once
    // Ends it now with this status (cancel), unless it has finished already.
    void abort(RequestStatus status, const QString &error);
    bool isFinished() const { return m_finished; }

signals:
    void finished(); // exactly once, after the listener's finished()

private:
    void onConnected();
    void onBytesWritten(qint64 bytes);
    void onReadyRead();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onTimeout();
    void end(RequestStatus status, const QString &error);
    void endWithResponse();

    ExchangeRequest m_request;
    ExchangeListener &m_listener;
    QTcpSocket m_socket;
    QTimer m_timeout;
    HttpResponseParser m_parser;
    qint64 m_unsent = 0;
    std::int64_t m_firstByteNs = -1;
    bool m_finished = false;
};

} // namespace reqlanes
