#include "watch/sessionsplitter.h"

#include <algorithm>

namespace reqlanes::watch {

SessionSplitter::SessionSplitter(std::int64_t idleGapNs)
    : m_idleGapNs(idleGapNs > 0 ? idleGapNs : 1) {}

bool SessionSplitter::requestBegan(std::int64_t atNs) {
    ++m_inProgress;
    const bool begins = !m_inSession;
    if (begins) {
        m_inSession = true;
        m_lastActivityNs = atNs;
    }
    m_lastActivityNs = std::max(m_lastActivityNs, atNs);
    return begins;
}

void SessionSplitter::requestEnded(std::int64_t atNs) {
    if (m_inProgress > 0)
        --m_inProgress;
    m_lastActivityNs = std::max(m_lastActivityNs, atNs);
}

bool SessionSplitter::idleOver(std::int64_t nowNs) const {
    const std::int64_t deadline = idleDeadlineNs();
    return deadline >= 0 && nowNs >= deadline;
}

std::int64_t SessionSplitter::idleDeadlineNs() const {
    if (!m_inSession || m_inProgress > 0)
        return -1;
    return m_lastActivityNs + m_idleGapNs;
}

} // namespace reqlanes::watch
