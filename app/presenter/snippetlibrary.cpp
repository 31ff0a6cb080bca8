#include "presenter/snippetlibrary.h"

#include <QCoreApplication>
#include <QFile>

namespace reqlanes {

namespace {

std::optional<QByteArray> readResource(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("reqlanes::SnippetLibrary", "cannot read %1: %2")
                         .arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

std::optional<Snippet> SnippetLibrary::find(const QString &strategy, const QString &language,
                                            QString *error) {
    // Parsed once: the resources cannot change while the app runs.
    static const auto index = [] {
        QString indexError;
        const std::optional<QByteArray> json =
            readResource(QString::fromLatin1(kIndexPath), &indexError);
        std::optional<std::vector<SnippetSpec>> specs =
            json ? parseSnippetIndex(*json, &indexError) : std::nullopt;
        return std::make_pair(specs.value_or(std::vector<SnippetSpec>{}), indexError);
    }();
    if (!index.second.isEmpty()) {
        if (error)
            *error = index.second;
        return std::nullopt;
    }
    for (const SnippetSpec &spec : index.first) {
        if (spec.strategy != strategy || spec.language != language)
            continue;
        const std::optional<QByteArray> code =
            readResource(QStringLiteral(":/reqlanes/snippets/") + spec.file, error);
        if (!code)
            return std::nullopt;
        Snippet snippet{strategy, language, QString::fromUtf8(*code), spec.lines};
        if (!resolveMarkedLines(snippet.lines, snippet.code, error))
            return std::nullopt;
        return snippet;
    }
    if (error)
        *error = QCoreApplication::translate("reqlanes::SnippetLibrary", "no %1 snippet for %2")
                     .arg(language, strategy);
    return std::nullopt;
}

} // namespace reqlanes
