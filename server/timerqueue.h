// Deadlines of the slow server's event loop (header timeouts, lingering closes), as a min-heap.
// Cancelling is lazy: an owner keeps the sequence number schedule() gave it and ignores an
// expired entry whose number is no longer its own, so nothing is ever searched or erased.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace reqlanes::server {

// Absolute steady_clock nanoseconds, the clock of ServerRequestEvent.
std::int64_t monotonicNowNs();

class TimerQueue {
public:
    static constexpr std::int64_t kNone = -1;

    // Returns the entry's sequence number, never 0 (so 0 can mean "no timer").
    std::uint64_t schedule(std::int64_t deadlineNs, std::uint64_t key);
    std::int64_t nextDeadlineNs() const {
        return m_heap.empty() ? kNone : m_heap.front().deadlineNs;
    }
    // Removes every entry due at `nowNs` and calls `expired(key, sequence)` for each, earliest
    // first. The callback may schedule new entries.
    void expire(std::int64_t nowNs,
                const std::function<void(std::uint64_t, std::uint64_t)> &expired);
    std::size_t size() const { return m_heap.size(); }

private:
    struct Entry {
        std::int64_t deadlineNs;
        std::uint64_t key;
        std::uint64_t sequence;
    };
    static bool later(const Entry &a, const Entry &b) { return a.deadlineNs > b.deadlineNs; }

    std::vector<Entry> m_heap;
    std::uint64_t m_nextSequence = 1;
};

} // namespace reqlanes::server
