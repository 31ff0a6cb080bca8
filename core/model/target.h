// Where requests go: host, port and path of an http:// URL. The embedded server is a Target too.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace reqlanes {

struct Target {
    QString host = QStringLiteral("127.0.0.1"); // an IPv4/IPv6 literal or a host name
    std::uint16_t port = 0;
    QString path = QStringLiteral("/"); // path and query, always starting with '/'

    // Parses "http://host[:port][/path]"; nullopt and a reason for anything else (https too).
    static std::optional<Target> fromUrl(const QString &url, QString *error = nullptr);
    QString url() const;
    bool operator==(const Target &) const = default;
};

} // namespace reqlanes
