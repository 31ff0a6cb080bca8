#include "handlerslots.h"

namespace reqlanes::server {

HandlerSlots::HandlerSlots(int capacity)
    : m_capacity(capacity) {}

int HandlerSlots::acquire() {
    int slot = -1;
    if (!m_free.empty()) {
        slot = m_free.top();
        m_free.pop();
    } else if (m_capacity == kUnlimited || m_created < m_capacity) {
        slot = m_created++;
    } else {
        return -1;
    }
    ++m_busy;
    return slot;
}

void HandlerSlots::release(int slot) {
    m_free.push(slot);
    --m_busy;
}

} // namespace reqlanes::server
