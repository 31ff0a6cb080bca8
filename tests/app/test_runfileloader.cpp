// Opening a browser recording in the window: off the GUI thread (File → Open's path), by
// dropping the file on the window, with the lanes a recording offers (by connection, by host)
// and its findings in the caption; a broken file is reported, and nothing is shown from it.
#include "apptestenvironment.h"
#include "mainwindow.h"
#include "runfileloader.h"
#include "scratchfile.h"
#include "timeline/findingscaption.h"
#include "timeline/timelineplot.h"

#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

constexpr int kLoadTimeoutMs = 20000;

QString pageLoad() {
    return QStringLiteral(HAR_FIXTURES "/chrome-pageload.har");
}

QStringList laneChoices(const MainWindow &window) {
    QStringList choices;
    const auto *combo = window.findChild<QComboBox *>(QStringLiteral("grouping"));
    for (int i = 0; combo && i < combo->count(); ++i)
        choices << combo->itemText(i);
    return choices;
}

bool waitForLoad(MainWindow &window) {
    return QTest::qWaitFor([&] { return !window.fileLoader()->isLoading(); }, kLoadTimeoutMs);
}

} // namespace

TEST(RunFileLoader, AHarOpensInTheBackgroundWithConnectionAndHostLanes) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QSignalSpy loaded(window.fileLoader(), &RunFileLoader::loaded);
    ASSERT_TRUE(window.openRunInBackground(pageLoad()));
    ASSERT_TRUE(loaded.wait(kLoadTimeoutMs) || loaded.count() == 1);
    EXPECT_EQ(window.shownRun().requests.size(), 20u);
    const QStringList choices = laneChoices(window);
    EXPECT_TRUE(choices.join(QLatin1Char('|')).contains(QLatin1String("by connection")))
        << choices.join(QLatin1Char('|')).toStdString();
    EXPECT_TRUE(choices.join(QLatin1Char('|')).contains(QLatin1String("by host")));
    EXPECT_FALSE(choices.join(QLatin1Char('|')).contains(QLatin1String("by client thread")));
    window.setGrouping(*laneGroupingFromName(QStringLiteral("connection")));
    EXPECT_EQ(window.timeline()->laneCount(), 6);
    EXPECT_TRUE(window.caption()->text().contains(QLatin1String("6 connections per host")))
        << window.caption()->text().toStdString();
}

TEST(RunFileLoader, AFileDroppedOnTheWindowOpens) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(pageLoad())});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    ASSERT_TRUE(waitForLoad(window));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return window.shownRun().requests.size() == 20u; }, kLoadTimeoutMs));
    EXPECT_TRUE(window.shownRun().recording.isRecording());
}

TEST(RunFileLoader, ABrokenHarIsReportedWithWhereAndShowsNothingFromIt) {
    QTemporaryDir dir;
    const QString path = reqlanes::testing::writeScratchFile(
        dir, QStringLiteral("broken.har"), "{\"log\": {\"entries\": [{\"startedDateTime\": 5}]}}");
    ASSERT_FALSE(path.isEmpty());
    MainWindow window;
    QSignalSpy failed(window.fileLoader(), &RunFileLoader::failed);
    ASSERT_TRUE(window.openRunInBackground(path));
    ASSERT_TRUE(failed.wait(kLoadTimeoutMs) || failed.count() == 1);
    EXPECT_TRUE(failed.at(0).at(1).toString().contains(
        QLatin1String("log.entries[0].startedDateTime: expected a string")))
        << failed.at(0).at(1).toString().toStdString();
    EXPECT_TRUE(window.shownRun().requests.empty());
    EXPECT_TRUE(window.statusText().contains(QLatin1String("log.entries[0]")));
}
