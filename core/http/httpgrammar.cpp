#include "http/httpgrammar.h"

#include <cstring>
#include <limits>

namespace reqlanes::http {

bool isTokenChar(char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(const QByteArray &text) {
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

QByteArray trimWhitespace(const QByteArray &text) {
    qsizetype begin = 0, end = text.size();
    while (begin < end && isWhitespace(text[begin]))
        ++begin;
    while (end > begin && isWhitespace(text[end - 1]))
        --end;
    return text.mid(begin, end - begin);
}

bool readQuotedString(const QByteArray &text, qsizetype at, QByteArray *value, qsizetype *end) {
    if (at >= text.size() || text[at] != '"')
        return false;
    QByteArray out;
    for (qsizetype i = at + 1; i < text.size(); ++i) {
        const unsigned char c = uchar(text[i]);
        if (c == '"') {
            *value = out;
            *end = i + 1;
            return true;
        }
        if (c == '\\') {
            // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
            if (i + 1 >= text.size())
                return false;
            const unsigned char escaped = uchar(text[++i]);
            if (escaped != '\t' && escaped < 0x20)
                return false;
            if (escaped == 0x7f)
                return false;
            out += char(escaped);
            continue;
        }
        // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
        out += char(c);
    }
    return false;
}

QList<QByteArray> splitList(const QByteArray &value) {
    QList<QByteArray> elements;
    qsizetype start = 0;
    bool quoted = false;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i < value.size()) {
            const char c = value[i];
            if (quoted && c == '\\') {
                ++i; // the escaped character cannot end the string
                continue;
            }
            if (c == '"')
                quoted = !quoted;
            if (quoted || c != ',')
                continue;
        }
        const QByteArray element = trimWhitespace(value.mid(start, i - start));
        if (!element.isEmpty())
            elements.append(element);
        start = i + 1;
    }
    return elements;
}

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

bool equalsIgnoreCase(const QByteArray &a, const QByteArray &b) {
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace reqlanes::http
