// Colours C++ and Python snippets in the code pane: keywords, strings, comments, numbers. A few
// regular expressions, enough for the short excerpts reqlanes ships and readable at slide size;
// not a parser.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace reqlanes {

class SnippetHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language { Cpp, Python, Plain };
    SnippetHighlighter(QTextDocument *document, Language language, bool dark);

    // "cpp" / "python" by name, anything else Plain (a user's own file of another kind).
    static Language languageForName(const QString &name);
    static Language languageForPath(const QString &path);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> m_rules; // applied in order; later rules (strings, comments) win
};

} // namespace reqlanes
