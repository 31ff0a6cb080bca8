// asyncio.Semaphore for C++20 coroutines on one event loop: `if (co_await semaphore.acquire())`
// suspends while no permit is free. release() hands the permit straight to the longest waiter,
// cancel() wakes every waiter with false. Single-threaded, like the loop it serves.
#pragma once

#include <coroutine>
#include <deque>

namespace reqlanes {

class AsyncSemaphore {
public:
    explicit AsyncSemaphore(int permits)
        : m_permits(permits) {}
    AsyncSemaphore(const AsyncSemaphore &) = delete;
    AsyncSemaphore &operator=(const AsyncSemaphore &) = delete;

    class Acquire {
    public:
        explicit Acquire(AsyncSemaphore &semaphore)
            : m_semaphore(semaphore) {}
        bool await_ready() const { return m_semaphore.tryTake(); }
        void await_suspend(std::coroutine_handle<> waiter) {
            m_semaphore.m_waiters.push_back(waiter);
        }
        // True with a permit; false when the semaphore was cancelled (no permit then).
        bool await_resume() const { return !m_semaphore.m_cancelled; }

    private:
        AsyncSemaphore &m_semaphore;
    };

    Acquire acquire() { return Acquire(*this); }

    void release() {
        if (m_waiters.empty()) {
            ++m_permits;
            return;
        }
        const std::coroutine_handle<> next = m_waiters.front();
        m_waiters.pop_front();
        next.resume(); // the permit passes to it without ever being free
    }

    void cancel() {
        m_cancelled = true;
        while (!m_waiters.empty()) {
            const std::coroutine_handle<> next = m_waiters.front();
            m_waiters.pop_front();
            next.resume();
        }
    }

private:
    bool tryTake() {
        if (m_cancelled || m_permits == 0)
            return m_cancelled;
        --m_permits;
        return true;
    }

    int m_permits;
    bool m_cancelled = false;
    std::deque<std::coroutine_handle<>> m_waiters;
};

} // namespace reqlanes
