// Reads (and discards, unless asked to keep it) a chunked request body (RFC 9112 7.1) as its bytes
// arrive, so a client that streams its upload still gets its response on a kept-alive connection
// and the request after it parses from the right byte. Used by HttpRequestParser once a request's
// head says "Transfer-Encoding: chunked"; like the parser, it buffers at most one bounded line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reqlanes::server {

class ChunkedBodyReader {
public:
    // One chunk-size line with its extensions, or one trailer field line, CRLF included. RFC
    // 9112 7.1.1 asks a server to bound chunk extensions; longer lines are refused with 400.
    static constexpr std::size_t kMaxLineBytes = 4096;
    static constexpr std::size_t kMaxTrailerBytes = 16 * 1024; // whole trailer section: 431

    struct Result {
        std::size_t consumed = 0; // bytes of this input that belong to the body
        bool done = false;        // the last chunk and the trailer section have been read
        int errorStatus = 0;      // 400 malformed framing, 413 over maxBodyBytes, 431 trailers
    };

    explicit ChunkedBodyReader(std::uint64_t maxBodyBytes)
        : m_maxBodyBytes(maxBodyBytes) {}

    // Consumes what belongs to the body; after done or an error, nothing more. The chunk data
    // is appended to `keep` when given (a body an ingest endpoint reads), else discarded.
    Result feed(std::string_view bytes, std::string *keep = nullptr);
    std::uint64_t dataBytes() const { return m_dataBytes; } // chunk-data so far

private:
    enum class State { SizeLine, Data, DataEnd, Trailer, Done, Error };

    bool onLine(std::string_view line); // a complete line without its CRLF
    bool onSizeLine(std::string_view line);
    Result fail(int status, std::size_t consumed);

    std::uint64_t m_maxBodyBytes;
    State m_state = State::SizeLine;
    std::string m_line;
    std::uint64_t m_chunkLeft = 0;
    std::uint64_t m_dataBytes = 0;
    std::size_t m_trailerBytes = 0;
    int m_errorStatus = 0;
};

} // namespace reqlanes::server
