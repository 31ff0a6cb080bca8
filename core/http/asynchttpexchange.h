// The non-blocking form of the measured request, for the event-loop strategies (async,
// async-semaphore, coroutines): a non-blocking socket driven by the calling thread's event loop
// through a SocketReactor, with the same request bytes and the same ResponseReader as
// fetchBlocking. Deliberately not QNetworkAccessManager, whose 6-connections-per-host
// pool would cap "all at once" silently.
#pragma once

#include "http/httpexchange.h"
#include "http/posixsocket.h"
#include "http/responsereader.h"
#include "http/socketreactor.h"
#include "uniquefd.h"

#include <QObject>

namespace reqlanes {

class AsyncHttpExchange final : public QObject, private SocketReactor::Handler {
    Q_OBJECT
public:
    AsyncHttpExchange(ExchangeRequest request, const ResolvedTarget &address,
                      ExchangeListener &listener, SocketReactor &reactor,
                      QObject *parent = nullptr);
    ~AsyncHttpExchange() override;

    // Starts connecting and returns at once, having sent the request when the connect was done
    // by then (over loopback it is). finished() never comes from inside start(): a
    // failure to start (no descriptors left, say) is reported from the event loop, so the
    // caller can connect to finished() after calling start().
    void start();
    // Ends it now with this status (cancel), unless it has finished already.
    void abort(RequestStatus status, const QString &error);
    // Ends it with this status from the event loop (same guarantee as start()).
    void failLater(RequestStatus status, const QString &error);

signals:
    void finished(); // exactly once, after the listener's finished()

private:
    enum class Stage { Connecting, Sending, Receiving };

    void socketReady(std::uint32_t epollEvents) override;
    void deadlinePassed() override;
    // True, with the timeout reported, once the deadline has passed.
    bool timedOut(std::int64_t nowNs);
    void timeOut();
    void connectNext(int previousError);
    void onConnectable();
    void sendWhileConnecting();
    void sendSome();
    void receiveSome();
    void end(RequestStatus status, const QString &error);
    void ended();
    void emitFinished();
    bool watchFor(std::uint32_t events); // false and errno on failure
    void setSocket(int fd);
    void closeSocket();

    ExchangeRequest m_request;
    const ResolvedTarget &m_address;
    ExchangeListener &m_listener;
    ConnectAttempts m_attempts;
    SocketReactor &m_reactor;
    SocketReactor::Deadline m_deadline;
    std::int64_t m_deadlineNs = 0;
    server::UniqueFd m_socket;
    std::uint32_t m_watched = 0; // the socket's events in the reactor's epoll set, 0: not in it
    Stage m_stage = Stage::Connecting;
    QByteArray m_unsent;
    ResponseReader m_reader;
    bool m_finished = false;
    bool m_starting = false; // inside start()
};

} // namespace reqlanes
