#include "http/httpresponseparser.h"

#include <QList>

#include <algorithm>
#include <cstring>
#include <limits>

namespace reqlanes {

namespace {

bool equalsIgnoreCase(const QByteArray &a, std::string_view b) {
    return std::size_t(a.size()) == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return QChar::toLower(uchar(x)) == QChar::toLower(uchar(y));
           });
}

// Strict decimal or hex, no sign, no spaces, no overflow.
bool parseUnsigned(const QByteArray &text, int base, std::uint64_t &out) {
    if (text.isEmpty() || text.size() > 16)
        return false;
    std::uint64_t value = 0;
    for (char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return false;
        if (value > (std::numeric_limits<std::uint64_t>::max() - std::uint64_t(digit)) /
                        std::uint64_t(base))
            return false;
        value = value * std::uint64_t(base) + std::uint64_t(digit);
    }
    out = value;
    return true;
}

} // namespace

HttpResponseParser::State HttpResponseParser::fail(const QString &reason) {
    m_state = State::Error;
    m_error = reason;
    m_pending.clear();
    return m_state;
}

bool HttpResponseParser::takeLine(QByteArray &line) {
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
            const std::size_t used = consumeBody(data, size);
            data += used;
            size -= used;
            continue;
        }
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
               m_stage != Stage::ChunkData && takeLine(line)) {
            switch (m_stage) {
            case Stage::StatusLine:
                if (!parseStatusLine(line))
                    return m_state;
                m_stage = Stage::Headers;
                break;
            case Stage::Headers:
                if (line.isEmpty())
                    headersDone();
                else if (!parseHeaderLine(line))
                    return m_state;
                break;
            case Stage::ChunkSize: {
                // "1a;ext=x": the extension is allowed and ignored.
                const qsizetype semicolon = line.indexOf(';');
                const QByteArray digits = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
                if (!parseUnsigned(digits, 16, m_remaining))
                    return fail(QStringLiteral("the response has a malformed chunk size"));
                m_stage = m_remaining == 0 ? Stage::Trailers : Stage::ChunkData;
                break;
            }
            case Stage::ChunkDataEnd:
                if (!line.isEmpty())
                    return fail(QStringLiteral("a response chunk is longer than its size"));
                m_stage = Stage::ChunkSize;
                break;
            case Stage::Trailers:
                if (line.isEmpty())
                    m_state = State::Complete;
                break;
            case Stage::Body:
            case Stage::ChunkData:
                break;
            }
        }
    }
    return m_state;
}

std::size_t HttpResponseParser::consumeBody(const char *, std::size_t size) {
    if (m_bodyMode == BodyMode::UntilClose) {
        m_bodyBytes += size;
        return size;
    }
    const std::size_t used = std::size_t(std::min<std::uint64_t>(m_remaining, size));
    m_remaining -= used;
    m_bodyBytes += used;
    if (m_remaining == 0) {
        if (m_stage == Stage::ChunkData) {
            m_stage = Stage::ChunkDataEnd;
        } else {
            m_state = State::Complete;
        }
    }
    return used;
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line) {
    // "HTTP/1.1 200 OK": version, a three-digit code, an optional reason.
    if (!line.startsWith("HTTP/1.") || line.size() < 12 || line[8] != ' ') {
        fail(QStringLiteral("the server did not answer with HTTP (got \"%1\")")
                 .arg(QString::fromLatin1(line.left(40)).toHtmlEscaped()));
        return false;
    }
    std::uint64_t code = 0;
    if (!parseUnsigned(line.mid(9, 3), 10, code) || code < 100 || code > 599 ||
        (line.size() > 12 && line[12] != ' ')) {
        fail(QStringLiteral("the response has a malformed status line"));
        return false;
    }
    m_status = int(code);
    return true;
}

bool HttpResponseParser::parseHeaderLine(const QByteArray &line) {
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line[0] == ' ' || line[0] == '\t') {
        fail(QStringLiteral("the response has a malformed header line"));
        return false;
    }
    if (int(m_headers.size()) >= kMaxHeaderCount) {
        fail(QStringLiteral("the response has more than %1 headers").arg(kMaxHeaderCount));
        return false;
    }
    m_headers.emplace_back(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    return true;
}

void HttpResponseParser::headersDone() {
    if (m_status >= 100 && m_status < 200) {
        // An interim response (100 Continue): the real one follows.
        m_headers.clear();
        m_stage = Stage::StatusLine;
        return;
    }
    const QByteArray encoding = header("Transfer-Encoding");
    const QByteArray length = header("Content-Length");
    if (m_status == 204 || m_status == 304) {
        m_state = State::Complete;
    } else if (!encoding.isEmpty()) {
        if (!encoding.toLower().endsWith("chunked")) {
            fail(QStringLiteral("the response uses an unsupported transfer encoding"));
            return;
        }
        m_bodyMode = BodyMode::Chunked;
        m_stage = Stage::ChunkSize;
    } else if (!length.isEmpty()) {
        if (!parseUnsigned(length, 10, m_remaining)) {
            fail(QStringLiteral("the response has an invalid Content-Length"));
            return;
        }
        m_bodyMode = BodyMode::Length;
        m_stage = Stage::Body;
        if (m_remaining == 0)
            m_state = State::Complete;
    } else {
        m_bodyMode = BodyMode::UntilClose;
        m_stage = Stage::Body;
    }
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
    for (const auto &[key, value] : m_headers)
        if (equalsIgnoreCase(key, name))
            return value;
    return {};
}

ServerTiming parseServerTiming(const QByteArray &value) {
    // "queue;dur=12.5, app;dur=1000": metrics separated by commas, parameters by semicolons.
    ServerTiming timing;
    for (const QByteArray &metric : value.split(',')) {
        const QList<QByteArray> parts = metric.split(';');
        const QByteArray name = parts.value(0).trimmed();
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts[i].trimmed();
            if (!parameter.startsWith("dur="))
                continue;
            bool ok = false;
            const double ms = parameter.mid(4).toDouble(&ok);
            if (!ok || !(ms >= 0 && ms <= 1e9)) // also refuses "nan", which toDouble accepts
                continue;
            if (name == "queue")
                timing.queueMs = ms;
            else if (name == "app")
                timing.appMs = ms;
        }
    }
    return timing;
}

} // namespace reqlanes
