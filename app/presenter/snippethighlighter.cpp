#include "presenter/snippethighlighter.h"

#include <QFileInfo>

namespace reqlanes {

namespace {

QTextCharFormat charFormat(const QColor &color, bool bold = false, bool italic = false) {
    QTextCharFormat result;
    result.setForeground(color);
    if (bold)
        result.setFontWeight(QFont::Bold);
    result.setFontItalic(italic);
    return result;
}

QString wordsPattern(const char *words) {
    return QStringLiteral("\\b(%1)\\b")
        .arg(QString::fromLatin1(words).split(QLatin1Char(' ')).join(QLatin1Char('|')));
}

} // namespace

SnippetHighlighter::SnippetHighlighter(QTextDocument *document, Language language, bool dark)
    : QSyntaxHighlighter(document) {
    if (language == Language::Plain)
        return;
    // Okabe-Ito hues again, darker on light backgrounds and lighter on dark ones.
    const QColor keyword = dark ? QColor(0x56, 0xB4, 0xE9) : QColor(0x00, 0x50, 0x90);
    const QColor string = dark ? QColor(0x7F, 0xD6, 0xB0) : QColor(0x00, 0x70, 0x50);
    const QColor comment = dark ? QColor(0xA0, 0xA0, 0xA0) : QColor(0x70, 0x70, 0x70);
    const QColor number = dark ? QColor(0xE6, 0x9F, 0x00) : QColor(0xA0, 0x50, 0x00);
    const char *keywords =
        language == Language::Cpp
            ? "auto bool break case co_await co_return co_yield const continue else for if int "
              "return switch void while class struct namespace std"
            : "and as async await def for from if import in is lambda not or return with while "
              "class None True False";
    m_rules.push_back({QRegularExpression(wordsPattern(keywords)), charFormat(keyword, true)});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b[0-9]+\\b")), charFormat(number)});
    m_rules.push_back(
        {QRegularExpression(QStringLiteral("\"([^\"\\\\]|\\\\.)*\"|'([^'\\\\]|\\\\.)*'")),
         charFormat(string)});
    m_rules.push_back({QRegularExpression(language == Language::Cpp ? QStringLiteral("//.*$")
                                                                    : QStringLiteral("#.*$")),
                       charFormat(comment, false, true)});
}

SnippetHighlighter::Language SnippetHighlighter::languageForName(const QString &name) {
    if (name == QLatin1String("cpp"))
        return Language::Cpp;
    if (name == QLatin1String("python"))
        return Language::Python;
    return Language::Plain;
}

SnippetHighlighter::Language SnippetHighlighter::languageForPath(const QString &path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("py"))
        return Language::Python;
    if (QStringList{QStringLiteral("cpp"), QStringLiteral("cc"), QStringLiteral("cxx"),
                    QStringLiteral("h"), QStringLiteral("hpp")}
            .contains(suffix))
        return Language::Cpp;
    return Language::Plain;
}

void SnippetHighlighter::highlightBlock(const QString &text) {
    for (const Rule &rule : m_rules) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
}

} // namespace reqlanes
