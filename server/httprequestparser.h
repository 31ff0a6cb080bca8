// Incremental HTTP/1.x request parser: fed whatever bytes arrive, in any slicing, it says when a
// request (head plus any Content-Length body, which is read and discarded) is complete or what
// status refuses it. The slow server's only contact with untrusted bytes, so it takes arbitrary
// input safely and within fixed bounds; the libFuzzer target drives it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reqlanes::server {

struct HttpRequest {
    std::string method;    // as sent, case-sensitive ("GET")
    std::string target;    // as sent ("/x?delay=5", or absolute-form "http://h/x")
    std::string path;      // target without scheme, authority and query ("/x")
    std::string query;     // after '?', without it ("delay=5")
    int versionMinor = 1;  // HTTP/1.versionMinor
    bool keepAlive = true; // after this response: 1.1 unless "close", 1.0 only if "keep-alive"
    std::string requestId; // X-Request-Id ("" if none)
    std::uint64_t contentLength = 0; // body bytes (skipped)
};

enum class ParseStatus { NeedMore, Complete, Error };

struct ParseResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0; // bytes of this input that belong to the request; the rest start
                              // the next one (pipelining)
    int errorStatus = 0;      // when Error: 400, 411, 413, 414, 431 or 505
};

class HttpRequestParser {
public:
    static constexpr std::size_t kMaxRequestLineBytes = 8 * 1024; // longer: 414
    static constexpr std::size_t kMaxHeaderCount = 100;           // more: 431
    static constexpr std::uint64_t kMaxBodyBytes = 1024 * 1024;   // larger: 413

    explicit HttpRequestParser(std::size_t maxHeaderBytes = 16 * 1024);

    // Once Complete or Error, further input is not consumed until reset().
    ParseResult feed(std::string_view bytes);
    void reset(); // ready for the next request on the same connection

    bool started() const { return m_headBytes > 0; } // any byte of this request seen
    const HttpRequest &request() const { return m_request; }

private:
    enum class State { RequestLine, Headers, Body, Complete, Error };

    ParseResult fail(int status, std::size_t consumed);
    bool parseRequestLine(std::string_view line);
    bool parseHeader(std::string_view line);
    bool finishHead(); // blank line seen: decide keep-alive and whether a body follows

    std::size_t m_maxHeaderBytes;
    State m_state = State::RequestLine;
    int m_errorStatus = 0;
    std::string m_line;          // the current, unfinished line
    std::size_t m_headBytes = 0; // request line + headers so far, line ends included
    std::size_t m_headerCount = 0;
    std::uint64_t m_bodyLeft = 0;
    bool m_sawContentLength = false;
    bool m_sawTransferEncoding = false;
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    HttpRequest m_request;
};

} // namespace reqlanes::server
