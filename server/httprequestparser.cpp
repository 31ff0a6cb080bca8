#include "httprequestparser.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace reqlanes::server {

namespace {

bool isTokenChar(unsigned char c) {
    // RFC 9110 tchar
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c != '\0' && isTokenChar(static_cast<unsigned char>(c));
    });
}

// Field values may hold visible ASCII, spaces, tabs and obs-text, but no other control bytes.
bool isFieldValue(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t') || c == 0x7f;
    });
}

bool isTargetChar(unsigned char c) {
    return c > 0x20 && c != 0x7f;
}

std::string_view trimWhitespace(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

} // namespace

HttpRequestParser::HttpRequestParser(std::size_t maxHeaderBytes)
    : m_maxHeaderBytes(maxHeaderBytes) {}

void HttpRequestParser::reset() {
    *this = HttpRequestParser(m_maxHeaderBytes);
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
            m_bodyLeft -= take;
            at += static_cast<std::size_t>(take);
            if (m_bodyLeft == 0) {
                m_state = State::Complete;
                return {ParseStatus::Complete, at, 0};
            }
            continue;
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
        if (!m_line.empty() && m_line.back() == '\r')
            m_line.pop_back();
        if (m_line.find('\r') != std::string::npos) // a bare CR: RFC 9112 says reject
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
    const std::size_t firstSpace = line.find(' ');
    const std::size_t lastSpace = line.rfind(' ');
    if (firstSpace == std::string_view::npos || firstSpace == lastSpace)
        return false;
    const std::string_view method = line.substr(0, firstSpace);
    const std::string_view target = line.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const std::string_view version = line.substr(lastSpace + 1);
    if (!isToken(method) || target.empty() ||
        !std::all_of(target.begin(), target.end(),
                     [](char c) { return isTargetChar(static_cast<unsigned char>(c)); }))
        return false;

    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return false;
    if (version[5] != '1') {
        m_errorStatus = 505;
        return false;
    }
    // HTTP/1.2 and later minors are understood as 1.1 (RFC 9110 6.2).
    m_request.versionMinor = version[7] == '0' ? 0 : 1;

    std::string_view path = target;
    if (startsWithIgnoreCase(path, "http://") || startsWithIgnoreCase(path, "https://")) {
        path.remove_prefix(path.find("//") + 2);
        const std::size_t slash = path.find('/');
        path = slash == std::string_view::npos ? std::string_view("/") : path.substr(slash);
    } else if (path.front() != '/' && path != "*") {
        return false;
    }
    const std::size_t question = path.find('?');
    m_request.method = method;
    m_request.target = target;
    m_request.path = path.substr(0, question);
    m_request.query = question == std::string_view::npos ? "" : path.substr(question + 1);
    m_state = State::Headers;
    return true;
}

bool HttpRequestParser::parseHeader(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t')
        return false; // obsolete line folding: rejected, as RFC 9112 5.2 allows
    if (++m_headerCount > kMaxHeaderCount) {
        m_errorStatus = 431;
        return false;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trimWhitespace(line.substr(colon + 1));
    if (!isToken(name) || !isFieldValue(value)) // also refuses "Name : value"
        return false;

    if (equalsIgnoreCase(name, "Content-Length")) {
        std::uint64_t length = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), length);
        if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
            (m_sawContentLength && length != m_request.contentLength))
            return false;
        if (length > kMaxBodyBytes) {
            m_errorStatus = 413;
            return false;
        }
        m_sawContentLength = true;
        m_request.contentLength = length;
    } else if (equalsIgnoreCase(name, "Transfer-Encoding")) {
        m_sawTransferEncoding = true;
    } else if (equalsIgnoreCase(name, "Connection")) {
        std::string_view rest = value;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            const std::string_view option = trimWhitespace(rest.substr(0, comma));
            m_connectionClose = m_connectionClose || equalsIgnoreCase(option, "close");
            m_connectionKeepAlive = m_connectionKeepAlive || equalsIgnoreCase(option, "keep-alive");
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    } else if (equalsIgnoreCase(name, "X-Request-Id")) {
        m_request.requestId = value;
    }
    return true;
}

bool HttpRequestParser::finishHead() {
    // Both framings at once is how requests get smuggled: refuse. A chunked body alone we do
    // not read (our requests have none): 411 asks for a Content-Length instead.
    if (m_sawTransferEncoding) {
        m_errorStatus = m_sawContentLength ? 400 : 411;
        return false;
    }
    m_request.keepAlive =
        !m_connectionClose && (m_request.versionMinor >= 1 || m_connectionKeepAlive);
    m_bodyLeft = m_request.contentLength;
    m_state = m_bodyLeft > 0 ? State::Body : State::Complete;
    return true;
}

} // namespace reqlanes::server
