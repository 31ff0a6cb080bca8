#include "recordingobserver.h"

#include <algorithm>

namespace reqlanes {

void RecordingObserver::requestQueued(const server::ServerRequestEvent &event) {
    {
        const std::lock_guard lock(m_mutex);
        m_queued.push_back(event);
    }
    m_changed.notify_all();
}

void RecordingObserver::requestStarted(const server::ServerRequestEvent &event) {
    {
        const std::lock_guard lock(m_mutex);
        m_started.push_back(event);
    }
    m_changed.notify_all();
}

void RecordingObserver::requestFinished(const server::ServerRequestEvent &event) {
    {
        const std::lock_guard lock(m_mutex);
        m_finished.push_back(event);
    }
    m_changed.notify_all();
}

void RecordingObserver::requestDropped(const server::ServerRequestEvent &event) {
    {
        const std::lock_guard lock(m_mutex);
        m_dropped.push_back(event);
    }
    m_changed.notify_all();
}

std::vector<server::ServerRequestEvent> RecordingObserver::queued() const {
    const std::lock_guard lock(m_mutex);
    return m_queued;
}

std::vector<server::ServerRequestEvent> RecordingObserver::started() const {
    const std::lock_guard lock(m_mutex);
    return m_started;
}

std::vector<server::ServerRequestEvent> RecordingObserver::finished() const {
    const std::lock_guard lock(m_mutex);
    return m_finished;
}

std::vector<server::ServerRequestEvent> RecordingObserver::dropped() const {
    const std::lock_guard lock(m_mutex);
    return m_dropped;
}

bool RecordingObserver::waitForDropped(const std::string &requestId,
                                       std::chrono::milliseconds timeout) {
    return waitUntil(
        [&] {
            return std::any_of(m_dropped.begin(), m_dropped.end(),
                               [&](const auto &event) { return event.requestId == requestId; });
        },
        timeout);
}

bool RecordingObserver::waitForStarted(std::size_t count, std::chrono::milliseconds timeout) {
    return waitUntil([&] { return m_started.size() >= count; }, timeout);
}

bool RecordingObserver::waitForStarted(const std::string &requestId,
                                       std::chrono::milliseconds timeout) {
    return waitUntil(
        [&] {
            return std::any_of(m_started.begin(), m_started.end(),
                               [&](const auto &event) { return event.requestId == requestId; });
        },
        timeout);
}

bool RecordingObserver::waitUntil(const std::function<bool()> &condition,
                                  std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, condition);
}

} // namespace reqlanes
