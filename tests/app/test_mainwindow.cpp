#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "controls/sliderspin.h"
#include "controls/strategylist.h"
#include "formats/runfile.h"
#include "mainwindow.h"
#include "run/filelimit.h"
#include "run/strategyregistry.h"
#include "testscenario.h"
#include "timeline/statspanel.h"
#include "timeline/timelineplot.h"

#include <QFile>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

// Short and small, so a run takes a few hundred ms even on a loaded 2-core machine.
using reqlanes::testing::kLatencyMs;
using reqlanes::testing::kRunTimeoutMs;

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_window.controls()->setScenario(
            reqlanes::testing::testScenario({.latencyMs = kLatencyMs}));
        m_window.setGrouping(LaneGrouping::Request);
        m_window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
    }

    // Clicks the strategy's row in the list, as a user does, and waits for the run to end.
    reqlanes::Run clickAndWait(const QString &id) {
        QSignalSpy finished(&m_window, &MainWindow::runFinished);
        StrategyList *list = m_window.strategyList();
        QListWidgetItem *item = list->item(list->rowOf(id));
        EXPECT_NE(item, nullptr);
        if (!item)
            return {};
        list->scrollToItem(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(item).center());
        EXPECT_TRUE(m_window.session()->isRunning() || finished.count() > 0);
        EXPECT_TRUE(finished.count() > 0 || finished.wait(kRunTimeoutMs)) << "run did not finish";
        return finished.isEmpty() ? reqlanes::Run()
                                  : finished.takeFirst().at(0).value<reqlanes::Run>();
    }

    MainWindow m_window;
};

} // namespace

TEST_F(MainWindowTest, ClickingAStrategyRunsItAndDrawsEveryRequest) {
    const reqlanes::Run run = clickAndWait(QStringLiteral("threads"));
    EXPECT_EQ(run.scenario.strategy, QStringLiteral("threads"));
    EXPECT_EQ(run.okCount(), 3) << m_window.statusText().toStdString();
    EXPECT_EQ(m_window.timeline()->barCount(), 3);
    EXPECT_EQ(m_window.timeline()->laneCount(), 3);
    EXPECT_NE(m_window.statsPanel()->valueText(QStringLiteral("makespan")), QStringLiteral("–"));
}

TEST_F(MainWindowTest, MovingTheLimitSliderChangesTheScenario) {
    m_window.controls()->requestsControl()->setValue(9);
    QSlider *slider = m_window.controls()->limitControl()->slider();
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Home); // the slider's own minimum
    EXPECT_EQ(m_window.currentScenario().limit, 1);
    QTest::keyClick(slider, Qt::Key_Right);
    EXPECT_EQ(m_window.currentScenario().limit, 2);
    QTest::keyClick(slider, Qt::Key_End);
    EXPECT_EQ(m_window.currentScenario().limit, 9); // the limit never passes N
}

TEST_F(MainWindowTest, SyncGroupedByThreadIsOneLane) {
    clickAndWait(QStringLiteral("sync"));
    EXPECT_EQ(m_window.timeline()->laneCount(), 3); // by request: a waterfall
    m_window.setGrouping(LaneGrouping::Thread);
    EXPECT_EQ(m_window.timeline()->laneCount(), 1);
    EXPECT_EQ(m_window.timeline()->barCount(), 3);
    m_window.setGrouping(LaneGrouping::ServerWorker);
    EXPECT_GE(m_window.timeline()->laneCount(), 1);
}

TEST_F(MainWindowTest, ALoadedRunShowsTheSameSpans) {
    const reqlanes::Run run = clickAndWait(QStringLiteral("threads"));
    const std::size_t spans = m_window.timeline()->spanCount();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QString error;
    ASSERT_TRUE(m_window.saveRun(path, &error)) << error.toStdString();

    MainWindow other;
    // A new window takes the grouping last chosen from the settings, which an earlier test in
    // this process may have changed: the same spans are asked of the same grouping.
    other.setGrouping(LaneGrouping::Request);
    ASSERT_TRUE(other.openRun(path, &error)) << error.toStdString();
    EXPECT_EQ(other.shownRun(), run);
    EXPECT_EQ(other.timeline()->spanCount(), spans);
    EXPECT_EQ(other.timeline()->barCount(), 3);
}

TEST_F(MainWindowTest, TheControlsTakeNUpToTheCommandLinesBound) {
    SliderSpin *requests = m_window.controls()->requestsControl();
    requests->setValue(limits::kMaxRequests);
    EXPECT_EQ(m_window.currentScenario().n, limits::kMaxRequests);
    // The slider still makes the lesson's small N easy: 9 is a position of its own.
    EXPECT_EQ(requests->valueAt(requests->positionOf(9)), 9);
    // The limit follows N, up to the command line's bound for it.
    m_window.controls()->limitControl()->setValue(limits::kMaxRequests);
    EXPECT_EQ(m_window.currentScenario().limit, limits::kMaxLimit);
}

// N=hard/2+100 all at once needs more descriptors than this process may ever open: refused
// before the run starts, with the number it needs, on the plot and in the status line.
TEST_F(MainWindowTest, AnNOverTheDescriptorHardLimitIsRefusedWithTheNumberItNeeds) {
    const std::uint64_t hard = hardOpenFileLimit();
    m_window.controls()->requestsControl()->setValue(
        int(std::min<std::uint64_t>(hard / 2 + 100, limits::kMaxRequests)));
    Scenario scenario = m_window.currentScenario();
    scenario.strategy = QStringLiteral("async");
    const OpenFileBudget budget =
        openFileBudget(scenario, *StrategyRegistry::instance().find(scenario.strategy), hard);
    if (budget.fits())
        GTEST_SKIP() << "the hard limit " << hard << " fits any allowed N";
    EXPECT_FALSE(m_window.runStrategy(QStringLiteral("async")));
    EXPECT_FALSE(m_window.session()->isRunning());
    const QString needed = QString::number(budget.needed);
    EXPECT_TRUE(m_window.statusText().contains(needed)) << m_window.statusText().toStdString();
    EXPECT_TRUE(m_window.timeline()->message().contains(needed))
        << m_window.timeline()->message().toStdString();
    EXPECT_TRUE(m_window.statusText().contains(QString::number(hard)));
}

TEST_F(MainWindowTest, RunningAgainCancelsTheRunningOne) {
    m_window.controls()->latencyControl()->setValue(2000);
    ASSERT_TRUE(m_window.runStrategy(QStringLiteral("sync")));
    QSignalSpy finished(&m_window, &MainWindow::runFinished);
    m_window.controls()->latencyControl()->setValue(kLatencyMs);
    ASSERT_TRUE(m_window.runStrategy(QStringLiteral("threads")));
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    const auto last = finished.last().at(0).value<reqlanes::Run>();
    EXPECT_EQ(last.scenario.strategy, QStringLiteral("threads"));
    EXPECT_EQ(last.okCount(), 3);
}

TEST_F(MainWindowTest, ARefusedTargetIsReportedInPlainWords) {
    Scenario scenario = m_window.controls()->scenario();
    scenario.targetUrl = QStringLiteral("http://127.0.0.1:1/");
    scenario.timeoutMs = 2000;
    m_window.controls()->setScenario(scenario);
    const reqlanes::Run run = clickAndWait(QStringLiteral("sync"));
    EXPECT_EQ(run.okCount(), 0);
    EXPECT_FALSE(m_window.timeline()->message().isEmpty());
    EXPECT_TRUE(m_window.statusText().contains(QStringLiteral("failed")) ||
                m_window.statusText().contains(QStringLiteral("refused")))
        << m_window.statusText().toStdString();
}

TEST_F(MainWindowTest, NumberKeysPickStrategies) {
    QSignalSpy finished(&m_window, &MainWindow::runFinished);
    m_window.strategyList()->setFocus();
    QTest::keyClick(&m_window, Qt::Key_2);
    EXPECT_EQ(m_window.strategyList()->currentStrategy(),
              m_window.strategyList()->item(1)->data(Qt::UserRole).toString());
    EXPECT_TRUE(finished.wait(kRunTimeoutMs));
}

TEST_F(MainWindowTest, IconAndDesktopEntryAreBuiltIn) {
    EXPECT_TRUE(QFile::exists(QStringLiteral(":/reqlanes/reqlanes.svg")));
    QFile desktop(QStringLiteral(":/reqlanes/reqlanes.desktop"));
    ASSERT_TRUE(desktop.open(QIODevice::ReadOnly));
    EXPECT_TRUE(desktop.readAll().contains("Exec=reqlanes"));
    EXPECT_FALSE(m_window.windowIcon().isNull());
}

TEST_F(MainWindowTest, LatencyTakesTheSameRangeAsTheCommandLine) {
    // serverconfig.h: 0..kMaxLatencyMs, as `reqlanes-cli --latency-ms 0` accepts.
    SliderSpin *latency = m_window.controls()->latencyControl();
    EXPECT_EQ(latency->minimum(), 0);
    EXPECT_EQ(latency->maximum(), server::kMaxLatencyMs);
    Scenario scenario = m_window.controls()->scenario();
    scenario.server.latencyMs = 0;
    m_window.controls()->setScenario(scenario);
    EXPECT_EQ(m_window.currentScenario().server.latencyMs, 0);
    EXPECT_TRUE(validateScenario(m_window.currentScenario()).isEmpty());
    const reqlanes::Run run = clickAndWait(QStringLiteral("threads"));
    EXPECT_EQ(run.okCount(), 3) << m_window.statusText().toStdString();
}

TEST_F(MainWindowTest, ACorruptRunFileIsReportedOnceWithThePathOnce) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"reqlanes-run\", \"version\": 1, \"requests\": [");
    file.close();

    EXPECT_FALSE(m_window.openRunReportingErrors(path));
    const QList<QMessageBox *> boxes = m_window.findChildren<QMessageBox *>();
    ASSERT_EQ(boxes.size(), 1);
    QMessageBox *box = boxes.front();
    EXPECT_TRUE(box->isVisible());
    EXPECT_FALSE(box->isModal()); // the window (and this test) keep running behind it
    EXPECT_EQ(box->text().count(path), 1) << box->text().toStdString();
    EXPECT_EQ(m_window.statusText().count(path), 1) << m_window.statusText().toStdString();
    box->close();
}

// Every strategy's description is shown whole at whatever width the side bar has: each row is at
// least as tall as its wrapped text (the first one used to keep the height of a wider list).
TEST(StrategyListWidth, EveryDescriptionFitsItsRowAtAnyWidth) {
    StrategyList list;
    list.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&list));
    for (int width : {420, 260, 340}) {
        list.resize(width, 600);
        QCoreApplication::processEvents();
        const int textWidth = list.viewport()->width() - 2 * list.spacing() - 8;
        for (int row = 0; row < list.count(); ++row) {
            QListWidgetItem *item = list.item(row);
            const int needed =
                list.fontMetrics()
                    .boundingRect(QRect(0, 0, textWidth, 10000), Qt::TextWordWrap, item->text())
                    .height();
            EXPECT_GE(list.visualItemRect(item).height(), needed)
                << "width " << width << ", row " << row;
        }
    }
}

TEST_F(MainWindowTest, AWatchSessionCountsItsRequestsNotAPlannedN) {
    // Nobody planned N for another program's requests: "300 requests", never "3 / 100 done".
    reqlanes::Run session;
    session.scenario.strategy = QStringLiteral("watch");
    session.scenario.n = 300;
    for (int id = 0; id < 300; ++id) {
        RequestRecord record;
        record.id = id;
        record.at[int(Phase::Created)] = id * 1'000'000;
        record.at[int(Phase::Done)] = id * 1'000'000 + 200'000'000;
        record.status = id < 297 ? RequestStatus::Ok : RequestStatus::Cancelled;
        session.requests.push_back(record);
    }
    session.elapsed = 499'000'000;
    session.finished = true;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.json"));
    QString error;
    ASSERT_TRUE(reqlanes::saveRun(session, path, &error)) << error.toStdString();
    ASSERT_TRUE(m_window.openRun(path, &error)) << error.toStdString();
    auto *progress = m_window.findChild<QProgressBar *>();
    ASSERT_NE(progress, nullptr);
    EXPECT_EQ(progress->text(), QStringLiteral("300 requests"));

    // The app's own run counts against its N again.
    clickAndWait(QStringLiteral("threads"));
    EXPECT_EQ(progress->text(), QStringLiteral("3 / 3 done"));
}
