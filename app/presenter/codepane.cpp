#include "presenter/codepane.h"

#include "presenter/snippethighlighter.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace reqlanes {

namespace {

// Large enough for a user's own module, small enough not to stall the window.
constexpr qint64 kMaxSourceBytes = 512 * 1024;
constexpr int kScreenPoints = 10;

} // namespace

CodePane::CodePane(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_note(new QLabel(this)) {
    setObjectName(QStringLiteral("codePane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (int tab : {CppTab, PythonTab}) {
        m_views[std::size_t(tab)] = new CodeView(this);
        m_views[std::size_t(tab)]->setPointSize(kScreenPoints);
    }
    m_tabs->addTab(m_views[CppTab], tr("C++ (what reqlanes runs)"));
    m_tabs->addTab(m_views[PythonTab], tr("Python (the same idea)"));
    m_note->setWordWrap(true);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_note);
    setStrategy(QString());
}

CodePane::~CodePane() = default;

QString CodePane::badgeText(RequestActivity label, int count) {
    switch (label) {
    case RequestActivity::NotCreated:
        return tr("%1 not started").arg(count);
    case RequestActivity::Waiting:
        return tr("%1 waiting").arg(count);
    case RequestActivity::Connecting:
        return tr("%1 connecting").arg(count);
    case RequestActivity::InFlight:
        return tr("%1 in flight").arg(count);
    case RequestActivity::Reading:
        return tr("%1 reading").arg(count);
    case RequestActivity::Done:
        break;
    }
    return tr("%1 done").arg(count);
}

void CodePane::setHighlighter(Tab tab, int language) {
    m_languages[tab] = language;
    delete m_highlighters[tab];
    m_highlighters[tab] = new SnippetHighlighter(m_views[tab]->document(),
                                                 SnippetHighlighter::Language(language), m_dark);
}

void CodePane::showSnippet(Tab tab, const std::optional<Snippet> &snippet, const QString &missing) {
    CodeView *view = m_views[tab];
    view->setBadges({});
    m_lines[tab].clear();
    if (!snippet) {
        view->setPlainText(missing);
        setHighlighter(tab, int(SnippetHighlighter::Language::Plain));
        return;
    }
    view->setPlainText(snippet->code);
    setHighlighter(tab, int(SnippetHighlighter::languageForName(snippet->language)));
    m_lines[tab] = snippet->lines;
    // Zero counts until a run shows: the badges' margin is there from the start, so presenter
    // mode fits the code to the width it keeps once a run begins, and no line is cut then.
    std::vector<LineBadge> badges;
    for (const MarkedLine &line : snippet->lines)
        badges.push_back({line.line, badgeText(line.label, 0), false});
    view->setBadges(std::move(badges));
}

void CodePane::setStrategy(const QString &strategyId) {
    if (!strategyId.isEmpty() && strategyId == m_strategy)
        return;
    m_strategy = strategyId;
    if (strategyId.isEmpty()) {
        const QString text = tr("No strategy ran this session, so there is no code to show. "
                                "Use File → Show source… to open your own program.");
        showSnippet(CppTab, std::nullopt, text);
        showSnippet(PythonTab, std::nullopt, text);
        m_note->setText(text);
        emit codeChanged();
        return;
    }
    QString error;
    std::optional<Snippet> cpp = SnippetLibrary::find(strategyId, QStringLiteral("cpp"), &error);
    const QString cppError = error;
    std::optional<Snippet> python =
        SnippetLibrary::find(strategyId, QStringLiteral("python"), &error);
    showSnippet(CppTab, cpp, tr("No C++ code for %1: %2").arg(strategyId, cppError));
    showSnippet(PythonTab, python, tr("No Python code for %1: %2").arg(strategyId, error));
    m_note->setText(tr("The numbers on the right count the requests on each line."));
    emit codeChanged();
}

void CodePane::showRun(const Run &run) {
    setStrategy(run.scenario.strategy);
    const int marginBefore = badgeMarginWidth();
    for (int tab : {CppTab, PythonTab}) {
        const std::vector<MarkedLine> &lines = m_lines[std::size_t(tab)];
        const std::vector<int> counts = countMarkedLines(run, run.elapsed, lines);
        std::vector<LineBadge> badges;
        badges.reserve(lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i)
            badges.push_back({lines[i].line, badgeText(lines[i].label, counts[i]), counts[i] > 0});
        m_views[std::size_t(tab)]->setBadges(std::move(badges));
    }
    // "10 done" needs a wider margin than "9 done": the code is fitted again.
    if (badgeMarginWidth() != marginBefore)
        emit codeChanged();
}

int CodePane::badgeMarginWidth() const {
    int widest = 0;
    for (const CodeView *view : m_views)
        widest = std::max(widest, view->marginWidth());
    return widest;
}

bool CodePane::showSourceFile(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    if (file.size() > kMaxSourceBytes) {
        *error = tr("the file is larger than %1 KiB").arg(kMaxSourceBytes / 1024);
        return false;
    }
    const Tab tab =
        SnippetHighlighter::languageForPath(path) == SnippetHighlighter::Language::Python
            ? PythonTab
            : CppTab;
    m_strategy.clear();
    m_lines = {};
    CodeView *view = m_views[tab];
    view->setBadges({});
    view->setPlainText(QString::fromUtf8(file.readAll()));
    setHighlighter(tab, int(SnippetHighlighter::languageForPath(path)));
    m_tabs->setCurrentIndex(tab);
    m_note->setText(tr("%1 is your own file: reqlanes cannot tell which of its lines each request "
                       "is on, so no lines are highlighted.")
                        .arg(QFileInfo(path).fileName()));
    emit codeChanged();
    return true;
}

void CodePane::setPresenterStyle(int points, bool dark) {
    const bool large = points > 0;
    m_dark = dark;
    if (!large)
        for (CodeView *view : m_views)
            view->setWrapsLines(false);
    // Dark all over: the tab bar and the note too, not only the code. Set before the views'
    // palettes: clearing a style sheet restores the palette a widget had when it was set (a Qt
    // quirk), which turned light code dark again. The code's page is in it too: a view first
    // shown under the sheet is polished by it, and its page took the style's white over the
    // dark palette (white page, pale text).
    setStyleSheet(dark ? QStringLiteral("QLabel, QTabBar::tab, QPlainTextEdit { background: "
                                        "#141414; color: #f2f2f2; } QTabWidget::pane { border: "
                                        "1px solid #3a3a3a; }")
                       : QString());
    for (int tab : {CppTab, PythonTab}) {
        m_views[std::size_t(tab)]->setDark(dark);
        m_views[std::size_t(tab)]->setPointSize(large ? points : kScreenPoints);
        // New highlighters for colours that suit the background; the code and the run's counts
        // on it stay (entering presenter mode after a run keeps its badges).
        setHighlighter(Tab(tab), m_languages[std::size_t(tab)]);
    }
    QFont font = m_note->font();
    font.setPointSize(large ? points : kScreenPoints);
    m_note->setFont(font);
    m_tabs->tabBar()->setFont(font);
}

void CodePane::fitCodeToWidth(int width, int maxPoints, int minPoints) {
    int points = std::max(minPoints, maxPoints);
    for (; points > minPoints; --points) {
        for (CodeView *view : m_views)
            view->setPointSize(points);
        if (wholeLinesWidth() <= width)
            break;
    }
    for (CodeView *view : m_views) {
        view->setPointSize(points);
        view->setWrapsLines(wholeLinesWidth() > width);
    }
}

int CodePane::wholeLinesWidth() const {
    int widest = 0;
    for (const CodeView *view : m_views)
        widest = std::max(widest, view->wholeLinesWidth());
    // The tab widget's frame and margins around the views.
    return widest + 2 * m_tabs->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 4;
}

void CodePane::setCodePointSize(int points) {
    for (CodeView *view : m_views)
        view->setPointSize(points);
}

int CodePane::codePointSize() const {
    return m_views[CppTab]->font().pointSize();
}

QString CodePane::note() const {
    return m_note->text();
}

int CodePane::currentTab() const {
    return m_tabs->currentIndex();
}

void CodePane::setCurrentTab(Tab tab) {
    m_tabs->setCurrentIndex(tab);
}

} // namespace reqlanes
