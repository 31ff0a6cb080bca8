// Cuts the byte stream read from a pipe into lines, refusing to buffer more than one line's
// worth: the worker protocol's reader on both sides (WorkerPool, reqlanes-worker) and its fuzz
// target use it, so a peer that never sends '\n' cannot make us grow without bound.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace reqlanes {

class LineBuffer {
public:
    explicit LineBuffer(std::size_t maxLineBytes)
        : m_maxLineBytes(maxLineBytes) {}

    void append(std::string_view bytes);

    enum class Result {
        Line,     // `line` holds the next complete line, without its '\n'
        NeedMore, // no complete line yet
        TooLong,  // a line exceeds the limit; the stream is unusable from here on
    };
    Result next(std::string &line);

    // Bytes after the last '\n': at end of stream they are a truncated line.
    bool hasPartialLine() const { return m_buffer.size() > m_start; }

private:
    std::size_t m_maxLineBytes;
    std::string m_buffer;
    std::size_t m_start = 0; // consumed bytes at the front, dropped lazily
    bool m_failed = false;
};

} // namespace reqlanes
