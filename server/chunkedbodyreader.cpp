#include "chunkedbodyreader.h"

#include "httpsyntax.h"

#include <algorithm>

namespace reqlanes::server {

namespace {

using namespace httpsyntax;

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), chunk-ext-val =
// token / quoted-string (RFC 9112 7.1.1, RFC 9110 5.6.4). Understood by no one here, but a
// malformed one is refused: framing that two parsers could read differently is how requests
// are smuggled.
bool isChunkExtensions(std::string_view text) {
    std::size_t at = 0;
    const auto skipWhitespace = [&] {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
            ++at;
    };
    const auto skipToken = [&] {
        const std::size_t start = at;
        while (at < text.size() && isTokenChar(static_cast<unsigned char>(text[at])))
            ++at;
        return at > start;
    };
    for (;;) {
        skipWhitespace();
        if (at == text.size())
            return true;
        if (text[at] != ';')
            return false;
        ++at;
        skipWhitespace();
        if (!skipToken())
            return false;
        skipWhitespace();
        if (at == text.size() || text[at] != '=')
            continue;
        ++at;
        skipWhitespace();
        if (at < text.size() && text[at] == '"') {
            for (++at; at < text.size() && text[at] != '"'; ++at) {
                if (text[at] == '\\' && ++at == text.size())
                    return false;
                if (!isFieldValue(text.substr(at, 1)))
                    return false;
            }
            if (at == text.size())
                return false;
            ++at;
        } else if (!skipToken()) {
            return false;
        }
    }
}

} // namespace

ChunkedBodyReader::Result ChunkedBodyReader::fail(int status, std::size_t consumed) {
    m_state = State::Error;
    m_errorStatus = status;
    m_line.clear();
    return {consumed, false, status};
}

ChunkedBodyReader::Result ChunkedBodyReader::feed(std::string_view bytes, std::string *keep) {
    if (m_state == State::Done)
        return {0, true, 0};
    if (m_state == State::Error)
        return {0, false, m_errorStatus};

    std::size_t at = 0;
    while (at < bytes.size()) {
        if (m_state == State::Data) {
            const auto take = std::min<std::uint64_t>(m_chunkLeft, bytes.size() - at);
            if (keep)
                keep->append(bytes.substr(at, static_cast<std::size_t>(take)));
            m_chunkLeft -= take;
            at += static_cast<std::size_t>(take);
            if (m_chunkLeft == 0)
                m_state = State::DataEnd;
            continue;
        }
        const std::string_view rest = bytes.substr(at);
        const std::size_t newline = rest.find('\n');
        const std::size_t take = newline == std::string_view::npos ? rest.size() : newline + 1;
        if (m_line.size() + take > kMaxLineBytes)
            return fail(400, at + take);
        if (m_state == State::Trailer && (m_trailerBytes += take) > kMaxTrailerBytes)
            return fail(431, at + take);
        at += take;
        if (newline == std::string_view::npos) {
            m_line.append(rest);
            break;
        }
        m_line.append(rest.substr(0, newline));
        // Inside the body only CRLF ends a line (RFC 9112 7.1): a bare LF or CR here is framing
        // that another parser may read differently.
        if (m_line.empty() || m_line.back() != '\r')
            return fail(400, at);
        m_line.pop_back();
        if (m_line.find('\r') != std::string::npos)
            return fail(400, at);
        const bool ok = onLine(m_line);
        m_line.clear();
        if (!ok)
            return fail(m_errorStatus ? m_errorStatus : 400, at);
        if (m_state == State::Done)
            return {at, true, 0};
    }
    return {at, false, 0};
}

bool ChunkedBodyReader::onLine(std::string_view line) {
    switch (m_state) {
    case State::SizeLine:
        return onSizeLine(line);
    case State::DataEnd:
        m_state = State::SizeLine;
        return line.empty(); // chunk-data is followed by exactly CRLF
    case State::Trailer: {
        if (line.empty()) {
            m_state = State::Done;
            return true;
        }
        // field-line (RFC 9112 5): read to stay in step, then discarded (RFC 9110 6.5.1).
        const std::size_t colon = line.find(':');
        return colon != std::string_view::npos && isToken(line.substr(0, colon)) &&
               isFieldValue(line.substr(colon + 1));
    }
    default:
        return false;
    }
}

bool ChunkedBodyReader::onSizeLine(std::string_view line) {
    std::size_t digits = 0;
    std::uint64_t size = 0;
    for (; digits < line.size() && hexValue(line[digits]) >= 0; ++digits) {
        size = size * 16 + std::uint64_t(hexValue(line[digits]));
        if (size > m_maxBodyBytes) { // also keeps the next step from overflowing
            m_errorStatus = 413;
            return false;
        }
    }
    if (digits == 0 || !isChunkExtensions(line.substr(digits)))
        return false;
    if (m_dataBytes + size > m_maxBodyBytes) {
        m_errorStatus = 413;
        return false;
    }
    m_dataBytes += size;
    m_chunkLeft = size;
    m_state = size == 0 ? State::Trailer : State::Data;
    return true;
}

} // namespace reqlanes::server
