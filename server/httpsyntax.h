// The small grammars of an HTTP/1.1 request that the parser checks bytes against: tokens,
// field values, comma-separated lists, request-targets and Host values. Pure functions over
// bytes, shared by HttpRequestParser and its ChunkedBodyReader; each names the rule it follows.
#pragma once

#include <string_view>

namespace reqlanes::server::httpsyntax {

bool isTokenChar(unsigned char c);   // tchar, RFC 9110 5.6.2
bool isToken(std::string_view text); // 1*tchar
// field-value, RFC 9110 5.5: visible ASCII, obs-text, SP and HTAB; no CR, LF, NUL or other CTL.
bool isFieldValue(std::string_view text);
std::string_view trimWhitespace(std::string_view text); // OWS (SP / HTAB) at both ends
bool equalsIgnoreCase(std::string_view a, std::string_view b);
bool startsWithIgnoreCase(std::string_view text, std::string_view prefix);

// Calls visit(element) for each element of a comma-separated list (RFC 9110 5.6.1) with its
// OWS trimmed, skipping empty elements as a recipient must. Stops and returns false as soon as
// visit returns false.
template <typename Visit> bool forEachListElement(std::string_view list, Visit visit) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view element = trimWhitespace(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (!element.empty() && !visit(element))
            return false;
    }
    return true;
}

// Host = uri-host [ ":" port ] (RFC 9110 7.2, RFC 3986 3.2.2-3.2.3): an IP-literal in
// brackets or a reg-name (which covers IPv4 addresses), then optional digits. An empty value
// is valid syntax (a target URI without authority); a userinfo "@" is not.
bool isHost(std::string_view text);

// absolute-path [ "?" query ] of origin-form (RFC 9112 3.2.1) and the path-abempty [ "?" query ]
// tail of an http URI (RFC 3986 3.3-3.4): pchar, "/", "?" and well-formed %XX; no "#".
bool isPathAndQuery(std::string_view text);

} // namespace reqlanes::server::httpsyntax
