#include "qtcoreenvironment.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/runner.h"
#include "runtriggers.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <set>

using namespace reqlanes;

namespace {

constexpr int kRunnerLatencyMs = 200;
constexpr double kLatencyS = kRunnerLatencyMs / 1000.0;
// Generous for a loaded 2-core machine: never less than the physics allows, +300 ms above.
constexpr double kSlackS = 0.3;

Scenario embedded(const char *strategy, int n, int latencyMs = kRunnerLatencyMs) {
    Scenario scenario;
    scenario.strategy = QString::fromLatin1(strategy);
    scenario.n = n;
    scenario.limit = 3;
    scenario.timeoutMs = 10000;
    scenario.server.workers = 3;
    scenario.server.latencyMs = latencyMs;
    return scenario;
}

server::ServerConfig serverConfig(int latencyMs) {
    server::ServerConfig config;
    config.workers = 3;
    config.latencyMs = latencyMs;
    return config;
}

// Spins the event loop until `done` holds or the deadline passes; returns whether it held.
bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(2); // a poll interval, not synchronisation: the deadline decides
    }
    return true;
}

// Cancels and waits for `finished`: whether the run ended within `boundMs` of the cancel.
::testing::AssertionResult cancelEndsTheRunWithin(Runner &runner, QSignalSpy &finished,
                                                  int boundMs) {
    QElapsedTimer timer;
    timer.start();
    runner.cancel();
    if (!finished.wait(boundMs) || timer.elapsed() >= boundMs)
        return ::testing::AssertionFailure()
               << "the run ended " << timer.elapsed() << " ms after the cancel, bound " << boundMs;
    return ::testing::AssertionSuccess();
}

} // namespace

TEST(RunScenario, SyncThreeRequestsTakeThreeLatencies) {
    const reqlanes::Run run = runScenario(embedded("sync", 3));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    EXPECT_TRUE(run.finished);
    EXPECT_FALSE(run.cancelled);
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.ok, 3);
    EXPECT_GE(stats.makespanS, 3 * kLatencyS * 0.97);
    EXPECT_LE(stats.makespanS, 3 * kLatencyS + kSlackS);
    EXPECT_EQ(stats.peakInFlight, 1);
    EXPECT_EQ(stats.threads, 1);
    EXPECT_DOUBLE_EQ(stats.idealS, 3 * kLatencyS);
    EXPECT_EQ(run.elapsed, run.requests.back().phase(Phase::Done)) << "elapsed is the last done";
}

TEST(RunScenario, NineThreadsAgainstThreeWorkersQueueInTheServer) {
    const reqlanes::Run run = runScenario(embedded("threads", 9));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.ok, 9);
    EXPECT_GE(stats.makespanS, 3 * kLatencyS * 0.97);
    EXPECT_LE(stats.makespanS, 3 * kLatencyS + kSlackS);
    EXPECT_EQ(stats.threads, 9);
    int queued = 0;
    std::set<int> workers;
    for (const RequestRecord &record : run.requests) {
        // The embedded server's observer stamps these, joined by X-Request-Id.
        ASSERT_TRUE(record.has(Phase::ServerAccept) && record.has(Phase::ServerEnd))
            << "request " << record.id;
        workers.insert(record.serverWorker);
        if (record.span(Phase::ServerAccept, Phase::ServerStart) >=
            kRunnerLatencyMs / 2 * 1'000'000)
            ++queued;
    }
    EXPECT_EQ(queued, 6) << "three are served at once, six wait for a worker";
    EXPECT_EQ(workers, (std::set<int>{0, 1, 2}));
}

TEST(RunScenario, InvalidScenarioIsRejectedWithAReason) {
    Scenario scenario = embedded("sync", 0);
    reqlanes::Run run = runScenario(scenario);
    EXPECT_TRUE(run.error.startsWith(QStringLiteral("n must be"))) << run.error.toStdString();
    EXPECT_TRUE(run.requests.empty());
    EXPECT_TRUE(run.finished);

    scenario = embedded("no-such-strategy", 3);
    run = runScenario(scenario);
    EXPECT_TRUE(run.error.startsWith(QStringLiteral("unknown strategy \"no-such-strategy\"")))
        << run.error.toStdString();
}

TEST(RunScenario, UnusableTargetUrlIsARunLevelError) {
    Scenario scenario = embedded("sync", 2);
    scenario.targetUrl = QStringLiteral("https://127.0.0.1/");
    const reqlanes::Run run = runScenario(scenario);
    EXPECT_TRUE(run.error.contains(QStringLiteral("http://"))) << run.error.toStdString();
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.requests[1].status, RequestStatus::Refused);
    EXPECT_EQ(run.requests[1].error, run.error);
}

TEST(RunScenario, CancelFromAnotherThreadEndsTheRunPromptly) {
    CancelOnFirstRequest observer;
    TestServer server;
    ASSERT_TRUE(server.start(serverConfig(1000), &observer)) << server.error().toStdString();
    Scenario scenario = embedded("sync", 5);
    scenario.targetUrl = server.url();

    const reqlanes::Run run = runScenario(scenario, &observer.cancel);
    const std::int64_t returnedNs = steadyNowNs();
    ASSERT_NE(observer.cancelledAtNs.load(), 0) << "the server saw the first request";
    EXPECT_LT(returnedNs - observer.cancelledAtNs.load(), (200 + 300) * 1'000'000LL)
        << "cancel returns within 200 ms, plus slack";
    EXPECT_TRUE(run.cancelled);
    EXPECT_EQ(run.finishedCount(), 5) << "nothing is left pending";
    EXPECT_EQ(run.requests[0].status, RequestStatus::Cancelled);
    EXPECT_EQ(run.requests[4].status, RequestStatus::Cancelled);
}

TEST(Runner, SnapshotShowsPartialProgressThenFinishedFires) {
    Runner runner;
    QSignalSpy finished(&runner, &Runner::finished);
    ASSERT_TRUE(runner.start(embedded("sync", 3)));
    EXPECT_TRUE(runner.isRunning());

    // Sync finishes one request per latency: there is a moment with some but not all done.
    reqlanes::Run partial;
    ASSERT_TRUE(waitUntil(
        [&] {
            partial = runner.snapshot();
            return partial.finishedCount() >= 1;
        },
        5000));
    EXPECT_LT(partial.finishedCount(), 3);
    EXPECT_FALSE(partial.finished);
    EXPECT_EQ(partial.requests.size(), 3u);
    EXPECT_EQ(partial.strategyName.isEmpty(), false);
    EXPECT_GT(partial.elapsed, 0);
    EXPECT_GE(runner.progress(), 1);

    ASSERT_TRUE(finished.wait(5000));
    EXPECT_FALSE(runner.isRunning());
    const reqlanes::Run result = runner.snapshot();
    EXPECT_TRUE(result.finished);
    EXPECT_EQ(result.okCount(), 3);
    EXPECT_EQ(runner.progress(), 3);
    EXPECT_EQ(runner.snapshot(), result) << "the finished run stays put";
}

TEST(Runner, ARefreshedSnapshotCopiesWhatChangedAndEqualsAWholeOne) {
    Runner runner;
    QSignalSpy finished(&runner, &Runner::finished);
    ASSERT_TRUE(runner.start(embedded("sync", 3)));
    LiveSnapshot live;
    runner.refreshSnapshot(live);
    EXPECT_TRUE(live.changes.whole) << "the first refresh of a run takes it whole";
    std::uint64_t serial = live.changes.to;
    const std::uint64_t firstSource = live.changes.source;
    int refreshes = 0, withChanges = 0;
    ASSERT_TRUE(waitUntil(
        [&] {
            const bool begun =
                !live.run.requests.empty() && live.run.requests[0].has(Phase::Created);
            runner.refreshSnapshot(live);
            // Whole while the server starts (no recorder yet), then each refresh follows the one
            // before.
            if (begun) {
                EXPECT_FALSE(live.changes.whole);
                EXPECT_EQ(live.changes.from, serial);
                ++refreshes;
                withChanges += live.changes.requests.empty() ? 0 : 1;
            }
            serial = live.changes.to;
            return live.run.finishedCount() >= 2;
        },
        5000));
    EXPECT_FALSE(live.run.finished);
    EXPECT_EQ(live.run.requests.size(), 3u);
    EXPECT_GT(refreshes, withChanges) << "most frames of a 100 ms handler change nothing";
    EXPECT_GE(withChanges, 1);
    const reqlanes::Run whole = runner.snapshot();
    for (std::size_t id = 0; id < 2; ++id) {
        if (whole.requests[id].finished() && live.run.requests[id].finished()) {
            EXPECT_EQ(live.run.requests[id], whole.requests[id]) << "request " << id;
        }
    }

    ASSERT_TRUE(finished.wait(5000));
    runner.refreshSnapshot(live);
    EXPECT_EQ(live.run, runner.snapshot()) << "the result, whole";
    EXPECT_TRUE(live.run.finished);

    // The next run starts from nothing, however many records the last one left.
    ASSERT_TRUE(runner.start(embedded("sync", 2)));
    runner.refreshSnapshot(live);
    EXPECT_TRUE(live.changes.whole);
    EXPECT_NE(live.changes.source, firstSource) << "another run, another series";
    EXPECT_EQ(live.run.requests.size(), 2u);
    EXPECT_FALSE(live.run.finished);
    ASSERT_TRUE(finished.wait(5000));
}

TEST(Runner, CancelReturnsAtOnceAndTheRunEndsWithCancelledRequests) {
    Runner runner;
    QSignalSpy finished(&runner, &Runner::finished);
    ASSERT_TRUE(runner.start(embedded("sync", 5, 1000)));
    ASSERT_TRUE(waitUntil(
        [&] {
            const reqlanes::Run run = runner.snapshot();
            return !run.requests.empty() && run.requests[0].has(Phase::Sent);
        },
        5000));

    QElapsedTimer timer;
    timer.start();
    runner.cancel();
    EXPECT_LT(timer.elapsed(), 50) << "cancel() does not wait";
    ASSERT_TRUE(finished.wait(200 + 800));
    EXPECT_LT(timer.elapsed(), 200 + 800);
    const reqlanes::Run run = runner.snapshot();
    EXPECT_TRUE(run.cancelled);
    EXPECT_EQ(run.finishedCount(), 5);
    EXPECT_EQ(run.requests[0].status, RequestStatus::Cancelled);
}

// Three handlers of 3 s on an async server, the clients' timeout far away: cancelled while the
// server works, the run ends at once and does not wait for the handlers (no server end).
TEST(Runner, CancelledRunDoesNotWaitForTheServersWork) {
    Runner runner;
    QSignalSpy finished(&runner, &Runner::finished);
    Scenario scenario = embedded("async-semaphore", 3, 3000);
    scenario.server.mode = ServerMode::Async;
    ASSERT_TRUE(runner.start(scenario));
    ASSERT_TRUE(waitUntil(
        [&] {
            const reqlanes::Run run = runner.snapshot();
            return run.requests.size() == 3 &&
                   std::all_of(run.requests.begin(), run.requests.end(),
                               [](const RequestRecord &r) { return r.has(Phase::ServerStart); });
        },
        5000));

    ASSERT_TRUE(cancelEndsTheRunWithin(runner, finished, 200 + 300));
    const reqlanes::Run run = runner.snapshot();
    EXPECT_TRUE(run.cancelled);
    for (const RequestRecord &record : run.requests)
        EXPECT_FALSE(record.has(Phase::ServerEnd)) << "request " << record.id;
}

// The clients time out after 150 ms, the server works 3 s: the run then waits for the server.
// A cancel during that wait ends it at once; every request had already ended on its own, so the
// run is not a stopped one, and the unfinished work is drawn at most to the run's end (a lower
// bound, as when the wait's bound is hit).
TEST(Runner, CancelDuringTheWaitForTheServerEndsItAndKeepsTheRunWhole) {
    Runner runner;
    QSignalSpy finished(&runner, &Runner::finished);
    Scenario scenario = embedded("async-semaphore", 3, 3000);
    scenario.server.mode = ServerMode::Async;
    scenario.timeoutMs = 150;
    ASSERT_TRUE(runner.start(scenario));
    // In the wait, not in the strategy's last moments: still running half a second after the
    // last client gave up (the strategy returns within milliseconds of that).
    ASSERT_TRUE(waitUntil(
        [&] {
            const reqlanes::Run run = runner.snapshot();
            Nanos lastDone = kUnset;
            for (const RequestRecord &record : run.requests)
                lastDone = std::max(lastDone, record.phase(Phase::Done));
            return run.finishedCount() == 3 && !run.finished &&
                   run.elapsed > lastDone + 500'000'000;
        },
        2500))
        << "every client gave up while the run still waits for the server";

    ASSERT_TRUE(cancelEndsTheRunWithin(runner, finished, 200 + 300));
    const reqlanes::Run run = runner.snapshot();
    EXPECT_FALSE(run.cancelled);
    for (const RequestRecord &record : run.requests) {
        EXPECT_EQ(record.status, RequestStatus::Timeout);
        EXPECT_FALSE(record.has(Phase::ServerEnd)) << "request " << record.id;
        EXPECT_LE(abandonedWork(record, run.elapsed).end, run.elapsed) << "request " << record.id;
    }
}

TEST(Runner, InvalidScenarioStartsNothing) {
    Runner runner;
    QString error;
    Scenario scenario = embedded("sync", 3);
    scenario.limit = 0;
    EXPECT_FALSE(runner.start(scenario, &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("limit must be"))) << error.toStdString();
    EXPECT_FALSE(runner.isRunning());
    EXPECT_TRUE(runner.snapshot().requests.empty());
}

TEST(Runner, StartingAgainReplacesTheRunInProgress) {
    Runner runner;
    QSignalSpy finished(&runner, &Runner::finished);
    ASSERT_TRUE(runner.start(embedded("sync", 3, 1000)));
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(runner.start(embedded("threads", 3)));
    EXPECT_LT(timer.elapsed(), 1500) << "the first run was cancelled, not waited for";
    ASSERT_TRUE(finished.wait(5000));
    const reqlanes::Run run = runner.snapshot();
    EXPECT_EQ(run.scenario.strategy, QStringLiteral("threads"));
    EXPECT_EQ(run.okCount(), 3);
    QCoreApplication::processEvents();
    EXPECT_EQ(finished.count(), 1) << "no finished() for the replaced run";
}

TEST(Runner, DestructorCancelsAndJoins) {
    QElapsedTimer timer;
    timer.start();
    {
        Runner runner;
        ASSERT_TRUE(runner.start(embedded("threads", 3, 5000)));
    }
    EXPECT_LT(timer.elapsed(), 2000);
}
