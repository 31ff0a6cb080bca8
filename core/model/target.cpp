#include "model/target.h"

#include <QUrl>

namespace reqlanes {

std::optional<Target> Target::fromUrl(const QString &text, QString *error) {
    auto fail = [&](const QString &reason) -> std::optional<Target> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty())
        return fail(QStringLiteral("no target URL given"));
    if (!url.isValid())
        return fail(QStringLiteral("not a valid URL: %1").arg(url.errorString()));
    if (url.scheme() != QLatin1String("http"))
        return fail(QStringLiteral("only http:// URLs are supported (got \"%1\")").arg(text));
    if (url.host().isEmpty())
        return fail(QStringLiteral("the URL has no host: \"%1\"").arg(text));
    if (!url.userInfo().isEmpty())
        return fail(QStringLiteral("user names and passwords in the URL are not supported"));
    const int port = url.port(80);
    if (port < 1 || port > 65535)
        return fail(QStringLiteral("port must be 1..65535"));

    Target target;
    target.host = url.host();
    target.port = static_cast<std::uint16_t>(port);
    target.path = url.path(QUrl::FullyEncoded);
    if (target.path.isEmpty())
        target.path = QStringLiteral("/");
    if (url.hasQuery())
        target.path += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    return target;
}

QString Target::url() const {
    const bool ipv6 = host.contains(QLatin1Char(':'));
    return QStringLiteral("http://%1:%2%3")
        .arg(ipv6 ? QLatin1Char('[') + host + QLatin1Char(']') : host)
        .arg(port)
        .arg(path);
}

} // namespace reqlanes
