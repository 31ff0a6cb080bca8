// Reads one HTTP/1.x response incrementally, as bytes arrive, for both forms of the measured
// exchange (blocking and event-loop). It keeps the status and headers and only counts the body:
// reqlanes measures time, not content. Bounded: a peer cannot make it buffer more than
// kMaxHeaderBytes, however it splits or pads its bytes. Fuzzed by fuzz_http_response.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace reqlanes {

class HttpResponseParser {
public:
    enum class State { Incomplete, Complete, Error };
    static constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
    static constexpr int kMaxHeaderCount = 200;

    // Consumes bytes; returns the state afterwards. Bytes after a complete response are ignored
    // (we send Connection: close and never pipeline).
    State feed(const char *data, std::size_t size);
    State feed(std::string_view bytes) { return feed(bytes.data(), bytes.size()); }
    // The peer closed: completes a body delimited by the close, otherwise an error.
    State finishOnClose();

    State state() const { return m_state; }
    bool complete() const { return m_state == State::Complete; }
    int statusCode() const { return m_status; }
    QString error() const { return m_error; }
    // The first header of that name (case-insensitive), trimmed; empty if absent.
    QByteArray header(std::string_view name) const;
    std::uint64_t bodyBytes() const { return m_bodyBytes; }

private:
    enum class Stage { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };
    enum class BodyMode { None, Length, Chunked, UntilClose };

    State fail(const QString &reason);
    // Takes one CRLF- or LF-terminated line out of m_pending into `line`; false if none yet.
    bool takeLine(QByteArray &line);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    void headersDone();
    std::size_t consumeBody(const char *data, std::size_t size);

    State m_state = State::Incomplete;
    Stage m_stage = Stage::StatusLine;
    BodyMode m_bodyMode = BodyMode::None;
    QByteArray m_pending; // bytes of the current line not yet terminated
    std::size_t m_headerBytes = 0;
    int m_status = 0;
    std::vector<std::pair<QByteArray, QByteArray>> m_headers;
    std::uint64_t m_remaining = 0; // body or chunk bytes still expected
    std::uint64_t m_bodyBytes = 0;
    QString m_error;
};

// The W3C Server-Timing metrics reqlanes' server sends: queue;dur=ms and app;dur=ms.
// A missing metric is -1.
struct ServerTiming {
    double queueMs = -1;
    double appMs = -1;
    bool valid() const { return appMs >= 0; }
};
ServerTiming parseServerTiming(const QByteArray &value);

} // namespace reqlanes
