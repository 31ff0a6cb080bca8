#include "httpsyntax.h"

#include <algorithm>
#include <cstring>

namespace reqlanes::server::httpsyntax {

namespace {

bool isAlphaDigit(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isHexDigit(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// unreserved / sub-delims (RFC 3986 2.2-2.3), plus the extra characters a caller allows.
bool isUriChar(unsigned char c, const char *extra) {
    return c != '\0' && (isAlphaDigit(c) || std::strchr("-._~!$&'()*+,;=", c) != nullptr ||
                         std::strchr(extra, c) != nullptr);
}

// Every byte is a URI character of the given kind or part of a complete "%" HEXDIG HEXDIG.
bool isPercentEncodedRun(std::string_view text, const char *extra) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '%') {
            if (i + 2 >= text.size() || !isHexDigit(static_cast<unsigned char>(text[i + 1])) ||
                !isHexDigit(static_cast<unsigned char>(text[i + 2])))
                return false;
            i += 2;
        } else if (!isUriChar(c, extra)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool isTokenChar(unsigned char c) {
    return c != '\0' && (isAlphaDigit(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return isTokenChar(static_cast<unsigned char>(c));
    });
}

bool isFieldValue(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t') || c == 0x7f;
    });
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

bool isHost(std::string_view text) {
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        // IP-literal: IPv6address or IPvFuture; their characters, not their full grammar.
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos || close == 1)
            return false;
        const std::string_view literal = text.substr(1, close - 1);
        if (!std::all_of(literal.begin(), literal.end(),
                         [](char c) { return isUriChar(static_cast<unsigned char>(c), ":"); }))
            return false;
        const std::string_view after = text.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            return false;
        port = after.empty() ? after : after.substr(1);
    } else {
        const std::size_t colon = text.find(':');
        if (!isPercentEncodedRun(text.substr(0, colon), ""))
            return false;
        port = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    }
    return std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isPathAndQuery(std::string_view text) {
    const std::size_t question = text.find('?');
    return isPercentEncodedRun(text.substr(0, question), ":@/") &&
           (question == std::string_view::npos ||
            isPercentEncodedRun(text.substr(question + 1), ":@/?"));
}

} // namespace reqlanes::server::httpsyntax
