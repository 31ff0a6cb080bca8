// The code pane: every strategy's C++ and Python snippets load and their marked lines resolve;
// the badges count requests per line at the moment shown; runs without a strategy and files of
// the user's own say why nothing is highlighted.
#include "apptestenvironment.h"
#include "presenter/codepane.h"
#include "presenter/snippetlibrary.h"
#include "run/strategyregistry.h"
#include "scratchfile.h"
#include "syntheticrun.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBlock>

#include <QApplication>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// async-semaphore, N=9, limit 3, 100 ms each: at 50 ms 6 wait for the semaphore, 3 are out.
reqlanes::Run semaphoreRunAt(Nanos at) {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async-semaphore");
    run.scenario.n = 9;
    run.scenario.limit = 3;
    for (int i = 0; i < 9; ++i) {
        RequestRecord r;
        r.id = i;
        const Nanos acquired = (i / 3) * 103 * kMs;
        r.at[int(Phase::Created)] = 0;
        r.at[int(Phase::Acquired)] = acquired;
        r.at[int(Phase::ConnectStart)] = acquired;
        r.at[int(Phase::Connected)] = acquired;
        r.at[int(Phase::Sent)] = acquired + kMs;
        r.at[int(Phase::FirstByte)] = acquired + 101 * kMs;
        r.at[int(Phase::Done)] = acquired + 102 * kMs;
        r.status = RequestStatus::Ok;
        run.requests.push_back(r);
    }
    run.finished = true;
    run.elapsed = at;
    return run;
}

const LineBadge *badgeStarting(const std::vector<LineBadge> &badges, const QString &suffix) {
    for (const LineBadge &badge : badges)
        if (badge.text.endsWith(suffix))
            return &badge;
    return nullptr;
}

} // namespace

namespace {

// The snippets shipped, as the index lists them (a strategy may have none: the pane says so).
std::vector<SnippetSpec> shippedSnippets() {
    QFile index(QString::fromLatin1(SnippetLibrary::kIndexPath));
    if (!index.open(QIODevice::ReadOnly))
        return {};
    return parseSnippetIndex(index.readAll(), nullptr).value_or(std::vector<SnippetSpec>{});
}

} // namespace

TEST(SnippetLibrary, EveryShippedSnippetIsOfAStrategyAndItsMarkedLinesResolve) {
    const std::vector<SnippetSpec> specs = shippedSnippets();
    ASSERT_FALSE(specs.empty());
    for (const SnippetSpec &spec : specs) {
        EXPECT_NE(StrategyRegistry::instance().find(spec.strategy), nullptr)
            << spec.file.toStdString() << ": no strategy " << spec.strategy.toStdString();
        QString error;
        const std::optional<Snippet> snippet =
            SnippetLibrary::find(spec.strategy, spec.language, &error);
        ASSERT_TRUE(snippet) << spec.file.toStdString() << ": " << error.toStdString();
        EXPECT_FALSE(snippet->lines.empty()) << spec.file.toStdString();
        EXPECT_LE(snippet->code.count(QLatin1Char('\n')), 24)
            << spec.file.toStdString() << ": a snippet must fit on a slide";
    }
    QString error;
    EXPECT_FALSE(SnippetLibrary::find(QStringLiteral("no-such"), QStringLiteral("cpp"), &error));
    EXPECT_EQ(error, QStringLiteral("no cpp snippet for no-such"));
}

// Presenter mode gives the code at most half the screen and fits the type to the longest line.
// On a 1280-pixel projector that half holds about 60 monospace columns (plus the count badges)
// at two thirds of presenter type; a longer line shrinks the type for every line, or wraps.
TEST(SnippetLibrary, EverySnippetLineFitsSixtyColumnsForPresenterType) {
    constexpr qsizetype kMostColumns = 60;
    for (const SnippetSpec &spec : shippedSnippets()) {
        QString error;
        const std::optional<Snippet> snippet =
            SnippetLibrary::find(spec.strategy, spec.language, &error);
        ASSERT_TRUE(snippet) << error.toStdString();
        const QStringList lines = snippet->code.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i)
            EXPECT_LE(lines[i].size(), kMostColumns)
                << spec.file.toStdString() << " line " << i + 1 << ": " << lines[i].toStdString();
    }
}

TEST(CodePane, SemaphoreRunCountsWaitingAndInFlightOnTheirLines) {
    CodePane pane;
    pane.showRun(semaphoreRunAt(50 * kMs));
    const auto &python = pane.view(CodePane::PythonTab)->badges();
    const LineBadge *waiting = badgeStarting(python, QStringLiteral("waiting"));
    ASSERT_NE(waiting, nullptr);
    EXPECT_EQ(waiting->text, QStringLiteral("6 waiting"));
    EXPECT_TRUE(waiting->active);
    EXPECT_TRUE(pane.view(CodePane::PythonTab)
                    ->document()
                    ->findBlockByNumber(waiting->line)
                    .text()
                    .contains(QStringLiteral("async with semaphore")));
    const LineBadge *inFlight = badgeStarting(python, QStringLiteral("in flight"));
    ASSERT_NE(inFlight, nullptr);
    EXPECT_EQ(inFlight->text, QStringLiteral("3 in flight"));
    const LineBadge *reading = badgeStarting(python, QStringLiteral("reading"));
    ASSERT_NE(reading, nullptr);
    EXPECT_EQ(reading->text, QStringLiteral("0 reading"));
    EXPECT_FALSE(reading->active);

    // 101 ms: the first three read their responses.
    pane.showRun(semaphoreRunAt(101 * kMs));
    EXPECT_EQ(
        badgeStarting(pane.view(CodePane::PythonTab)->badges(), QStringLiteral("reading"))->text,
        QStringLiteral("3 reading"));
    const auto &cpp = pane.view(CodePane::CppTab)->badges();
    ASSERT_NE(badgeStarting(cpp, QStringLiteral("waiting")), nullptr);
    EXPECT_EQ(badgeStarting(cpp, QStringLiteral("waiting"))->text, QStringLiteral("6 waiting"));
}

TEST(CodePane, PresenterStyleKeepsTheCountsOfTheRunShown) {
    CodePane pane;
    pane.showRun(semaphoreRunAt(50 * kMs));
    // Entering presenter mode after a run, and its dark variant, restyle the code.
    pane.setPresenterStyle(20, true);
    const LineBadge *waiting =
        badgeStarting(pane.view(CodePane::PythonTab)->badges(), QStringLiteral("waiting"));
    ASSERT_NE(waiting, nullptr);
    EXPECT_EQ(waiting->text, QStringLiteral("6 waiting"));
    EXPECT_TRUE(waiting->active);
    EXPECT_EQ(pane.codePointSize(), 20);
}

TEST(CodePane, BadgeMarginIsReservedBeforeTheFirstRunSoTheFitHolds) {
    CodePane pane;
    QSignalSpy changed(&pane, &CodePane::codeChanged);
    pane.setStrategy(QStringLiteral("async-semaphore"));
    EXPECT_EQ(changed.count(), 1) << "new code needs a new fit";
    const LineBadge *waiting =
        badgeStarting(pane.view(CodePane::CppTab)->badges(), QStringLiteral("waiting"));
    ASSERT_NE(waiting, nullptr);
    EXPECT_EQ(waiting->text, QStringLiteral("0 waiting"));
    EXPECT_FALSE(waiting->active);
    const int beforeRun = pane.wholeLinesWidth();

    pane.showRun(semaphoreRunAt(50 * kMs));
    EXPECT_EQ(pane.wholeLinesWidth(), beforeRun) << "single-digit counts fit the reserved margin";
    EXPECT_EQ(changed.count(), 1);
}

TEST(CodePane, RunWithoutAStrategyShowsNoCodeAndSaysHowToOpenOne) {
    CodePane pane;
    reqlanes::Run watched = semaphoreRunAt(50 * kMs);
    watched.scenario.strategy.clear();
    pane.showRun(watched);
    EXPECT_TRUE(pane.view(CodePane::CppTab)->badges().empty());
    EXPECT_TRUE(pane.note().contains(QStringLiteral("Show source")));
}

TEST(CodePane, OwnFileIsShownWithoutHighlightsAndSaysWhy) {
    QTemporaryDir dir;
    const QString path = reqlanes::testing::writeScratchFile(
        dir, QStringLiteral("client.py"),
        "import requests\nrequests.get('http://127.0.0.1:8000/')\n");
    ASSERT_FALSE(path.isEmpty());
    CodePane pane;
    pane.showRun(semaphoreRunAt(50 * kMs));
    QString error;
    ASSERT_TRUE(pane.showSourceFile(path, &error)) << error.toStdString();
    EXPECT_EQ(pane.currentTab(), int(CodePane::PythonTab));
    EXPECT_TRUE(pane.view(CodePane::PythonTab)
                    ->toPlainText()
                    .startsWith(QStringLiteral("import requests")));
    EXPECT_TRUE(pane.view(CodePane::PythonTab)->badges().empty());
    EXPECT_TRUE(pane.note().contains(QStringLiteral("no lines are highlighted")));

    EXPECT_FALSE(pane.showSourceFile(dir.filePath(QStringLiteral("missing.py")), &error));
    EXPECT_FALSE(error.isEmpty());
}

// Snippets are optional for a strategy: one without them says so on both tabs, with no badges.
TEST(CodePane, AStrategyWithoutSnippetsSaysThereIsNoCode) {
    CodePane pane;
    pane.setStrategy(QStringLiteral("no-snippets-yet"));
    for (CodePane::Tab tab : {CodePane::CppTab, CodePane::PythonTab}) {
        EXPECT_TRUE(pane.view(tab)->toPlainText().contains(QStringLiteral("no-snippets-yet")))
            << pane.view(tab)->toPlainText().toStdString();
        EXPECT_TRUE(pane.view(tab)->badges().empty());
    }
}

// Ctrl+D back to light slides: the code went back to a white page. Clearing the pane's dark style
// sheet restored the palette the views had when it was set (dark), over their light one, so the
// light highlight sat under light text on a black page.
TEST(CodePane, LightAfterDarkIsLightAgain) {
    CodePane pane;
    pane.show();
    pane.setPresenterStyle(20, true);
    pane.setPresenterStyle(20, false);
    QApplication::processEvents();
    for (const CodePane::Tab tab : {CodePane::CppTab, CodePane::PythonTab}) {
        const QPalette palette = pane.view(tab)->palette();
        EXPECT_EQ(palette.color(QPalette::Base), QColor(Qt::white)) << tab;
        EXPECT_EQ(palette.color(QPalette::Text), QColor(0x20, 0x20, 0x20)) << tab;
    }
}

// Presenter mode with dark slides first, then Ctrl+K: the code pane came up on a white page with
// the dark slides' pale text on it (the views were first polished under the pane's dark style
// sheet after their dark palette was set, which put the page back to the style's white).
TEST(CodePane, DarkWhenFirstShownAfterTheSlidesWentDark) {
    QWidget window;
    auto *pane = new CodePane(&window);
    pane->hide();
    window.show();
    pane->setPresenterStyle(20, true);
    pane->show();
    QApplication::processEvents();
    for (const CodePane::Tab tab : {CodePane::CppTab, CodePane::PythonTab}) {
        pane->setCurrentTab(tab);
        QApplication::processEvents();
        const CodeView *view = pane->view(tab);
        EXPECT_EQ(view->palette().color(QPalette::Base), QColor(0x14, 0x14, 0x14)) << tab;
        // What is painted, not only the palette: the page's colour at its bottom right.
        const QImage page = view->viewport()->grab().toImage();
        ASSERT_FALSE(page.isNull());
        EXPECT_LT(qGray(page.pixel(page.width() - 2, page.height() - 2)), 64)
            << "tab " << tab << " paints a light page";
    }
}
