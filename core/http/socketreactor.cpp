#include "http/socketreactor.h"

#include "model/clock.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>

namespace reqlanes {

SocketReactor::SocketReactor(QObject *parent)
    : QObject(parent)
    , m_epollFd(::epoll_create1(EPOLL_CLOEXEC)) {
    if (m_epollFd.valid()) {
        m_notifier = new QSocketNotifier(m_epollFd.get(), QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SocketReactor::dispatchReady);
    }
    // Precise: a deadline must never fire early and cut a request short.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SocketReactor::dispatchDeadlines);
}

SocketReactor::~SocketReactor() {
    delete m_notifier; // before its descriptor goes
}

bool SocketReactor::watch(int fd, std::uint32_t events, Handler *handler) {
    epoll_event event{};
    event.events = events;
    event.data.ptr = handler;
    return ::epoll_ctl(m_epollFd.get(), EPOLL_CTL_ADD, fd, &event) == 0;
}

bool SocketReactor::modify(int fd, std::uint32_t events, Handler *handler) {
    epoll_event event{};
    event.events = events;
    event.data.ptr = handler;
    return ::epoll_ctl(m_epollFd.get(), EPOLL_CTL_MOD, fd, &event) == 0;
}

void SocketReactor::dispatchReady() {
    // Level-triggered: what is not handled now is reported again on the next wake-up.
    std::array<epoll_event, 512> events;
    const int ready = ::epoll_wait(m_epollFd.get(), events.data(), int(events.size()), 0);
    // Handlers live until the loop deletes them later (deleteLater), so a handler that ended
    // earlier in this batch only sees a late event it ignores.
    for (int i = 0; i < ready; ++i)
        static_cast<Handler *>(events[std::size_t(i)].data.ptr)
            ->socketReady(events[std::size_t(i)].events);
}

SocketReactor::Deadline SocketReactor::addDeadline(std::int64_t steadyNs, Handler *handler) {
    const bool earliest = m_deadlines.empty() || steadyNs < m_deadlines.begin()->first;
    const Deadline deadline = m_deadlines.emplace(steadyNs, handler);
    if (earliest)
        armTimer();
    return deadline;
}

void SocketReactor::removeDeadline(Deadline deadline) {
    if (deadline != m_deadlines.end())
        m_deadlines.erase(deadline);
    // The timer stays armed for a deadline that went: one spurious wake-up that finds nothing.
}

void SocketReactor::dispatchDeadlines() {
    const std::int64_t now = steadyNowNs();
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        Handler *handler = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        handler->deadlinePassed();
    }
    armTimer();
}

void SocketReactor::armTimer() {
    if (m_deadlines.empty()) {
        m_timer.stop();
        return;
    }
    const std::int64_t leftNs = m_deadlines.begin()->first - steadyNowNs();
    // Rounded up to whole milliseconds, so it never fires before the deadline.
    m_timer.start(int(std::clamp<std::int64_t>((leftNs + 999'999) / 1'000'000, 0, 3'600'000)));
}

} // namespace reqlanes
