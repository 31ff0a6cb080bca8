#include "http/httpresponseparser.h"

#include "http/httpgrammar.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace reqlanes {

using namespace reqlanes::http;

namespace {

QByteArray latin1(std::string_view text) {
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

HttpResponseParser::State HttpResponseParser::fail(const QString &reason) {
    m_state = State::Error;
    m_error = reason;
    m_pending.clear();
    return m_state;
}

bool HttpResponseParser::takeLine(QByteArray &line) {
    // CRLF ends a line; a recipient may also take a bare LF (RFC 9112 §2.2).
    const qsizetype end = m_pending.indexOf('\n');
    if (end < 0)
        return false;
    line = m_pending.left(end);
    if (line.endsWith('\r'))
        line.chop(1);
    m_pending.remove(0, end + 1);
    return true;
}

HttpResponseParser::State HttpResponseParser::feed(const char *data, std::size_t size) {
    while (size > 0 && m_state == State::Incomplete) {
        if (m_stage == Stage::Body || m_stage == Stage::ChunkData) {
            const std::size_t used = consumeBody(size);
            data += used;
            size -= used;
            continue;
        }
        if (m_stage == Stage::StatusLine && m_pending.isEmpty())
            ++m_headsStarted;
        // Line-based stages: buffer up to the next newline, bounded by the header budget.
        const char *newline = static_cast<const char *>(std::memchr(data, '\n', size));
        const std::size_t take = newline ? std::size_t(newline - data) + 1 : size;
        // The head is bounded as a whole; a chunked body's size lines only one by one, so long
        // bodies in many chunks still parse.
        const bool inHead = m_stage == Stage::StatusLine || m_stage == Stage::Headers;
        m_headerBytes += take;
        if ((inHead ? m_headerBytes : std::size_t(m_pending.size()) + take) > kMaxHeaderBytes)
            return fail(QStringLiteral("the response headers are larger than %1 KiB")
                            .arg(kMaxHeaderBytes / 1024));
        m_pending.append(data, qsizetype(take));
        data += take;
        size -= take;

        QByteArray line;
        while (m_state == State::Incomplete && m_stage != Stage::Body &&
               m_stage != Stage::ChunkData && takeLine(line))
            handleLine(line);
    }
    return m_state;
}

void HttpResponseParser::handleLine(const QByteArray &line) {
    switch (m_stage) {
    case Stage::StatusLine:
        if (parseStatusLine(line))
            m_stage = Stage::Headers;
        break;
    case Stage::Headers:
        if (line.isEmpty()) {
            headersDone();
        } else if (isWhitespace(line[0])) {
            // obs-fold: a recipient replaces it with SP (RFC 9112 §5.2). Whitespace before the
            // first field line is rejected (RFC 9112 §2.2).
            if (m_headers.empty()) {
                fail(QStringLiteral("the response has whitespace before its first header line"));
                return;
            }
            m_headers.back().second += ' ' + trimWhitespace(line);
        } else {
            parseFieldLine(line, false);
        }
        break;
    case Stage::ChunkSize:
        if (parseChunkSize(line))
            m_stage = m_remaining == 0 ? Stage::Trailers : Stage::ChunkData;
        break;
    case Stage::ChunkDataEnd:
        if (!line.isEmpty())
            fail(QStringLiteral("a response chunk is longer than its size"));
        else
            m_stage = Stage::ChunkSize;
        break;
    case Stage::Trailers:
        // The trailer section ends with an empty line (RFC 9112 §7.1.2); its fields are checked
        // and dropped: nothing reqlanes reads comes in a trailer from its server.
        if (line.isEmpty())
            m_state = State::Complete;
        else if (!isWhitespace(line[0]))
            parseFieldLine(line, true);
        break;
    case Stage::Body:
    case Stage::ChunkData:
        break;
    }
}

std::size_t HttpResponseParser::consumeBody(std::size_t size) {
    if (m_bodyMode == BodyMode::UntilClose) {
        m_bodyBytes += size;
        return size;
    }
    const std::size_t used = std::size_t(std::min<std::uint64_t>(m_remaining, size));
    m_remaining -= used;
    m_bodyBytes += used;
    if (m_remaining == 0) {
        if (m_stage == Stage::ChunkData)
            m_stage = Stage::ChunkDataEnd;
        else
            m_state = State::Complete;
    }
    return used;
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line) {
    // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4), with
    // HTTP-version = "HTTP/" DIGIT "." DIGIT (§2.3): any 1.x is ours to read (§2.5).
    const bool http1 =
        line.size() >= 8 && line.startsWith("HTTP/1.") && line[7] >= '0' && line[7] <= '9';
    if (!http1) {
        fail(QStringLiteral("the server did not answer with HTTP/1.x (got \"%1\")")
                 .arg(QString::fromLatin1(line.left(40)).toHtmlEscaped()));
        return false;
    }
    // The reason phrase may be empty, and a client ignores its content (§4). The SP before an
    // empty reason is tolerated when missing, as curl and browsers do.
    std::uint64_t code = 0;
    if (line.size() < 12 || line[8] != ' ' || !parseUnsigned(line.mid(9, 3), 10, code) ||
        code < 100 || code > 599 || (line.size() > 12 && line[12] != ' ')) {
        fail(QStringLiteral("the response has a malformed status line"));
        return false;
    }
    m_status = int(code);
    m_http10 = line[7] == '0';
    if (m_status == 101) {
        // Not an interim response here: a server may switch only when asked (RFC 9110 §15.2.2),
        // and reqlanes never sends Upgrade. What follows would not be HTTP/1.1.
        fail(QStringLiteral("the server switched protocols (101) without being asked"));
        return false;
    }
    // 1xx other than 101 are interim: the final response follows (RFC 9110 §15.2).
    m_final = m_status >= 200;
    return true;
}

bool HttpResponseParser::parseFieldLine(const QByteArray &line, bool trailer) {
    // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
    const qsizetype colon = line.indexOf(':');
    // Whitespace between name and colon: a server must reject it in a request, and a proxy must
    // remove it from a response (RFC 9112 §5.1); as the response's final recipient we do the
    // latter and read the field under its name.
    const QByteArray name = colon > 0 ? trimWhitespace(line.left(colon)) : QByteArray();
    if (!isToken(name)) {
        fail(QStringLiteral("the response has a malformed header line"));
        return false;
    }
    if (trailer)
        return true;
    if (int(m_headers.size()) >= kMaxHeaderCount) {
        fail(QStringLiteral("the response has more than %1 headers").arg(kMaxHeaderCount));
        return false;
    }
    // CR, LF and NUL in a value are invalid; a recipient may replace each with SP (RFC 9110 §5.5).
    QByteArray value = trimWhitespace(line.mid(colon + 1));
    for (char &c : value)
        if (c == '\r' || c == '\0')
            c = ' ';
    m_headers.emplace_back(name, value);
    return true;
}

bool HttpResponseParser::parseChunkSize(const QByteArray &line) {
    // chunk = chunk-size [ chunk-ext ] CRLF, chunk-size = 1*HEXDIG,
    // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ) (RFC 9112 §7.1, §7.1.1).
    // Extensions are checked against the grammar and ignored, as a recipient must (§7.1.1).
    qsizetype at = 0;
    while (at < line.size() && std::isxdigit(uchar(line[at])))
        ++at;
    const auto bad = [this] {
        fail(QStringLiteral("the response has a malformed chunk size"));
        return false;
    };
    if (!parseUnsigned(line.left(at), 16, m_remaining))
        return bad();
    const auto skipWhitespace = [&] {
        while (at < line.size() && isWhitespace(line[at]))
            ++at;
    };
    const auto token = [&] {
        const qsizetype start = at;
        while (at < line.size() && isTokenChar(line[at]))
            ++at;
        return at > start;
    };
    for (;;) {
        skipWhitespace();
        if (at == line.size())
            return true;
        if (line[at++] != ';')
            return bad();
        skipWhitespace();
        if (!token())
            return bad();
        skipWhitespace();
        if (at < line.size() && line[at] == '=') {
            ++at;
            skipWhitespace();
            QByteArray value;
            if (at < line.size() && line[at] == '"') {
                if (!readQuotedString(line, at, &value, &at))
                    return bad();
            } else if (!token()) {
                return bad();
            }
        }
    }
}

void HttpResponseParser::headersDone() {
    if (!m_final) {
        // An interim response (100 Continue, 103 Early Hints): its fields are not the final
        // response's, which follows (RFC 9110 §15.2).
        m_headers.clear();
        m_stage = Stage::StatusLine;
        return;
    }
    chooseBodyLength();
}

void HttpResponseParser::chooseBodyLength() {
    // RFC 9112 §6.3, in its order. Item 1: 1xx (handled above), 204 and 304 have no body, whatever
    // their fields say. (reqlanes never sends HEAD or CONNECT, items 1 and 2.)
    if (m_status == 204 || m_status == 304) {
        m_state = State::Complete;
        return;
    }
    const QByteArray encodingName = "Transfer-Encoding";
    bool hasEncoding = false;
    for (const auto &[key, value] : m_headers)
        hasEncoding = hasEncoding || equalsIgnoreCase(key, encodingName);
    if (hasEncoding && m_http10) {
        // HTTP/1.0 has no transfer codings: such a message's framing is faulty, Content-Length
        // included (RFC 9112 §6.1), and only the close delimits it.
        m_bodyMode = BodyMode::UntilClose;
        m_stage = Stage::Body;
        return;
    }
    if (hasEncoding) {
        // Items 3 and 4: Transfer-Encoding overrides Content-Length. Codings are a list whose
        // names match exactly, case-insensitively (RFC 9110 §5.6.1, RFC 9112 §7): chunked framing
        // only when chunked is the final coding, else the body ends with the close. Chunked twice
        // is something no sender may do (§6.1), and ambiguous framing: an error.
        const QList<QByteArray> codings = splitList(combinedHeader("Transfer-Encoding"));
        const auto chunked = [](const QByteArray &coding) {
            return equalsIgnoreCase(coding, "chunked");
        };
        if (std::count_if(codings.begin(), codings.end(), chunked) > 1) {
            fail(QStringLiteral("the response applies the chunked coding more than once"));
            return;
        }
        if (!codings.isEmpty() && chunked(codings.back())) {
            m_bodyMode = BodyMode::Chunked;
            m_stage = Stage::ChunkSize;
        } else {
            m_bodyMode = BodyMode::UntilClose;
            m_stage = Stage::Body;
        }
        return;
    }
    // Item 5: Content-Length, possibly on several lines or as a list; identical values may be
    // taken as one (RFC 9110 §8.6), anything else is invalid framing: an unrecoverable error.
    bool hasLength = false;
    std::uint64_t length = 0;
    for (const auto &[key, value] : m_headers) {
        if (!equalsIgnoreCase(key, "Content-Length"))
            continue;
        const QList<QByteArray> values = splitList(value);
        if (values.isEmpty()) {
            fail(QStringLiteral("the response has an invalid Content-Length"));
            return;
        }
        for (const QByteArray &text : values) {
            std::uint64_t parsed = 0;
            if (!parseUnsigned(text, 10, parsed)) {
                fail(QStringLiteral("the response has an invalid Content-Length"));
                return;
            }
            if (hasLength && parsed != length) {
                fail(QStringLiteral("the response has conflicting Content-Length values (%1 and "
                                    "%2)")
                         .arg(length)
                         .arg(parsed));
                return;
            }
            hasLength = true;
            length = parsed;
        }
    }
    if (hasLength) {
        m_bodyMode = BodyMode::Length;
        m_stage = Stage::Body;
        m_remaining = length;
        if (m_remaining == 0)
            m_state = State::Complete;
        return;
    }
    // Item 8: no framing at all, the body ends when the server closes.
    m_bodyMode = BodyMode::UntilClose;
    m_stage = Stage::Body;
}

HttpResponseParser::State HttpResponseParser::finishOnClose() {
    if (m_state != State::Incomplete)
        return m_state;
    if (m_stage == Stage::Body && m_bodyMode == BodyMode::UntilClose) {
        m_state = State::Complete;
        return m_state;
    }
    if (m_stage == Stage::StatusLine && m_headerBytes == 0)
        return fail(QStringLiteral("the server closed the connection without answering"));
    return fail(QStringLiteral("the server closed the connection before the response was "
                               "complete"));
}

QByteArray HttpResponseParser::header(std::string_view name) const {
    const QByteArray wanted = latin1(name);
    for (const auto &[key, value] : m_headers)
        if (equalsIgnoreCase(key, wanted))
            return value;
    return {};
}

QByteArray HttpResponseParser::combinedHeader(std::string_view name) const {
    const QByteArray wanted = latin1(name);
    QByteArray combined;
    bool first = true;
    for (const auto &[key, value] : m_headers) {
        if (!equalsIgnoreCase(key, wanted))
            continue;
        if (!std::exchange(first, false))
            combined += ", ";
        combined += value;
    }
    return combined;
}

} // namespace reqlanes
