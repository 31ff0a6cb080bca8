// The presenter's path through the window: a run on the window's shared (watch) server, stopped
// with the Run/Stop action while the server works on its requests, and the same strategy started
// again at once. The new run's requests are its own: none carries the stopped run's server
// events; the stopped run's handlers show as its leftover work. Offscreen, real server.
#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "controls/sliderspin.h"
#include "mainwindow.h"
#include "results/timelinespans.h"
#include "runsession.h"
#include "syntheticrun.h"
#include "testscenario.h"
#include "timeline/statspanel.h"
#include "watch/watchcontroller.h"
#include "watchedwindow.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>

using namespace reqlanes;

namespace {

constexpr int kPathLatencyMs = 300;
using reqlanes::testing::kMs;
using reqlanes::testing::kRunTimeoutMs;

int serverStarts(const reqlanes::Run &run) {
    return int(std::count_if(run.requests.begin(), run.requests.end(),
                             [](const RequestRecord &r) { return r.has(Phase::ServerStart); }));
}

// Every request's server events are its own: the server accepted the connection the request
// opened (never before it was opened), and its handler ran a whole latency.
void expectOnlyItsOwnRequests(const reqlanes::Run &run) {
    for (const RequestRecord &record : run.requests) {
        ASSERT_TRUE(record.has(Phase::ConnectStart) && record.has(Phase::ServerAccept));
        EXPECT_GE(record.phase(Phase::ServerAccept), record.phase(Phase::ConnectStart) - kMs)
            << "request " << record.id << " has another run's server events";
        EXPECT_GE(record.phase(Phase::Created), 0) << "request " << record.id;
        EXPECT_GE(record.span(Phase::ServerStart, Phase::ServerEnd), kPathLatencyMs * kMs * 9 / 10)
            << "request " << record.id;
    }
}

class PresenterPathRunsTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(reqlanes::testing::showWithWatchServer(
            m_window, reqlanes::testing::testScenario({.n = 10, .latencyMs = kPathLatencyMs})));
    }

    // Runs `id` and waits until the server has started its first three requests.
    void startAndWaitForTheServer(const QString &id) {
        ASSERT_TRUE(m_window.runStrategy(id));
        EXPECT_TRUE(QTest::qWaitFor([&] { return serverStarts(m_window.session()->latest()) >= 3; },
                                    kRunTimeoutMs));
    }

    MainWindow m_window;
};

} // namespace

TEST_F(PresenterPathRunsTest, StopAndRunAgainGivesARunOfItsOwnRequestsOnly) {
    const QString strategy = QStringLiteral("async-semaphore");
    startAndWaitForTheServer(strategy);
    QSignalSpy finished(&m_window, &MainWindow::runFinished);
    m_window.toggleRun(); // Stop (Space): the run waits for its handlers, and says so
    EXPECT_TRUE(m_window.session()->isStopping());
    m_window.toggleRun(); // Space again, at once: a new run, not a second stop
    EXPECT_TRUE(m_window.session()->isRunning());
    EXPECT_FALSE(m_window.session()->isStopping());
    EXPECT_EQ(m_window.session()->latest().scenario.strategy, strategy);
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() >= 1; }, kRunTimeoutMs));

    const reqlanes::Run run = m_window.shownRun();
    ASSERT_TRUE(run.finished);
    EXPECT_FALSE(run.cancelled) << "the run shown is the new one";
    EXPECT_EQ(run.okCount(), 10);
    expectOnlyItsOwnRequests(run);
    ASSERT_FALSE(run.outsideRequests.empty());
    for (const OutsideRequest &outside : run.outsideRequests)
        EXPECT_TRUE(outside.earlierRun) << outside.requestId.toStdString();
    const TimelineSpans byWorker = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    EXPECT_TRUE(std::any_of(byWorker.rows.begin(), byWorker.rows.end(), [](const TimelineRow &row) {
        return std::any_of(row.spans.begin(), row.spans.end(),
                           [](const Span &span) { return span.kind == SpanKind::EarlierRun; });
    }));
    EXPECT_TRUE(m_window.statsPanel()
                    ->valueText(QStringLiteral("outcome"))
                    .contains(QStringLiteral("requests of the stopped run still in the server")))
        << m_window.statsPanel()->valueText(QStringLiteral("outcome")).toStdString();
}

TEST_F(PresenterPathRunsTest, AStoppedRunSaysHowManyHadFinished) {
    startAndWaitForTheServer(QStringLiteral("async-semaphore"));
    QSignalSpy finished(&m_window, &MainWindow::runFinished);
    m_window.toggleRun(); // Stop: the run waits for its three handlers, then ends
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() >= 1; }, kRunTimeoutMs));

    const reqlanes::Run run = m_window.shownRun();
    ASSERT_TRUE(run.cancelled);
    const QString counts = QStringLiteral(": %1 of 10 had finished").arg(run.okCount());
    EXPECT_TRUE(m_window.statsPanel()->valueText(QStringLiteral("makespan")).contains(counts))
        << m_window.statsPanel()->valueText(QStringLiteral("makespan")).toStdString();
    EXPECT_TRUE(m_window.statusText().contains(counts)) << m_window.statusText().toStdString();
    // Their abandoned work is drawn to the handlers' real end, after the stop.
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    int ghosts = 0;
    for (const TimelineRow &row : byRequest.rows)
        for (const Span &span : row.spans)
            if (span.kind == SpanKind::Abandoned && span.end - span.start > 0.02)
                ++ghosts;
    EXPECT_GE(ghosts, 1);
}

TEST_F(PresenterPathRunsTest, DraggingNWithLiveRerunMidRunShowsOneRunOfTheNewN) {
    m_window.controls()->setLiveRerun(true);
    startAndWaitForTheServer(QStringLiteral("async-semaphore"));
    QSignalSpy finished(&m_window, &MainWindow::runFinished);
    // A drag of the N slider by keyboard, five steps down, while the server works on 3 requests.
    QSlider *slider = m_window.controls()->requestsControl()->slider();
    slider->setFocus();
    for (int step = 0; step < 5; ++step)
        QTest::keyClick(slider, Qt::Key_Left);
    const int n = m_window.controls()->requestsControl()->value();
    ASSERT_LT(n, 10);
    ASSERT_GE(n, 1);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return !m_window.session()->isRunning() && m_window.shownRun().scenario.n == n &&
                   m_window.shownRun().finished;
        },
        kRunTimeoutMs));

    const reqlanes::Run run = m_window.shownRun();
    EXPECT_FALSE(run.cancelled);
    EXPECT_EQ(int(run.requests.size()), n);
    EXPECT_EQ(run.okCount(), n);
    expectOnlyItsOwnRequests(run);
    // The drag was coalesced into one re-run: the first run (stopped) and the re-run ended,
    // nothing in between.
    EXPECT_LE(finished.count(), 2);
    // The stopped run's three requests were still in the server when the re-run started.
    EXPECT_TRUE(std::all_of(run.outsideRequests.begin(), run.outsideRequests.end(),
                            [](const OutsideRequest &outside) { return outside.earlierRun; }));
}
