// Watch mode in the window: the server is up with the window, its URL is shown and copyable,
// W toggles Watch, another program's requests become a session in the list and on the timeline.
// The "other program" is a raw socket of this test, on an ephemeral port (never 8000 here).
#include "apptestenvironment.h"
#include "compare/compareplot.h"
#include "compare/compareview.h"
#include "controls/controlspanel.h"
#include "mainwindow.h"
#include "testscenario.h"
#include "timeline/timelineplot.h"
#include "watch/watchcontroller.h"
#include "watchedwindow.h"
#include "watching/watchpanel.h"

#include "testhttpclient.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kLatencyMs;

class WatchPanelTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(reqlanes::testing::showWithWatchServer(
            m_window, reqlanes::testing::testScenario({.latencyMs = kLatencyMs})));
        m_window.watchController()->setIdleGapMs(300);
    }
    std::uint16_t port() const {
        return std::uint16_t(
            m_window.watchController()->url().section(QLatin1Char(':'), -1).chopped(1).toUShort());
    }
    MainWindow m_window;
};

} // namespace

TEST_F(WatchPanelTest, TheUrlIsShownAndCopied) {
    const QString url = m_window.watchController()->url();
    ASSERT_TRUE(url.startsWith(QStringLiteral("http://127.0.0.1:"))) << url.toStdString();
    EXPECT_EQ(m_window.watchPanel()->url(), url);
    QPushButton *copy = m_window.watchPanel()->urlBar()->findChild<QPushButton *>();
    ASSERT_NE(copy, nullptr);
    QTest::mouseClick(copy, Qt::LeftButton);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), url);
}

TEST_F(WatchPanelTest, KeyWTogglesWatch) {
    EXPECT_FALSE(m_window.watchController()->isWatching());
    QTest::keyClick(&m_window, Qt::Key_W);
    EXPECT_TRUE(m_window.watchController()->isWatching());
    EXPECT_TRUE(m_window.watchPanel()->watchToggle()->isChecked());
    QTest::keyClick(&m_window, Qt::Key_W);
    EXPECT_FALSE(m_window.watchController()->isWatching());
}

TEST_F(WatchPanelTest, AnotherProgramsRequestsBecomeASessionOnTheTimeline) {
    m_window.watchController()->setWatching(true);
    QSignalSpy finished(m_window.watchController(), &watch::WatchController::sessionFinished);
    const std::vector<TestResponse> responses = httpRequestsAtOnce(port(), 3);
    for (const TestResponse &response : responses)
        ASSERT_EQ(response.status, 200) << response.error;
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_EQ(m_window.watchPanel()->sessionList()->count(), 1);
    const reqlanes::Run &shown = m_window.shownRun();
    EXPECT_EQ(shown.requests.size(), 3u);
    EXPECT_EQ(shown.connections.size(), 3u);
    EXPECT_EQ(shown.okCount(), 3);
    EXPECT_EQ(shown.strategyName, QStringLiteral("watch session 1"));
}

// Each request makes the live session bigger (its scenario counts requests and connections), yet
// it is one run: a zoom the user chose holds while more requests arrive.
TEST_F(WatchPanelTest, TheUsersZoomHoldsWhileTheSessionGrows) {
    m_window.watchController()->setIdleGapMs(60'000); // one session throughout
    m_window.watchController()->setWatching(true);
    TimelinePlot *plot = m_window.timeline();
    ASSERT_EQ(httpRequest(port()).status, 200);
    ASSERT_TRUE(QTest::qWaitFor([plot] { return plot->barCount() == 1; }, 10000));
    plot->setTimeRange(QCPRange(0.02, 0.08)); // as a drag does
    ASSERT_FALSE(plot->followsLive());
    ASSERT_EQ(httpRequest(port()).status, 200);
    ASSERT_TRUE(QTest::qWaitFor([plot] { return plot->barCount() == 2; }, 10000));
    EXPECT_FALSE(plot->followsLive());
    EXPECT_DOUBLE_EQ(plot->timeRange().lower, 0.02);
    EXPECT_DOUBLE_EQ(plot->timeRange().upper, 0.08);
}

TEST_F(WatchPanelTest, WithWatchOffSessionsAreNotKept) {
    QSignalSpy finished(m_window.watchController(), &watch::WatchController::sessionFinished);
    ASSERT_EQ(httpRequest(port()).status, 200);
    EXPECT_FALSE(finished.wait(1000)); // the idle gap (300 ms) passed well within this
    EXPECT_EQ(m_window.watchPanel()->sessionList()->count(), 0);
}

TEST_F(WatchPanelTest, SettingsApplyLiveToTheServer) {
    Scenario scenario = m_window.controls()->scenario();
    scenario.server.latencyMs = 300;
    m_window.controls()->setScenario(scenario);
    // Same port, new latency: the server restarted with the controls' settings.
    const TestResponse response = httpRequest(port());
    ASSERT_EQ(response.status, 200) << response.error;
    EXPECT_GE(response.serverTimingMs("app"), 300);
}

TEST_F(WatchPanelTest, TickedSessionsAreComparedSideBySide) {
    m_window.watchController()->setWatching(true);
    QSignalSpy finished(m_window.watchController(), &watch::WatchController::sessionFinished);
    // Two "scripts": three requests at once, then one on its own, an idle gap apart.
    for (const TestResponse &response : httpRequestsAtOnce(port(), 3))
        ASSERT_EQ(response.status, 200) << response.error;
    ASSERT_TRUE(finished.wait(10000));
    ASSERT_EQ(httpRequest(port()).status, 200);
    ASSERT_TRUE(finished.count() == 2 || finished.wait(10000));
    QListWidget *list = m_window.watchPanel()->sessionList();
    ASSERT_EQ(list->count(), 2);
    QPushButton *compare = m_window.watchPanel()->compareButton();
    EXPECT_FALSE(compare->isEnabled()); // nothing ticked yet
    list->item(0)->setCheckState(Qt::Checked);
    list->item(1)->setCheckState(Qt::Checked);
    ASSERT_TRUE(compare->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);

    CompareView *view = m_window.findChild<CompareView *>();
    ASSERT_NE(view, nullptr);
    EXPECT_TRUE(view->isVisible());
    ASSERT_EQ(view->runs().size(), 2u);
    EXPECT_EQ(view->runs()[0].requests.size(), 3u);
    EXPECT_EQ(view->runs()[1].requests.size(), 1u);
    EXPECT_EQ(view->plot()->blockCount(), 2);
}
