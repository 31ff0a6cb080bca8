// Outcomes and the stats that depend on them, on runs made up in code (exact numbers); the same
// cases against the real server are in test_lanetruth.cpp.
#include "results/runstats.h"
#include "run/runner.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

namespace {

// A 47-request run stopped after 12: the rest cancelled, as RunContext::cancelUnfinished leaves
// them (the ones in flight got a Done at the cancel, the others never started).
reqlanes::Run stoppedRun() {
    reqlanes::Run run = syntheticRun(47, 3, 100, true);
    for (int i = 12; i < 47; ++i) {
        RequestRecord &r = run.requests[std::size_t(i)];
        r = RequestRecord{};
        r.id = i;
        r.status = RequestStatus::Cancelled;
        r.error = QStringLiteral("cancelled");
        r.at[int(Phase::Created)] = 0;
        r.at[int(Phase::Done)] = 1600 * kMs; // the stop
    }
    run.elapsed = 1600 * kMs;
    run.cancelled = true;
    return run;
}

} // namespace

TEST(RunOutcome, ACompleteRunIsComparableWithItsIdeal) {
    const RunStats stats = computeStats(syntheticRun(9, 3, 100));
    EXPECT_EQ(stats.outcome.kind, RunOutcomeKind::Complete);
    EXPECT_TRUE(stats.complete);
    EXPECT_EQ(stats.outcome.words, QStringLiteral("complete: 9 of 9 ok"));
    EXPECT_GT(stats.idealS, 0);
}

TEST(RunOutcome, AStoppedRunSaysHowFarItGotAndIsNotComparable) {
    const RunStats stats = computeStats(stoppedRun());
    EXPECT_EQ(stats.outcome.kind, RunOutcomeKind::Stopped);
    EXPECT_EQ(stats.outcome.words, QStringLiteral("stopped after 1.6 s: 12 of 47 had finished"))
        << "cancelled requests did not finish";
    EXPECT_EQ(stats.outcome.ended, 12);
    EXPECT_EQ(stats.cancelled, 35);
    EXPECT_FALSE(stats.complete) << "no ×ideal ratio for a stopped run";
}

TEST(RunOutcome, AnAllFailedRunNamesTheReason) {
    reqlanes::Run run = syntheticRun(9, 3, 100);
    for (RequestRecord &r : run.requests) {
        r.status = RequestStatus::Refused;
        r.error = QStringLiteral("connection refused");
    }
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.outcome.kind, RunOutcomeKind::AllFailed);
    EXPECT_EQ(stats.outcome.words, QStringLiteral("9 of 9 failed: connection refused"));
    EXPECT_FALSE(stats.complete);
}

TEST(RunOutcome, SomeFailedCountsThemAndIsNotComparable) {
    reqlanes::Run run = syntheticRun(9, 3, 100);
    run.requests[4].status = RequestStatus::Timeout;
    run.requests[7].status = RequestStatus::Timeout;
    const RunOutcome outcome = runOutcome(run);
    EXPECT_EQ(outcome.kind, RunOutcomeKind::SomeFailed);
    EXPECT_EQ(outcome.words, QStringLiteral("2 of 9 failed: timeout"));
    EXPECT_FALSE(outcome.comparable());
}

TEST(RunOutcome, ALiveRunIsRunning) {
    reqlanes::Run run = syntheticRun(3, 3, 100);
    run.finished = false;
    EXPECT_EQ(runOutcome(run).kind, RunOutcomeKind::Running);
    EXPECT_FALSE(runOutcome(run).comparable());
}

TEST(RunStats, AbandonedServerWorkIsSummedAndKeepsWorkersBusy) {
    reqlanes::Run run = syntheticRun(3, 3, 1000);
    // Request 0 gave up at 500 ms; its worker served on until 1001 ms.
    RequestRecord &r = run.requests[0];
    r.at[int(Phase::FirstByte)] = kUnset;
    r.at[int(Phase::Done)] = 500 * kMs;
    r.status = RequestStatus::Timeout;
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.abandonedCount, 1);
    EXPECT_NEAR(stats.abandonedServerWorkS, 0.501, 1e-9);
    // At 0.7 s all three workers are still busy, the abandoned one included.
    int busyAt700 = -1;
    for (const Step &step : busyServerWorkers(run))
        if (step.at <= 700 * kMs)
            busyAt700 = step.value;
    EXPECT_EQ(busyAt700, 3);
}

TEST(RunStats, OutsideTrafficCountsInBusyWorkers) {
    reqlanes::Run run = syntheticRun(1, 2, 100, true);
    OutsideRequest outside;
    outside.accepted = 0;
    outside.started = 0;
    outside.ended = 50 * kMs;
    outside.worker = 1;
    run.outsideRequests.push_back(outside);
    int peak = 0;
    for (const Step &step : busyServerWorkers(run))
        peak = std::max(peak, step.value);
    EXPECT_EQ(peak, 2);
    EXPECT_EQ(computeStats(run).outsideRequests, 1);
}

// What Runner::start refused never had a request: it did not fail N of N, it never started.
TEST(RunOutcome, ARefusedRunSaysItDidNotStartAndWhy) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("threads");
    const reqlanes::Run refused = refusedRun(scenario, QStringLiteral("too many open files"));
    const RunOutcome outcome = runOutcome(refused);
    EXPECT_EQ(outcome.kind, RunOutcomeKind::AllFailed);
    EXPECT_FALSE(outcome.comparable());
    EXPECT_EQ(outcome.words, QStringLiteral("not started: too many open files"));
}
