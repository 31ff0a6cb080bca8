// The small pieces of HTTP's field grammar (RFC 9110 §5.6) that the response parser and the
// Server-Timing reader share: tokens, optional whitespace, quoted strings, comma-separated lists.
// Pure functions over bytes; no allocation beyond their results.
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>

namespace reqlanes::http {

// tchar (RFC 9110 §5.6.2): the characters of a token.
bool isTokenChar(char c);
// True for a non-empty sequence of tchar.
bool isToken(const QByteArray &text);
// SP or HTAB: OWS / BWS / RWS (RFC 9110 §5.6.3).
inline bool isWhitespace(char c) {
    return c == ' ' || c == '\t';
}
// The text without leading and trailing SP / HTAB (and nothing else: a CR inside is data).
QByteArray trimWhitespace(const QByteArray &text);

// Reads a quoted-string (RFC 9110 §5.6.4) starting at text[at] == '"'. On success returns true,
// the unescaped value in *value and the index just past the closing quote in *end. A missing
// closing quote or a character qdtext does not allow is false.
bool readQuotedString(const QByteArray &text, qsizetype at, QByteArray *value, qsizetype *end);

// Splits a field value that is a #list (RFC 9110 §5.6.1) at the commas that are not inside a
// quoted-string, trims each element, and drops the empty ones ("a, , b" has two elements, which
// §5.6.1 says a recipient must accept).
QList<QByteArray> splitList(const QByteArray &value);

// Strict unsigned decimal (base 10) or hex (16): digits only, no sign, no spaces, at most 16
// digits, no overflow. The form of Content-Length (RFC 9110 §8.6) and chunk-size (RFC 9112 §7.1).
bool parseUnsigned(const QByteArray &text, int base, std::uint64_t &out);

// ASCII case-insensitive equality, as field names and coding names compare (RFC 9110 §5.1, §8.4.1).
bool equalsIgnoreCase(const QByteArray &a, const QByteArray &b);

} // namespace reqlanes::http
