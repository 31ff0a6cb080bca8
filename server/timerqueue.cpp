#include "timerqueue.h"

#include <algorithm>
#include <chrono>

namespace reqlanes::server {

std::int64_t monotonicNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::uint64_t TimerQueue::schedule(std::int64_t deadlineNs, std::uint64_t key) {
    const std::uint64_t sequence = m_nextSequence++;
    m_heap.push_back({deadlineNs, key, sequence});
    std::push_heap(m_heap.begin(), m_heap.end(), later);
    return sequence;
}

void TimerQueue::expire(std::int64_t nowNs,
                        const std::function<void(std::uint64_t, std::uint64_t)> &expired) {
    while (!m_heap.empty() && m_heap.front().deadlineNs <= nowNs) {
        std::pop_heap(m_heap.begin(), m_heap.end(), later);
        const Entry entry = m_heap.back();
        m_heap.pop_back();
        expired(entry.key, entry.sequence);
    }
}

} // namespace reqlanes::server
