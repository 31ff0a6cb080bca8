// The host and port of an absolute URL ("https://cdn.example.com:8443/app.js" -> cdn.example.com,
// 8443), read without QUrl: a HAR of 100,000 entries asks this for every entry. Used by the HAR
// reader (is `connection` only the port?) and the by-host lanes.
#pragma once

#include <QString>
#include <QStringView>

namespace reqlanes {

struct UrlAuthority {
    QString host;  // lower case; an IPv6 literal keeps its brackets: "[::1]"; "" if none
    int port = -1; // explicit, else the scheme's default (http 80, https/wss 443), else -1
};

UrlAuthority urlAuthority(QStringView url);

} // namespace reqlanes
