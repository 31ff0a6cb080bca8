#include "formats/jsonoutline.h"

#include <vector>

namespace reqlanes {

namespace {
// Deeper than any real recording, shallow enough that a hostile file costs nothing.
constexpr std::size_t kMaxDepth = 512;
} // namespace

QString describeJsonStart(char first) {
    switch (first) {
    case '"':
        return QStringLiteral("a string");
    case '{':
        return QStringLiteral("an object");
    case '[':
        return QStringLiteral("an array");
    case 't':
    case 'f':
        return QStringLiteral("a boolean");
    case 'n':
        return QStringLiteral("null");
    default:
        break;
    }
    return QStringLiteral("a number");
}

void JsonOutline::skipWhitespace() {
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

char JsonOutline::peek() {
    skipWhitespace();
    return m_pos < m_text.size() ? m_text[m_pos] : '\0';
}

bool JsonOutline::take(char expected) {
    if (peek() != expected)
        return false;
    ++m_pos;
    return true;
}

bool JsonOutline::fail(const QString &reason) {
    if (m_errorAt < 0) {
        m_errorAt = m_pos;
        m_error = reason;
    }
    return false;
}

bool JsonOutline::skipString() {
    ++m_pos; // the opening quote
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos++];
        if (c == '\\')
            ++m_pos;
        else if (c == '"')
            return true;
    }
    return fail(QStringLiteral("unterminated string"));
}

bool JsonOutline::key(QByteArray *out) {
    if (peek() != '"')
        return fail(QStringLiteral("expected a member name in quotes"));
    const qsizetype from = m_pos + 1;
    if (!skipString())
        return false;
    *out = QByteArray(m_text.constData() + from, m_pos - 1 - from);
    if (!take(':'))
        return fail(QStringLiteral("expected ':'"));
    return true;
}

bool JsonOutline::skipValue() {
    const char first = peek();
    if (first == '"')
        return skipString();
    if (first != '{' && first != '[') {
        const qsizetype from = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            const bool scalar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
            if (!scalar)
                break;
            ++m_pos;
        }
        return m_pos > from || fail(m_pos < m_text.size() ? QStringLiteral("unexpected character")
                                                          : QStringLiteral("unexpected end"));
    }
    std::vector<char> closers;
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c == '"') {
            if (!skipString())
                return false;
            continue;
        }
        ++m_pos;
        if (c == '{' || c == '[') {
            if (closers.size() == kMaxDepth)
                return fail(QStringLiteral("nested too deeply"));
            closers.push_back(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
            if (closers.empty() || closers.back() != c) {
                --m_pos;
                return fail(QStringLiteral("unbalanced '%1'").arg(QLatin1Char(c)));
            }
            closers.pop_back();
            if (closers.empty())
                return true;
        }
    }
    return fail(QStringLiteral("unexpected end: '%1' missing").arg(QLatin1Char(closers.back())));
}

bool JsonOutline::nextOrClose(char close, bool *another) {
    if (take(',')) {
        *another = true;
        return true;
    }
    if (take(close)) {
        *another = false;
        return true;
    }
    return fail(QStringLiteral("expected ',' or '%1'").arg(QLatin1Char(close)));
}

bool JsonOutline::atEnd() {
    skipWhitespace();
    return m_pos == m_text.size();
}

} // namespace reqlanes
