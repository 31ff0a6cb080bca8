// Cancels a run from any thread. Blocking code polls isCancelled() or waits on wakeFd() next to
// its socket (poll), so a cancel interrupts connect/read at once instead of after a timeout.
#pragma once

#include "uniquefd.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace reqlanes {

class CancelToken {
public:
    CancelToken();
    CancelToken(const CancelToken &) = delete;
    CancelToken &operator=(const CancelToken &) = delete;

    void cancel(); // idempotent, thread-safe, async-signal-unsafe
    bool isCancelled() const { return m_cancelled.load(std::memory_order_acquire); }
    // An eventfd that becomes readable (and stays so) once cancelled; add it to poll()/epoll.
    int wakeFd() const { return m_wakeFd.get(); }

private:
    std::atomic<bool> m_cancelled{false};
    server::UniqueFd m_wakeFd;
};

} // namespace reqlanes
