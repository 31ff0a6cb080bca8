// Reads one HTTP/1.x response incrementally, as bytes arrive, for both forms of the measured
// exchange (through ResponseReader). It keeps the status and header fields and only counts the
// body: reqlanes measures time, not content. Bounded: a peer cannot make it buffer more than
// kMaxHeaderBytes, however it splits or pads its bytes. Fuzzed by fuzz_http_response.
//
// As a recipient it follows RFC 9112 (message syntax: status line §4, field lines §5, body
// length §6.3, chunked coding §7.1) and RFC 9110 (field values §5.5, combining field lines §5.3,
// Content-Length §8.6, interim responses §15.2). Each rule is cited where it is applied and has
// a row in tests/core/http/test_responseconformance.cpp.
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
    // The final response's status, once its status line is in; 0 before. Interim (1xx)
    // responses are skipped and never show here.
    int statusCode() const { return m_final ? m_status : 0; }
    // True once the status line of the final (non-1xx) response has been read.
    bool finalStatusSeen() const { return m_final; }
    // How many response heads (interim or final) have begun: their first byte consumed. Lets
    // ResponseReader tell in which read the final response started.
    int headsStarted() const { return m_headsStarted; }
    QString error() const { return m_error; }
    // The first field of that name (case-insensitive), trimmed; empty if absent.
    QByteArray header(std::string_view name) const;
    // Every field line of that name combined in order with ", " (RFC 9110 §5.3): what a #list
    // field such as Server-Timing means when the server sends it on several lines.
    QByteArray combinedHeader(std::string_view name) const;
    std::uint64_t bodyBytes() const { return m_bodyBytes; }

private:
    enum class Stage { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };
    enum class BodyMode { None, Length, Chunked, UntilClose };

    State fail(const QString &reason);
    // Takes one CRLF- or LF-terminated line out of m_pending into `line`; false if none yet.
    bool takeLine(QByteArray &line);
    void handleLine(const QByteArray &line);
    bool parseStatusLine(const QByteArray &line);
    bool parseFieldLine(const QByteArray &line, bool trailer);
    bool parseChunkSize(const QByteArray &line);
    void headersDone();
    void chooseBodyLength(); // RFC 9112 §6.3
    std::size_t consumeBody(std::size_t size);

    State m_state = State::Incomplete;
    Stage m_stage = Stage::StatusLine;
    BodyMode m_bodyMode = BodyMode::None;
    QByteArray m_pending; // bytes of the current line not yet terminated
    std::size_t m_headerBytes = 0;
    int m_status = 0;
    bool m_final = false;
    bool m_http10 = false;
    int m_headsStarted = 0;
    std::vector<std::pair<QByteArray, QByteArray>> m_headers;
    std::uint64_t m_remaining = 0; // body or chunk bytes still expected
    std::uint64_t m_bodyBytes = 0;
    QString m_error;
};

} // namespace reqlanes
