// Runs that follow each other on one shared server (the app's watch server) never mix: a run
// stopped while the server works on its requests, and the same scenario started again at once.
// The server keeps serving the stopped run's requests; the new run's requests queue behind that
// work, which is drawn as the stopped run's and named in the findings, never joined to the new
// run's requests of the same number. Real server, real sockets, loopback only.
#include "eventually.h"
#include "results/findings.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/runner.h"
#include "run/sharedserver.h"
#include "syntheticrun.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include "qtcoreenvironment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

using namespace reqlanes;

namespace {

constexpr int kIdentityLatencyMs = 300;
using reqlanes::testing::kMs;

// The scenario, shortened: async-semaphore, N 10, limit 3, against 3 sync workers.
Scenario semaphoreScenario() {
    Scenario scenario;
    scenario.strategy = QStringLiteral("async-semaphore");
    scenario.n = 10;
    scenario.limit = 3;
    scenario.timeoutMs = 10000;
    scenario.server.workers = 3;
    scenario.server.latencyMs = kIdentityLatencyMs;
    return scenario;
}

int serverStarts(const reqlanes::Run &run) {
    return int(std::count_if(run.requests.begin(), run.requests.end(),
                             [](const RequestRecord &r) { return r.has(Phase::ServerStart); }));
}

const Finding *findKind(const std::vector<Finding> &findings, FindingKind kind) {
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [kind](const Finding &f) { return f.kind == kind; });
    return it == findings.end() ? nullptr : &*it;
}

// A pointer into a temporary's findings would dangle once the statement ends.
const Finding *findKind(std::vector<Finding> &&findings, FindingKind kind) = delete;

// A request's server phases come after the client opened its connection (the server accepts
// that connection, so accept may precede `sent`), in order, and nothing is before the run's
// start: a phase joined from another run's request would break this (server work before the
// request existed). A millisecond of slack for the two sides' stamps of one moment.
::testing::AssertionResult ownServerPhases(const RequestRecord &record) {
    for (int p = 0; p < kPhaseCount; ++p)
        if (record.at[std::size_t(p)] != kUnset && record.at[std::size_t(p)] < 0)
            return ::testing::AssertionFailure()
                   << "request " << record.id << ": " << phaseName(Phase(p)).toStdString()
                   << " at a negative time";
    const Nanos opened = record.has(Phase::ConnectStart) ? record.phase(Phase::ConnectStart)
                                                         : record.phase(Phase::Created);
    const std::pair<Phase, Nanos> order[] = {
        {Phase::ServerAccept, opened},
        {Phase::ServerStart, record.phase(Phase::ServerAccept)},
        {Phase::ServerEnd, record.phase(Phase::ServerStart)},
    };
    for (const auto &[phase, notBefore] : order)
        if (record.has(phase) && (notBefore == kUnset || record.phase(phase) < notBefore - kMs))
            return ::testing::AssertionFailure()
                   << "request " << record.id << ": " << phaseName(phase).toStdString() << " at "
                   << record.phase(phase) << " ns, before " << notBefore << " ns";
    return ::testing::AssertionSuccess();
}

class RunIdentityTest : public ::testing::Test {
protected:
    void SetUp() override {
        watch::WatchServerOptions options;
        options.port = 0; // ephemeral: tests never fight over 8000
        options.server = semaphoreScenario().server;
        QString error;
        ASSERT_TRUE(m_server.start(options, &error)) << error.toStdString();
        m_runner.setSharedServer(m_server.sharedServer());
    }

    watch::WatchRecorder m_recorder{[] {
        watch::WatchSettings settings;
        settings.lookUpProcesses = false;
        return settings;
    }()};
    watch::WatchServer m_server{&m_recorder};
    Runner m_runner;
};

} // namespace

// Stopped while its first three requests are in the handlers (~0.1 s into 0.3 s), started again
// at once: the new run's first three requests queue ~0.2 s behind the stopped run's handlers.
TEST_F(RunIdentityTest, RestartAtOnceNeverJoinsTheStoppedRunsServerWorkToTheNewRun) {
    QString error;
    ASSERT_TRUE(m_runner.start(semaphoreScenario(), &error)) << error.toStdString();
    ASSERT_TRUE(eventually([&] { return serverStarts(m_runner.snapshot()) >= 3; }));
    m_runner.cancel();
    ASSERT_TRUE(m_runner.start(semaphoreScenario(), &error)) << error.toStdString();
    m_runner.wait();

    const reqlanes::Run run = m_runner.snapshot();
    ASSERT_TRUE(run.finished);
    EXPECT_FALSE(run.cancelled);
    EXPECT_EQ(run.okCount(), 10);
    for (const RequestRecord &record : run.requests) {
        EXPECT_TRUE(ownServerPhases(record));
        ASSERT_TRUE(record.has(Phase::ServerAccept) && record.has(Phase::ServerEnd));
        // Each handler took its latency, not the stopped run's request's remainder.
        EXPECT_GE(record.span(Phase::ServerStart, Phase::ServerEnd),
                  kIdentityLatencyMs * kMs * 9 / 10)
            << "request " << record.id;
    }

    // The stopped run's three handlers are the earlier run's leftover work, on worker lanes.
    const auto leftover =
        std::count_if(run.outsideRequests.begin(), run.outsideRequests.end(),
                      [](const OutsideRequest &outside) { return outside.earlierRun; });
    EXPECT_EQ(leftover, 3);
    for (const OutsideRequest &outside : run.outsideRequests) {
        EXPECT_TRUE(outside.earlierRun) << outside.requestId.toStdString();
        EXPECT_GE(outside.started, 0);
        ASSERT_NE(outside.ended, kUnset);
        EXPECT_GT(outside.ended, outside.started);
    }
    const TimelineSpans byWorker = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    int earlierSpans = 0;
    for (const TimelineRow &row : byWorker.rows)
        earlierSpans += int(std::count_if(row.spans.begin(), row.spans.end(), [](const Span &s) {
            return s.kind == SpanKind::EarlierRun;
        }));
    EXPECT_EQ(earlierSpans, 3);
    EXPECT_EQ(computeStats(run).earlierRunRequests, 3);

    // The new run's first requests queued behind it, and the findings say so.
    const std::vector<Finding> findings = explainRun(run);
    const Finding *behind = findKind(findings, FindingKind::EarlierRunWork);
    ASSERT_NE(behind, nullptr);
    EXPECT_TRUE(behind->text.contains(QStringLiteral("behind the stopped run's leftover work")))
        << behind->text.toStdString();
    EXPECT_GE(behind->numbers.value(QStringLiteral("requests")).toInt(), 1);
    EXPECT_LE(behind->numbers.value(QStringLiteral("requests")).toInt(), 3);
    EXPECT_LT(behind->numbers.value(QStringLiteral("longest_s")).toDouble(),
              kIdentityLatencyMs / 1000.0);

    // None of it reached watch mode.
    m_recorder.endSession();
    EXPECT_TRUE(m_recorder.takeFinishedSessions().empty());
}

// Stopped while three handlers run: the run waits for them (boundedly) and draws their abandoned
// work to where each handler really ended, one latency after it started.
TEST_F(RunIdentityTest, AStoppedRunDrawsItsAbandonedWorkToTheHandlersRealEnd) {
    QString error;
    ASSERT_TRUE(m_runner.start(semaphoreScenario(), &error)) << error.toStdString();
    ASSERT_TRUE(eventually([&] { return serverStarts(m_runner.snapshot()) >= 3; }));
    m_runner.cancel();
    m_runner.wait();

    const reqlanes::Run run = m_runner.snapshot();
    ASSERT_TRUE(run.finished);
    EXPECT_TRUE(run.cancelled);
    int abandoned = 0;
    for (const RequestRecord &record : run.requests) {
        EXPECT_TRUE(ownServerPhases(record));
        if (!record.has(Phase::ServerStart))
            continue;
        ASSERT_TRUE(record.has(Phase::ServerEnd)) << "request " << record.id;
        const Nanos handler = record.span(Phase::ServerStart, Phase::ServerEnd);
        EXPECT_GE(handler, kIdentityLatencyMs * kMs * 9 / 10) << "request " << record.id;
        EXPECT_LE(handler, (kIdentityLatencyMs + 300) * kMs) << "request " << record.id;
        if (record.status == RequestStatus::Cancelled) {
            EXPECT_EQ(abandonedWork(record, run.elapsed).end, record.phase(Phase::ServerEnd));
            EXPECT_GT(record.phase(Phase::ServerEnd), record.phase(Phase::Done));
            ++abandoned;
        }
    }
    EXPECT_GE(abandoned, 1);
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.abandonedCount, abandoned);
    EXPECT_GT(stats.abandonedServerWorkS, 0.05 * abandoned);
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_NE(findKind(findings, FindingKind::AbandonedWork), nullptr);

    // Stopped counts: cancelled requests did not finish.
    const RunOutcome outcome = runOutcome(run);
    EXPECT_EQ(outcome.ended, run.okCount());
    EXPECT_TRUE(
        outcome.words.contains(QStringLiteral(": %1 of 10 had finished").arg(run.okCount())))
        << outcome.words.toStdString();
    const Finding *stopped = findKind(findings, FindingKind::RunStopped);
    ASSERT_NE(stopped, nullptr);
    EXPECT_TRUE(stopped->text.contains(
        QStringLiteral(": %1 of 10 requests had finished.").arg(run.okCount())))
        << stopped->text.toStdString();
}

// A second stop leaves the wait for the server at once: the stopped run ends within the
// strategy's 200 ms, its handlers' ends unknown (drawn to its end, a lower bound).
TEST_F(RunIdentityTest, StoppingTwiceDoesNotWaitForTheServer) {
    Scenario scenario = semaphoreScenario();
    scenario.server.latencyMs = 3000; // far beyond the bound below
    QString error;
    ASSERT_TRUE(m_runner.start(scenario, &error)) << error.toStdString();
    ASSERT_TRUE(eventually([&] { return serverStarts(m_runner.snapshot()) >= 3; }));
    const auto stopped = std::chrono::steady_clock::now();
    m_runner.cancel();
    m_runner.cancel();
    m_runner.wait();
    EXPECT_LT(std::chrono::steady_clock::now() - stopped, std::chrono::milliseconds(200 + 300));
    EXPECT_TRUE(m_runner.snapshot().cancelled);
}
