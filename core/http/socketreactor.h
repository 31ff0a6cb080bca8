// One epoll set and one deadline queue for every socket of an event-loop run, watched by a single
// QSocketNotifier and a single QTimer. Qt's own dispatchers poll every registered socket on each
// loop iteration, which at 10,000 connections costs more than the requests; behind one epoll
// descriptor a wake-up costs only the sockets that are ready (what asyncio's selector does).
#pragma once

#include "uniquefd.h"

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdint>
#include <map>

namespace reqlanes {

class SocketReactor final : public QObject {
    Q_OBJECT
public:
    class Handler {
    public:
        virtual void socketReady(std::uint32_t epollEvents) = 0;
        virtual void deadlinePassed() = 0;

    protected:
        ~Handler() = default;
    };
    using Deadline = std::multimap<std::int64_t, Handler *>::iterator;

    explicit SocketReactor(QObject *parent = nullptr);
    ~SocketReactor() override;
    bool isValid() const { return m_epollFd.valid(); }

    // EPOLLIN / EPOLLOUT for fd, reported to handler until fd is closed; false and errno on
    // failure.
    bool watch(int fd, std::uint32_t events, Handler *handler);
    bool modify(int fd, std::uint32_t events, Handler *handler);

    Deadline addDeadline(std::int64_t steadyNs, Handler *handler);
    void removeDeadline(Deadline deadline);
    Deadline noDeadline() { return m_deadlines.end(); }

private:
    void dispatchReady();
    void dispatchDeadlines();
    void armTimer();

    server::UniqueFd m_epollFd;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_timer;
    std::multimap<std::int64_t, Handler *> m_deadlines;
};

} // namespace reqlanes
