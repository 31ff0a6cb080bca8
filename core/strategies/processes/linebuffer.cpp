#include "strategies/processes/linebuffer.h"

namespace reqlanes {

void LineBuffer::append(std::string_view bytes) {
    if (m_failed)
        return;
    // Drop consumed lines before growing, so the buffer stays near one line plus one read.
    if (m_start > 0 && m_start >= m_buffer.size() / 2) {
        m_buffer.erase(0, m_start);
        m_start = 0;
    }
    m_buffer.append(bytes);
}

LineBuffer::Result LineBuffer::next(std::string &line) {
    if (m_failed)
        return Result::TooLong;
    const std::size_t end = m_buffer.find('\n', m_start);
    const std::size_t length = (end == std::string::npos ? m_buffer.size() : end) - m_start;
    if (length > m_maxLineBytes) {
        m_failed = true;
        return Result::TooLong;
    }
    if (end == std::string::npos)
        return Result::NeedMore;
    line.assign(m_buffer, m_start, length);
    m_start = end + 1;
    return Result::Line;
}

} // namespace reqlanes
