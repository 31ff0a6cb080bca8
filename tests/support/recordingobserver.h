// A ServerObserver for tests: records every event the slow server reports and lets a test wait,
// with a deadline, until the server has reached a given point (a request started...), so no
// test has to sleep and hope.
#pragma once

#include "serverobserver.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace reqlanes {

class RecordingObserver final : public server::ServerObserver {
public:
    void requestQueued(const server::ServerRequestEvent &event) override;
    void requestStarted(const server::ServerRequestEvent &event) override;
    void requestFinished(const server::ServerRequestEvent &event) override;
    void requestDropped(const server::ServerRequestEvent &event) override;

    std::vector<server::ServerRequestEvent> queued() const;
    std::vector<server::ServerRequestEvent> started() const;
    std::vector<server::ServerRequestEvent> finished() const;
    std::vector<server::ServerRequestEvent> dropped() const;
    // Waits until a request with this X-Request-Id has been dropped from the queue.
    bool waitForDropped(const std::string &requestId,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Waits until `count` requests have started; false if the timeout passes first.
    bool waitForStarted(std::size_t count,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Waits until a request with this X-Request-Id has started.
    bool waitForStarted(const std::string &requestId,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));

private:
    bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout);

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<server::ServerRequestEvent> m_queued;
    std::vector<server::ServerRequestEvent> m_started;
    std::vector<server::ServerRequestEvent> m_finished;
    std::vector<server::ServerRequestEvent> m_dropped;
};

} // namespace reqlanes
