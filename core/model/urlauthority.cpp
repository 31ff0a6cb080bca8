#include "model/urlauthority.h"

namespace reqlanes {

UrlAuthority urlAuthority(QStringView url) {
    UrlAuthority authority;
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return authority;
    const QStringView scheme = url.left(schemeEnd);
    qsizetype start = schemeEnd + 3;
    qsizetype end = start;
    while (end < url.size() && url[end] != QLatin1Char('/') && url[end] != QLatin1Char('?') &&
           url[end] != QLatin1Char('#'))
        ++end;
    QStringView hostPort = url.mid(start, end - start);
    if (const qsizetype at = hostPort.lastIndexOf(QLatin1Char('@')); at >= 0)
        hostPort = hostPort.mid(at + 1);
    // A colon after the closing bracket of an IPv6 literal (or any colon without one) starts
    // the port.
    const qsizetype bracket = hostPort.lastIndexOf(QLatin1Char(']'));
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    QStringView host = hostPort;
    if (colon > bracket) {
        bool ok = false;
        const int port = hostPort.mid(colon + 1).toInt(&ok);
        if (ok && port >= 0 && port <= 65535)
            authority.port = port;
        host = hostPort.left(colon);
    }
    authority.host = host.toString().toLower();
    if (authority.port < 0) {
        if (scheme.compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 ||
            scheme.compare(QLatin1String("ws"), Qt::CaseInsensitive) == 0)
            authority.port = 80;
        else if (scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ||
                 scheme.compare(QLatin1String("wss"), Qt::CaseInsensitive) == 0)
            authority.port = 443;
    }
    return authority;
}

} // namespace reqlanes
