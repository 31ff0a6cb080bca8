// The code behind the lanes: the selected strategy's essential code, C++ (what reqlanes runs)
// and Python (the talk's equivalent) in two tabs, with a badge on each marked line counting the
// requests on it at the moment shown ("6 waiting", "3 in flight"). Runs without a strategy
// (watch sessions) show nothing until the user opens a file of their own (File → Show source…),
// which is shown without counts, and the pane says why.
#pragma once

#include "model/run.h"
#include "presenter/codeview.h"
#include "presenter/snippetlibrary.h"

#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QTabWidget;

namespace reqlanes {

class SnippetHighlighter;

class CodePane : public QWidget {
    Q_OBJECT
public:
    enum Tab { CppTab = 0, PythonTab = 1 };
    explicit CodePane(QWidget *parent = nullptr);
    ~CodePane() override;

    // Shows the strategy's snippets (no-op when it is already shown); an empty or unknown id
    // clears the pane and says why.
    void setStrategy(const QString &strategyId);
    // The counts of `run` as it stands (a live snapshot, or a replay frame at its elapsed time).
    void showRun(const Run &run);
    // A file of the user's own, shown as is, without counts. false and the reason on error.
    bool showSourceFile(const QString &path, QString *error);
    // Screen style (`points` 0: the desk's size) or presenter style at `points`, on a light or
    // dark background.
    void setPresenterStyle(int points, bool dark);
    // The code's point size: the largest from `maxPoints` down to `minPoints` at which both tabs
    // show their longest lines whole in a pane `width` pixels wide; what still does not fit at
    // `minPoints` wraps, so no line is cut.
    void fitCodeToWidth(int width, int maxPoints, int minPoints);
    // The pane width both tabs need to show their lines whole at the current size, tab frame
    // included.
    int wholeLinesWidth() const;
    // Both tabs' code at `points`, before fitting.
    void setCodePointSize(int points);
    int codePointSize() const;

    QString strategy() const { return m_strategy; }
    QString note() const;
    CodeView *view(Tab tab) const { return m_views[tab]; }
    int currentTab() const;
    void setCurrentTab(Tab tab);

    // "6 waiting", "3 in flight": a line's badge text, whole phrases for translators.
    static QString badgeText(RequestActivity label, int count);

signals:
    // The code shown or the width of its badges changed: the width the lines need whole did.
    void codeChanged();

private:
    int badgeMarginWidth() const;
    void showSnippet(Tab tab, const std::optional<Snippet> &snippet, const QString &missing);
    void setHighlighter(Tab tab, int language);

    QTabWidget *m_tabs;
    QLabel *m_note;
    std::array<CodeView *, 2> m_views{};
    std::array<SnippetHighlighter *, 2> m_highlighters{};
    // Each tab's SnippetHighlighter::Language, to rebuild its highlighter for another background.
    std::array<int, 2> m_languages{};
    std::array<std::vector<MarkedLine>, 2> m_lines;
    QString m_strategy;
    bool m_dark = false;
};

} // namespace reqlanes
