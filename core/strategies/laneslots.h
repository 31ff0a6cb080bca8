// Numbers the slots of a semaphore or pool so each request can be drawn in "its" slot's lane:
// a request takes the lowest free slot and gives it back when done. Single-threaded.
#pragma once

#include <functional>
#include <queue>
#include <vector>

namespace reqlanes {

class LaneSlots {
public:
    explicit LaneSlots(int count) {
        for (int slot = 0; slot < count; ++slot)
            m_free.push(slot);
    }
    bool empty() const { return m_free.empty(); }
    int take() {
        const int slot = m_free.top();
        m_free.pop();
        return slot;
    }
    void give(int slot) { m_free.push(slot); }

private:
    std::priority_queue<int, std::vector<int>, std::greater<>> m_free;
};

} // namespace reqlanes
