// Incremental HTTP/1.x request parser: fed whatever bytes arrive, in any slicing, it says when a
// request (head plus any body, which is read and discarded) is complete or what status refuses
// it. The slow server's only contact with untrusted bytes, so it takes arbitrary input safely
// and within fixed bounds; the libFuzzer target drives it directly.
//
// It follows RFC 9112 (message syntax) and RFC 9110 (semantics) strictly where leniency would
// let two parsers frame the same bytes differently: one SP between request-line parts, the
// version's exact case (2.3), the request-target's form (3.2), exactly one valid Host in
// HTTP/1.1 (3.2), no whitespace before a field's colon (5.1), no obs-fold (5.2), no bare CR
// (2.2), and framing by Transfer-Encoding or Content-Length but not both (6.1, 6.3).
#pragma once

#include "chunkedbodyreader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reqlanes::server {

struct HttpRequest {
    std::string method;    // as sent, case-sensitive ("GET")
    std::string target;    // as sent ("/x?delay=5", absolute-form "http://h/x", "*", "h:443")
    std::string path;      // origin/absolute-form: the path, "/" if empty ("/x"); asterisk-form:
                           // "*"; authority-form (CONNECT only): ""
    std::string query;     // after '?', without it ("delay=5")
    int versionMinor = 1;  // HTTP/1.versionMinor
    bool keepAlive = true; // after this response: 1.1 unless "close", 1.0 only if "keep-alive"
    std::string requestId; // X-Request-Id ("" if none)
    std::uint64_t contentLength = 0; // body bytes read and discarded (Content-Length or chunked)
    bool chunked = false;            // the body came in Transfer-Encoding: chunked
    bool expectsContinue = false;    // HTTP/1.1 "Expect: 100-continue" (RFC 9110 10.1.1)
    std::string contentType;         // Content-Type as sent ("" if none)
    std::string contentEncoding;     // Content-Encoding as sent ("gzip"; "" if none)
    std::string body; // only for a path whose body is kept (ingest endpoints); else ""
};

enum class ParseStatus { NeedMore, Complete, Error };

struct ParseResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0; // bytes of this input that belong to the request; the rest start
                              // the next one (pipelining)
    int errorStatus = 0;      // when Error: 400, 413, 414, 417, 431, 501 or 505
};

class HttpRequestParser {
public:
    static constexpr std::size_t kMaxRequestLineBytes = 8 * 1024; // longer: 414
    static constexpr std::size_t kMaxHeaderCount = 100;           // more: 431
    static constexpr std::uint64_t kMaxBodyBytes = 1024 * 1024;   // larger: 413
    // A body that is kept (an OTLP export, say) may be larger: a Collector's batches are.
    static constexpr std::uint64_t kMaxKeptBodyBytes = 16 * 1024 * 1024; // larger: 413

    // `keptBodyPaths` (not owned, may be null): paths whose request bodies are kept in
    // HttpRequest::body, up to kMaxKeptBodyBytes; every other body is read and discarded.
    explicit HttpRequestParser(std::size_t maxHeaderBytes = 16 * 1024,
                               const std::vector<std::string> *keptBodyPaths = nullptr);

    // Once Complete or Error, further input is not consumed until reset().
    ParseResult feed(std::string_view bytes);
    void reset(); // ready for the next request on the same connection

    bool started() const { return m_headBytes > 0; } // any byte of this request seen
    bool requestLineRead() const { return m_state != State::RequestLine; }
    bool keepsBody() const { return m_keepBody; } // its path is one of keptBodyPaths
    const HttpRequest &request() const { return m_request; }

    // True once per request: its head is complete, it expects 100-continue and its body is
    // still to come, so the server must say "100 Continue" now rather than leave the client
    // waiting out its expect timeout (RFC 9110 10.1.1).
    bool takeContinueDue();

private:
    enum class State { RequestLine, Headers, Body, ChunkedBody, Complete, Error };

    ParseResult fail(int status, std::size_t consumed);
    bool parseRequestLine(std::string_view line);
    bool parseTarget(std::string_view method, std::string_view target);
    bool parseHeader(std::string_view line);
    bool parseContentLength(std::string_view value);
    void parseTransferEncoding(std::string_view value);
    bool finishHead(); // blank line seen: check the head as a whole, decide the framing
    bool checkFraming();

    std::uint64_t maxBodyBytes() const { return m_keepBody ? kMaxKeptBodyBytes : kMaxBodyBytes; }

    std::size_t m_maxHeaderBytes;
    const std::vector<std::string> *m_keptBodyPaths;
    bool m_keepBody = false;
    State m_state = State::RequestLine;
    int m_errorStatus = 0;
    std::string m_line;          // the current, unfinished line
    std::size_t m_headBytes = 0; // request line + headers so far, line ends included
    std::size_t m_headerCount = 0;
    std::uint64_t m_bodyLeft = 0;
    ChunkedBodyReader m_chunked{kMaxBodyBytes};
    int m_hostCount = 0;
    bool m_sawContentLength = false;
    bool m_sawTransferEncoding = false;
    int m_chunkedCodings = 0; // over every Transfer-Encoding line
    bool m_lastCodingChunked = false;
    bool m_unknownCoding = false;
    bool m_unknownExpectation = false;
    bool m_continueDue = false;
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    HttpRequest m_request;
};

} // namespace reqlanes::server
