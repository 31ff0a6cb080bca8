#include "httprequestparser.h"

#include "httpsyntax.h"

#include <algorithm>
#include <charconv>

namespace reqlanes::server {

using namespace httpsyntax;

HttpRequestParser::HttpRequestParser(std::size_t maxHeaderBytes,
                                     const std::vector<std::string> *keptBodyPaths)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_keptBodyPaths(keptBodyPaths) {}

void HttpRequestParser::reset() {
    *this = HttpRequestParser(m_maxHeaderBytes, m_keptBodyPaths);
}

bool HttpRequestParser::takeContinueDue() {
    const bool due = m_continueDue && (m_state == State::Body || m_state == State::ChunkedBody);
    m_continueDue = false;
    return due;
}

ParseResult HttpRequestParser::fail(int status, std::size_t consumed) {
    m_state = State::Error;
    m_errorStatus = status;
    m_line.clear();
    return {ParseStatus::Error, consumed, status};
}

ParseResult HttpRequestParser::feed(std::string_view bytes) {
    if (m_state == State::Complete)
        return {ParseStatus::Complete, 0, 0};
    if (m_state == State::Error)
        return {ParseStatus::Error, 0, m_errorStatus};

    std::size_t at = 0;
    while (at < bytes.size()) {
        if (m_state == State::Body) {
            const auto take = std::min<std::uint64_t>(m_bodyLeft, bytes.size() - at);
            if (m_keepBody)
                m_request.body.append(bytes.substr(at, static_cast<std::size_t>(take)));
            m_bodyLeft -= take;
            at += static_cast<std::size_t>(take);
            if (m_bodyLeft == 0) {
                m_state = State::Complete;
                return {ParseStatus::Complete, at, 0};
            }
            continue;
        }
        if (m_state == State::ChunkedBody) {
            const ChunkedBodyReader::Result body =
                m_chunked.feed(bytes.substr(at), m_keepBody ? &m_request.body : nullptr);
            at += body.consumed;
            m_request.contentLength = m_chunked.dataBytes();
            if (body.errorStatus != 0)
                return fail(body.errorStatus, at);
            if (!body.done)
                break;
            m_state = State::Complete;
            return {ParseStatus::Complete, at, 0};
        }

        const std::string_view rest = bytes.substr(at);
        const std::size_t newline = rest.find('\n');
        const std::size_t take = newline == std::string_view::npos ? rest.size() : newline + 1;
        // Bounds are checked before buffering, so no input grows memory past them.
        if (m_state == State::RequestLine &&
            m_line.size() + take > std::min(kMaxRequestLineBytes, m_maxHeaderBytes))
            return fail(414, at + take);
        if (m_headBytes + take > m_maxHeaderBytes)
            return fail(431, at + take);
        m_headBytes += take;
        at += take;
        if (newline == std::string_view::npos) {
            m_line.append(rest);
            break;
        }
        m_line.append(rest.substr(0, newline));
        // CRLF ends a line; a lone LF may (RFC 9112 2.2). A bare CR anywhere else: reject.
        if (!m_line.empty() && m_line.back() == '\r')
            m_line.pop_back();
        if (m_line.find('\r') != std::string::npos)
            return fail(400, at);

        bool ok = true;
        if (m_state == State::RequestLine) {
            // RFC 9112 2.2: ignore empty lines before the request line (bounded by m_headBytes).
            if (!m_line.empty())
                ok = parseRequestLine(m_line);
        } else if (m_line.empty()) {
            ok = finishHead();
        } else {
            ok = parseHeader(m_line);
        }
        m_line.clear();
        if (!ok)
            return fail(m_errorStatus ? m_errorStatus : 400, at);
        if (m_state == State::Complete)
            return {ParseStatus::Complete, at, 0};
    }
    return {ParseStatus::NeedMore, at, 0};
}

bool HttpRequestParser::parseRequestLine(std::string_view line) {
    // request-line = method SP request-target SP HTTP-version (RFC 9112 3): exactly one SP
    // each; any other whitespace lands inside a part and fails that part's grammar.
    const std::size_t firstSpace = line.find(' ');
    const std::size_t lastSpace = line.rfind(' ');
    if (firstSpace == std::string_view::npos || firstSpace == lastSpace)
        return false;
    const std::string_view method = line.substr(0, firstSpace);
    const std::string_view target = line.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const std::string_view version = line.substr(lastSpace + 1);
    if (!isToken(method) || target.empty())
        return false;

    // HTTP-version = "HTTP" "/" DIGIT "." DIGIT, "HTTP" case-sensitive (RFC 9112 2.3).
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return false;
    if (version[5] != '1') {
        m_errorStatus = 505; // a major version we do not speak (RFC 9110 15.6.6)
        return false;
    }
    // HTTP/1.2 and later minors are understood as 1.1 (RFC 9110 6.2).
    m_request.versionMinor = version[7] == '0' ? 0 : 1;
    m_request.method = method;
    m_request.target = target;
    if (!parseTarget(method, target))
        return false;
    if (m_keptBodyPaths && std::find(m_keptBodyPaths->begin(), m_keptBodyPaths->end(),
                                     m_request.path) != m_keptBodyPaths->end()) {
        m_keepBody = true;
        m_chunked = ChunkedBodyReader(kMaxKeptBodyBytes);
    }
    m_state = State::Headers;
    return true;
}

bool HttpRequestParser::parseTarget(std::string_view method, std::string_view target) {
    std::string_view pathAndQuery;
    if (target == "*") {
        // asterisk-form is for a server-wide OPTIONS only (RFC 9112 3.2.4).
        if (method != "OPTIONS")
            return false;
        // assign(1, '*'), not = "*": GCC 12 at -O3 warns a bogus -Wrestrict on a one-character
        // literal assigned to a std::string (GCC bug 105329), an error in the release preset.
        m_request.path.assign(1, '*');
        return true;
    }
    if (method == "CONNECT") {
        // authority-form, and only it, for CONNECT (RFC 9112 3.2.3): host ":" port.
        const std::size_t colon = target.rfind(':');
        if (target.front() == ':' || colon == std::string_view::npos ||
            colon + 1 == target.size() || target.find('@') != std::string_view::npos ||
            !isHost(target))
            return false;
        m_request.path.clear();
        return true;
    }
    if (target.front() == '/') {
        pathAndQuery = target; // origin-form (RFC 9112 3.2.1)
    } else if (startsWithIgnoreCase(target, "http://") ||
               startsWithIgnoreCase(target, "https://")) {
        // absolute-form (RFC 9112 3.2.2): the authority ends at the path or the query, and
        // an http URI needs a host (RFC 9110 4.2.1) and carries no userinfo (4.2.4).
        std::string_view rest = target.substr(target.find("//") + 2);
        const std::size_t authorityEnd = std::min(rest.find_first_of("/?"), rest.size());
        const std::string_view authority = rest.substr(0, authorityEnd);
        if (authority.empty() || authority.front() == ':' || !isHost(authority))
            return false;
        pathAndQuery = rest.substr(authorityEnd);
    } else {
        return false;
    }
    if (!isPathAndQuery(pathAndQuery))
        return false;
    const std::size_t question = pathAndQuery.find('?');
    const std::string_view path = pathAndQuery.substr(0, question);
    // An empty path of an http URI means "/" (RFC 9112 3.2.2, RFC 9110 4.2.3).
    m_request.path = path.empty() ? std::string_view("/") : path;
    m_request.query =
        question == std::string_view::npos ? std::string_view() : pathAndQuery.substr(question + 1);
    return true;
}

bool HttpRequestParser::parseHeader(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t')
        return false; // obs-fold, or whitespace before the first field: RFC 9112 5.2 and 2.2
    if (++m_headerCount > kMaxHeaderCount) {
        m_errorStatus = 431;
        return false;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trimWhitespace(line.substr(colon + 1));
    // A token name refuses "Name : value" too, which RFC 9112 5.1 says a server MUST reject.
    if (!isToken(name) || !isFieldValue(value))
        return false;

    if (equalsIgnoreCase(name, "Host")) {
        ++m_hostCount;
        return isHost(value); // an invalid Host is a 400 (RFC 9112 3.2)
    }
    if (equalsIgnoreCase(name, "Content-Length"))
        return parseContentLength(value);
    if (equalsIgnoreCase(name, "Transfer-Encoding")) {
        parseTransferEncoding(value);
    } else if (equalsIgnoreCase(name, "Expect")) {
        forEachListElement(value, [this](std::string_view expectation) {
            if (equalsIgnoreCase(expectation, "100-continue"))
                m_request.expectsContinue = true;
            else
                m_unknownExpectation = true;
            return true;
        });
    } else if (equalsIgnoreCase(name, "Connection")) {
        forEachListElement(value, [this](std::string_view option) {
            m_connectionClose = m_connectionClose || equalsIgnoreCase(option, "close");
            m_connectionKeepAlive = m_connectionKeepAlive || equalsIgnoreCase(option, "keep-alive");
            return true;
        });
    } else if (equalsIgnoreCase(name, "X-Request-Id")) {
        m_request.requestId = value;
    } else if (equalsIgnoreCase(name, "Content-Type")) {
        m_request.contentType = value;
    } else if (equalsIgnoreCase(name, "Content-Encoding")) {
        m_request.contentEncoding = value;
    }
    return true;
}

bool HttpRequestParser::parseContentLength(std::string_view value) {
    // Content-Length = 1*DIGIT (RFC 9110 8.6). A list of one repeated value, on one line or
    // several, means that value; anything else is unrecoverable framing (RFC 9112 6.3 rule 5).
    bool any = false;
    const bool valid = forEachListElement(value, [this, &any](std::string_view element) {
        std::uint64_t length = 0;
        const auto [end, error] =
            std::from_chars(element.data(), element.data() + element.size(), length);
        if (error != std::errc() || end != element.data() + element.size() ||
            (m_sawContentLength && length != m_request.contentLength))
            return false;
        any = true;
        m_sawContentLength = true;
        m_request.contentLength = length;
        return true;
    });
    if (!valid || !any)
        return false;
    if (m_request.contentLength > maxBodyBytes()) {
        m_errorStatus = 413;
        return false;
    }
    return true;
}

void HttpRequestParser::parseTransferEncoding(std::string_view value) {
    m_sawTransferEncoding = true;
    forEachListElement(value, [this](std::string_view coding) {
        // A coding may carry parameters; its name is case-insensitive (RFC 9112 7).
        const std::string_view name = trimWhitespace(coding.substr(0, coding.find(';')));
        m_lastCodingChunked = equalsIgnoreCase(coding, "chunked");
        if (m_lastCodingChunked)
            ++m_chunkedCodings;
        else if (!equalsIgnoreCase(name, "chunked"))
            m_unknownCoding = true;
        return true;
    });
}

bool HttpRequestParser::checkFraming() {
    if (!m_sawTransferEncoding) {
        m_bodyLeft = m_request.contentLength; // none: no body (RFC 9112 6.3 rule 7)
        m_state = m_bodyLeft > 0 ? State::Body : State::Complete;
        return true;
    }
    // Each refusal here closes the connection (refusals do): the body's end is unknown.
    // RFC 9112 6.1: Transfer-Encoding in HTTP/1.0 is faulty framing; with Content-Length it
    // is how requests get smuggled, and a server may reject it. 6.3 rule 4: chunked not last
    // leaves the length unknown, 400. 6.1: chunked at most once.
    if (m_request.versionMinor == 0 || m_sawContentLength || !m_lastCodingChunked ||
        m_chunkedCodings > 1)
        return false;
    if (m_unknownCoding) {
        m_errorStatus = 501; // a coding we do not implement (RFC 9112 6.1)
        return false;
    }
    m_request.chunked = true;
    m_state = State::ChunkedBody;
    return true;
}

bool HttpRequestParser::finishHead() {
    // RFC 9112 3.2: HTTP/1.1 needs exactly one Host, any version at most one.
    if (m_hostCount > 1 || (m_request.versionMinor >= 1 && m_hostCount == 0))
        return false;
    if (!checkFraming())
        return false;
    if (m_unknownExpectation) {
        m_errorStatus = 417; // RFC 9110 10.1.1
        return false;
    }
    // An HTTP/1.0 client may not know 100 Continue and must get none (RFC 9110 10.1.1, 15.2).
    if (m_request.versionMinor == 0)
        m_request.expectsContinue = false;
    m_continueDue = m_request.expectsContinue && m_state != State::Complete;
    m_request.keepAlive =
        !m_connectionClose && (m_request.versionMinor >= 1 || m_connectionKeepAlive);
    return true;
}

} // namespace reqlanes::server
