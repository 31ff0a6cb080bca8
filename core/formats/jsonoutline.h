// Walks the outer structure of a large JSON document without building it, handing each value
// of interest over as a slice of the text: a HAR of 100,000 entries is 130 MB, and
// QJsonDocument took 10 s and 1 GB for it, where parsing entry by entry takes a fraction of
// that and no more memory than the text. The HAR reader uses it; each slice is then parsed on
// its own (QJsonDocument of one entry), which checks its grammar, so the whole document is still
// checked. Offsets are bytes into the text, for "line L, column C" messages.
#pragma once

#include <QByteArray>
#include <QString>

namespace reqlanes {

class JsonOutline {
public:
    explicit JsonOutline(const QByteArray &text, qsizetype start = 0)
        : m_text(text)
        , m_pos(start) {}

    qsizetype position() const { return m_pos; }
    qsizetype errorOffset() const { return m_errorAt; }
    const QString &error() const { return m_error; }
    bool failed() const { return m_errorAt >= 0; }

    void skipWhitespace();
    char peek();              // after whitespace; '\0' at the end
    bool take(char expected); // after whitespace: true and past it if it is next
    // A member's key as written between its quotes (escapes left as they are), then its ':'.
    bool key(QByteArray *out);
    // Skips one value of any kind (strings and nesting followed, the rest left to the parser of
    // the slice); [start, position()) is the value.
    bool skipValue();
    // "," then true (another member or element follows), or `close` then false; anything else
    // fails with "expected ',' or 'X'".
    bool nextOrClose(char close, bool *another);
    bool atEnd(); // nothing but whitespace left
    bool fail(const QString &reason);
    QByteArray slice(qsizetype from) const {
        return QByteArray::fromRawData(m_text.constData() + from, m_pos - from);
    }

private:
    bool skipString();

    const QByteArray &m_text;
    qsizetype m_pos;
    qsizetype m_errorAt = -1;
    QString m_error;
};

// "a string", "an object", "a number", ...: what the value starting with `first` is.
QString describeJsonStart(char first);

} // namespace reqlanes
