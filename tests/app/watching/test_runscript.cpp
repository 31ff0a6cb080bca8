// Run → Run a script… (issue 18): the window starts one of the talk's examples traced against its
// watch server, shows what the script prints, and draws its requests as one session that ends
// when the script exits. Real Python (python3-requests), real sockets on loopback.
#include "apptestenvironment.h"
#include "compare/compareplot.h"
#include "compare/compareview.h"
#include "mainwindow.h"
#include "model/watchsession.h"
#include "results/slotwait.h"
#include "scratchfile.h"
#include "testscenario.h"
#include "timeline/findingscaption.h"
#include "timeline/timelineplot.h"
#include "watch/tracedprogram.h"
#include "watch/watchcontroller.h"
#include "watchedwindow.h"
#include "watching/scriptdialog.h"
#include "watching/watchpanel.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

bool pythonHas(const char *module) {
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return false;
    QProcess process;
    process.start(python, {QStringLiteral("-c"), QStringLiteral("import %1").arg(module)});
    return process.waitForFinished(20'000) && process.exitCode() == 0;
}

// Debian's python3 when it has `module` (a version manager's python3 on PATH may not), else the
// one on PATH if it has it; "" when neither does.
QString pythonWith(const char *module) {
    for (const QString &python : {QStringLiteral("/usr/bin/python3"),
                                  QStandardPaths::findExecutable(QStringLiteral("python3"))}) {
        if (python.isEmpty())
            continue;
        QProcess process;
        process.start(python, {QStringLiteral("-c"), QStringLiteral("import %1").arg(module)});
        if (process.waitForFinished(20'000) && process.exitCode() == 0)
            return python;
    }
    return {};
}

Scenario fastServer() {
    return reqlanes::testing::testScenario({});
}

} // namespace

TEST(ScriptDialog, OffersEveryExampleWithItsSummaryAndBuildsTheCommand) {
    const QString folder = watch::examplesFolderForThisProgram();
    ASSERT_FALSE(folder.isEmpty()) << "a build-tree program finds the source tree's examples";
    ScriptDialog dialog(folder);
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("scriptList"));
    ASSERT_NE(list, nullptr);
    ASSERT_GE(list->count(), 6);
    bool sawSummary = false;
    for (int row = 0; row < list->count(); ++row)
        sawSummary |= list->item(row)->text().contains(QStringLiteral("sequential.py\nOne"));
    EXPECT_TRUE(sawSummary);
    dialog.chooseScript(folder + QStringLiteral("/threads.py"));
    dialog.setArguments(QStringLiteral("5 \"two words\""));
    EXPECT_EQ(dialog.command(), QStringList({"python3", folder + "/threads.py", "5", "two words"}));
}

TEST(RunScript, AnExampleRunsTracedItsOutputShowsAndItsSessionEndsWhenItExits) {
    if (!pythonHas("requests"))
        GTEST_SKIP() << "python3-requests is not installed";
    MainWindow window;
    ASSERT_TRUE(reqlanes::testing::showWithWatchServer(window, fastServer()));
    watch::WatchController *controller = window.watchController();
    // A long idle gap: only the script's exit may end its session.
    controller->setIdleGapMs(600'000);
    const QString script = watch::examplesFolderForThisProgram() + QStringLiteral("/sequential.py");
    ASSERT_TRUE(window.startScript({QStringLiteral("python3"), script, QStringLiteral("3")}));
    EXPECT_TRUE(controller->isWatching());
    QListWidget *sessions = window.watchPanel()->sessionList();
    ASSERT_TRUE(QTest::qWaitFor([&] { return sessions->count() == 1; }, 60'000))
        << window.watchPanel()->programOutput()->toPlainText().toStdString();
    const reqlanes::Run &session = controller->sessions().front();
    // Exactly the script's three requests: the tracer's own events are never drawn as requests.
    EXPECT_EQ(session.requests.size(), 3u);
    EXPECT_EQ(session.okCount(), 3);
    EXPECT_EQ(session.connections.size(), 1u) << "one kept-alive connection";
    EXPECT_TRUE(window.watchPanel()->programOutput()->toPlainText().contains(
        QStringLiteral("sequential: 3 requests")));
    EXPECT_TRUE(window.watchPanel()->programState()->text().contains(QStringLiteral("status 0")))
        << window.watchPanel()->programState()->text().toStdString();
}

TEST(RunScript, AScriptThatCannotStartIsAClearMessageAndNothingRuns) {
    MainWindow window;
    ASSERT_TRUE(reqlanes::testing::showWithWatchServer(window, fastServer()));
    QString error;
    EXPECT_FALSE(window.watchController()->startProgram({QStringLiteral("python3")}, &error));
    EXPECT_EQ(error, QStringLiteral("python3 needs a script to run"));
    EXPECT_FALSE(window.watchController()->programRunning());
}

TEST(RunScript, StopEndsALongScriptAndItsSession) {
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        GTEST_SKIP() << "python3 is not installed";
    QTemporaryDir directory;
    const QString script = reqlanes::testing::writeScratchFile(
        directory, QStringLiteral("sleeps.py"), "import time\ntime.sleep(60)\n");
    ASSERT_FALSE(script.isEmpty());
    MainWindow window;
    ASSERT_TRUE(reqlanes::testing::showWithWatchServer(window, fastServer()));
    ASSERT_TRUE(window.startScript({QStringLiteral("python3"), script}));
    ASSERT_TRUE(window.watchController()->programRunning());
    window.watchController()->stopProgram();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !window.watchController()->programRunning(); }, 10'000));
    EXPECT_TRUE(window.watchPanel()->programState()->text().contains(QStringLiteral("signal")))
        << window.watchPanel()->programState()->text().toStdString();
}

TEST(RunScript, AScriptThatFailsSaysWhyInThePlotAndTheStatusBar) {
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        GTEST_SKIP() << "python3 is not installed";
    QTemporaryDir directory;
    const QString script = reqlanes::testing::writeScratchFile(
        directory, QStringLiteral("fails.py"), "import no_such_module_for_reqlanes\n");
    ASSERT_FALSE(script.isEmpty());
    MainWindow window;
    ASSERT_TRUE(reqlanes::testing::showWithWatchServer(window, fastServer()));
    ASSERT_TRUE(window.startScript({QStringLiteral("python3"), script}));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !window.watchController()->programRunning(); }, 30'000));
    const QString said = window.watchPanel()->programState()->text();
    EXPECT_TRUE(said.contains(QStringLiteral("status 1"))) << said.toStdString();
    EXPECT_TRUE(window.statusText().contains(QStringLiteral("status 1")))
        << window.statusText().toStdString();
    EXPECT_TRUE(window.watchPanel()->programOutput()->toPlainText().contains(
        QStringLiteral("ModuleNotFoundError")));
}

// The talk's side by side: the built-in async-semaphore, then the same thing written in Python
// (examples/aiohttp_semaphore.py) run traced; compared next to each other, both show the waits
// for the semaphore, in the client.
TEST(RunScript, ATracedScriptIsComparedBesideTheBuiltInStrategyThatDoesTheSame) {
    const QString python = pythonWith("aiohttp");
    if (python.isEmpty())
        GTEST_SKIP() << "python3-aiohttp is not installed";
    Scenario scenario = fastServer();
    scenario.n = 9;
    scenario.limit = 3;
    scenario.server.latencyMs = 400; // three waves: 1.2 s live, time to look at it
    MainWindow window;
    ASSERT_TRUE(reqlanes::testing::showWithWatchServer(window, scenario));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    ASSERT_TRUE(window.runStrategy(QStringLiteral("async-semaphore")));
    ASSERT_TRUE(finished.wait(30'000));
    watch::WatchController *controller = window.watchController();
    controller->setIdleGapMs(600'000); // only the script's exit ends its session
    const QString script =
        watch::examplesFolderForThisProgram() + QStringLiteral("/aiohttp_semaphore.py");
    ASSERT_TRUE(window.startScript({python, script, QStringLiteral("9"), QStringLiteral("3")}));
    // Live, the caption is the session's, not the built-in run's before it (a watch session has
    // no ideal to measure against): checked while the session is still live.
    const auto liveCaptionIsTheSessions = [&window] {
        const reqlanes::Run &shown = window.timeline()->run();
        const QString caption = window.caption()->text();
        return isWatchSession(shown.scenario) && !shown.finished && !shown.requests.empty() &&
               !caption.isEmpty() && !caption.contains(QStringLiteral("ideal"));
    };
    EXPECT_TRUE(QTest::qWaitFor(liveCaptionIsTheSessions, 30'000))
        << window.caption()->text().toStdString();
    QListWidget *sessions = window.watchPanel()->sessionList();
    ASSERT_TRUE(QTest::qWaitFor([&] { return sessions->count() == 1; }, 60'000))
        << window.watchPanel()->programOutput()->toPlainText().toStdString();
    const reqlanes::Run &session = controller->sessions().front();
    ASSERT_EQ(session.requests.size(), 9u);
    EXPECT_EQ(slotOf(session), StrategyInfo::Slot::Semaphore) << "its waits are named after it";

    QCheckBox *beside = window.watchPanel()->withStrategyRun();
    EXPECT_TRUE(beside->isVisibleTo(window.watchPanel()));
    EXPECT_TRUE(beside->text().contains(QStringLiteral("async-semaphore, N=9")))
        << beside->text().toStdString();
    sessions->item(0)->setCheckState(Qt::Checked);
    beside->setChecked(true);
    QPushButton *compare = window.watchPanel()->compareButton();
    ASSERT_TRUE(compare->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);
    CompareView *view = window.findChild<CompareView *>();
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(view->runs().size(), 2u);
    EXPECT_EQ(view->runs()[0].scenario.strategy, QStringLiteral("async-semaphore"));
    EXPECT_EQ(view->runs()[1].requests.size(), 9u);
    EXPECT_EQ(view->plot()->blockCount(), 2);
    // Both held six requests back for the semaphore, for one and two latencies.
    for (const reqlanes::Run &run : view->runs()) {
        int held = 0;
        for (const RequestRecord &record : run.requests)
            held += record.span(Phase::Created, Phase::Acquired) != kUnset &&
                    record.span(Phase::Created, Phase::Acquired) > 100'000'000;
        EXPECT_EQ(held, 6) << run.strategyName.toStdString();
    }
}
