// Run → Run a script… (issue 18): the window starts one of the talk's examples traced against its
// watch server, shows what the script prints, and draws its requests as one session that ends
// when the script exits. Real Python (python3-requests), real sockets on loopback.
#include "apptestenvironment.h"
#include "mainwindow.h"
#include "scratchfile.h"
#include "scriptdialog.h"
#include "watch/tracedprogram.h"
#include "watch/watchcontroller.h"
#include "watchedwindow.h"
#include "watchpanel.h"

#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
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

Scenario fastServer() {
    Scenario scenario;
    scenario.server.latencyMs = 150;
    scenario.server.workers = 3;
    return scenario;
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
