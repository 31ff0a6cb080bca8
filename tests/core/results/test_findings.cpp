// Findings: what a run shows in plain words, on made-up runs with exact timings and on real runs
// against the embedded server on loopback (latency 200 ms).
#include "results/findings.h"
#include "syntheticrun.h"
#include "testscenario.h"

#include "run/runner.h"

#include <qtcoreenvironment.h>

#include <gtest/gtest.h>

#include <algorithm>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// A request through every phase: slot from `acquired`, accepted by the server at once, handled
// from `start` for `work`, done 1 ms after the handler.
RequestRecord request(int id, Nanos created, Nanos acquired, Nanos start, Nanos work) {
    RequestRecord r;
    r.id = id;
    r.at[int(Phase::Created)] = created;
    r.at[int(Phase::Acquired)] = acquired;
    r.at[int(Phase::ConnectStart)] = acquired;
    r.at[int(Phase::Connected)] = acquired;
    r.at[int(Phase::Sent)] = acquired;
    r.at[int(Phase::ServerAccept)] = acquired;
    r.at[int(Phase::ServerStart)] = start;
    r.at[int(Phase::ServerEnd)] = start + work;
    r.at[int(Phase::FirstByte)] = start + work;
    r.at[int(Phase::Done)] = start + work + kMs;
    r.status = RequestStatus::Ok;
    r.httpStatus = 200;
    return r;
}

reqlanes::Run makeRun(const QString &strategy, int n, int limit, int workers, int latencyMs) {
    reqlanes::Run run;
    run.scenario.strategy = strategy;
    run.scenario.n = n;
    run.scenario.limit = limit;
    run.scenario.server.workers = workers;
    run.scenario.server.latencyMs = latencyMs;
    run.finished = true;
    return run;
}

void finish(reqlanes::Run &run) {
    for (const RequestRecord &r : run.requests)
        run.elapsed = std::max(run.elapsed, r.phase(Phase::Done));
}

// threads, N=9 against 3 sync workers, 1 s each: all sent at once, 6 queue in the server.
reqlanes::Run threadsNineOnThree() {
    reqlanes::Run run = makeRun(QStringLiteral("threads"), 9, 3, 3, 1000);
    for (int i = 0; i < 9; ++i)
        run.requests.push_back(request(i, 0, kMs, kMs + (i / 3) * 1000 * kMs, 1000 * kMs));
    finish(run);
    return run;
}

// async-semaphore, N=9, limit 3, 3 workers: 6 wait for the semaphore, none in the server.
reqlanes::Run semaphoreNineLimitThree(const QString &strategy = QStringLiteral("async-semaphore")) {
    reqlanes::Run run = makeRun(strategy, 9, 3, 3, 1000);
    for (int i = 0; i < 9; ++i) {
        const Nanos acquired = (i / 3) * 1001 * kMs;
        run.requests.push_back(request(i, 0, acquired, acquired, 1000 * kMs));
    }
    finish(run);
    return run;
}

const Finding *findKind(const std::vector<Finding> &findings, FindingKind kind) {
    auto it = std::find_if(findings.begin(), findings.end(),
                           [kind](const Finding &f) { return f.kind == kind; });
    return it == findings.end() ? nullptr : &*it;
}

// A pointer into a temporary's findings would dangle once the statement ends.
const Finding *findKind(std::vector<Finding> &&findings, FindingKind kind) = delete;

} // namespace

TEST(Findings, FormatsRangesInMillisecondsBelowASecondAndSecondsAbove) {
    EXPECT_EQ(formatDurationRange(1000 * kMs, 2000 * kMs), QStringLiteral("1.0–2.0 s"));
    EXPECT_EQ(formatDurationRange(120 * kMs, 180 * kMs), QStringLiteral("120–180 ms"));
    EXPECT_EQ(formatDurationRange(9 * kMs, 9 * kMs), QStringLiteral("9 ms"));
    EXPECT_EQ(formatDurationRange(1000 * kMs, 1020 * kMs), QStringLiteral("1.0 s"))
        << "equal after rounding reads as one value";
}

TEST(Findings, ThreadsNineOnThreeWorkersSaysSixQueuedInTheServer) {
    const std::vector<Finding> findings = explainRun(threadsNineOnThree());
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::ServerQueueing);
    EXPECT_EQ(findings.front().text, QStringLiteral("6 of 9 requests waited 1.0–2.0 s in the "
                                                    "server's queue: 3 workers, 9 requests at "
                                                    "once."));
    EXPECT_EQ(findings.front().numbers.value(QStringLiteral("requests")).toInt(), 6);
    EXPECT_DOUBLE_EQ(findings.front().numbers.value(QStringLiteral("longest_s")).toDouble(), 2.0);
    EXPECT_EQ(findKind(findings, FindingKind::ClientWaiting), nullptr)
        << "a thread per request waits for nothing in the client";
    EXPECT_EQ(findKind(findings, FindingKind::HiddenCap), nullptr);
    const Finding *makespan = findKind(findings, FindingKind::Makespan);
    ASSERT_NE(makespan, nullptr);
    EXPECT_NEAR(makespan->numbers.value(QStringLiteral("ideal_s")).toDouble(), 3.0, 1e-9);
}

TEST(Findings, SemaphoreWaitIsNamedAndTheServerQueueIsEmpty) {
    const std::vector<Finding> findings = explainRun(semaphoreNineLimitThree());
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::ClientWaiting);
    EXPECT_EQ(findings.front().text,
              QStringLiteral("The semaphore held 6 of 9 requests back for 1.0–2.0 s: at most 3 at "
                             "once. Nothing queued in the server."));
    EXPECT_EQ(findKind(findings, FindingKind::ServerQueueing), nullptr);
}

TEST(Findings, ClientWaitNamesTheStrategysSlot) {
    EXPECT_TRUE(explainRun(semaphoreNineLimitThree(QStringLiteral("thread-pool")))
                    .front()
                    .text.startsWith(
                        QStringLiteral("6 of 9 requests waited 1.0–2.0 s for one of the 3 pool "
                                       "threads.")));
    EXPECT_TRUE(explainRun(semaphoreNineLimitThree(QStringLiteral("processes")))
                    .front()
                    .text.startsWith(QStringLiteral(
                        "6 of 9 requests waited 1.0–2.0 s for one of the 3 worker processes.")));
    EXPECT_TRUE(explainRun(semaphoreNineLimitThree(QStringLiteral("coroutines")))
                    .front()
                    .text.startsWith(QStringLiteral("The semaphore held 6 of 9")));
    // No slot at all: a thread of its own being started, the event loop's next turn.
    const std::vector<Finding> threads =
        explainRun(semaphoreNineLimitThree(QStringLiteral("threads")));
    ASSERT_NE(findKind(threads, FindingKind::ClientWaiting), nullptr);
    EXPECT_TRUE(findKind(threads, FindingKind::ClientWaiting)
                    ->text.startsWith(QStringLiteral(
                        "6 of 9 requests waited 1.0–2.0 s for their new thread to start.")));
    const std::vector<Finding> async = explainRun(semaphoreNineLimitThree(QStringLiteral("async")));
    ASSERT_NE(findKind(async, FindingKind::ClientWaiting), nullptr);
    EXPECT_TRUE(findKind(async, FindingKind::ClientWaiting)
                    ->text.startsWith(QStringLiteral(
                        "6 of 9 requests waited 1.0–2.0 s for the event loop to start them.")));
}

TEST(Findings, QnamTwelveAtOnceShowsItsHiddenCapOfSix) {
    reqlanes::Run run = makeRun(QStringLiteral("qnam"), 12, 3, 64, 1000);
    for (int i = 0; i < 12; ++i) {
        const Nanos acquired = (i / 6) * 1002 * kMs + kMs;
        run.requests.push_back(request(i, 0, acquired, acquired, 1000 * kMs));
    }
    finish(run);
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::HiddenCap);
    EXPECT_EQ(findings.front().text,
              QStringLiteral("Never more than 6 in flight although 12 were started at once: Qt "
                             "opens at most 6 connections per host."));
    EXPECT_EQ(findings.front().numbers.value(QStringLiteral("peak_in_flight")).toInt(), 6);
    const Finding *makespan = findKind(findings, FindingKind::Makespan);
    ASSERT_NE(makespan, nullptr);
    EXPECT_EQ(makespan->severity, FindingSeverity::Lesson) << "2 s against an ideal of 1 s";
}

TEST(Findings, ProcessStartUpCostIsMeasuredFromTheFirstSpawnToTheFirstRequestOut) {
    reqlanes::Run run = makeRun(QStringLiteral("processes"), 3, 3, 3, 100);
    for (int i = 0; i < 3; ++i) {
        run.requests.push_back(request(i, 0, (9 + i) * kMs, (9 + i) * kMs, 100 * kMs));
        run.requests.back().processId = 700 + i;
        run.laneEvents.push_back(
            {LaneEventKind::ProcessSpawned, Nanos(i) * kMs / 2, 0, 700 + i, i, {}});
    }
    for (int i = 0; i < 3; ++i)
        run.laneEvents.push_back({LaneEventKind::ProcessReady, (8 + i) * kMs, 0, 700 + i, i, {}});
    finish(run);
    const std::vector<Finding> findings = explainRun(run);
    const Finding *startup = findKind(findings, FindingKind::StartupCost);
    ASSERT_NE(startup, nullptr);
    EXPECT_EQ(startup->text, QStringLiteral("Starting 3 worker processes took 9 ms before the "
                                            "first request went out."));
    EXPECT_NEAR(startup->numbers.value(QStringLiteral("all_ready_s")).toDouble(), 0.010, 1e-9);
}

TEST(Findings, TimeoutsComeFirstWithAbandonedServerWorkAndNoRatio) {
    reqlanes::Run run = threadsNineOnThree();
    run.scenario.timeoutMs = 1500;
    for (int i = 6; i < 9; ++i) { // the last round queued 2 s: they gave up at 1.5 s
        RequestRecord &r = run.requests[std::size_t(i)];
        r.status = RequestStatus::Timeout;
        r.error = QStringLiteral("timed out after 1500 ms");
        r.at[int(Phase::FirstByte)] = kUnset;
        r.at[int(Phase::Done)] = 1500 * kMs;
    }
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::Failures);
    EXPECT_EQ(findings.front().text,
              QStringLiteral("3 of 9 requests failed: timed out after 1500 ms."));
    const Finding *abandoned = findKind(findings, FindingKind::AbandonedWork);
    ASSERT_NE(abandoned, nullptr);
    EXPECT_EQ(abandoned->numbers.value(QStringLiteral("requests")).toInt(), 3);
    EXPECT_NEAR(abandoned->numbers.value(QStringLiteral("total_s")).toDouble(), 3.0, 0.01)
        << "each handler ran its full second after the client left";
    // The last round: nothing came after it to queue behind its work.
    EXPECT_EQ(abandoned->numbers.value(QStringLiteral("queued_behind")).toInt(), 0);
    EXPECT_EQ(abandoned->text, QStringLiteral("The server kept working for 3.0 s in total on 3 "
                                              "requests the client had given up on."));
    EXPECT_EQ(findKind(findings, FindingKind::Makespan), nullptr) << "a failed run has no ratio";
}

TEST(Findings, AbandonedWorkNamesTheRequestsThatQueuedBehindIt) {
    reqlanes::Run run = threadsNineOnThree();
    for (int i = 3; i < 6; ++i) { // the second round gave up at 1.5 s, its handlers ran to 2 s
        RequestRecord &r = run.requests[std::size_t(i)];
        r.status = RequestStatus::Timeout;
        r.error = QStringLiteral("timed out after 1500 ms");
        r.at[int(Phase::FirstByte)] = kUnset;
        r.at[int(Phase::Done)] = 1500 * kMs;
    }
    const std::vector<Finding> findings = explainRun(run);
    const Finding *abandoned = findKind(findings, FindingKind::AbandonedWork);
    ASSERT_NE(abandoned, nullptr);
    EXPECT_EQ(abandoned->numbers.value(QStringLiteral("queued_behind")).toInt(), 3)
        << "the third round waited in the server's queue while it went on";
    EXPECT_TRUE(abandoned->text.endsWith(QStringLiteral("; 3 later requests queued behind that "
                                                        "work.")))
        << abandoned->text.toStdString();
}

TEST(Findings, StoppedRunSaysSoFirstAndGetsNoRatio) {
    reqlanes::Run run = threadsNineOnThree();
    run.cancelled = true;
    for (int i = 3; i < 9; ++i) {
        RequestRecord &r = run.requests[std::size_t(i)];
        r.status = RequestStatus::Cancelled;
        r.at[int(Phase::ServerStart)] = kUnset;
        r.at[int(Phase::ServerEnd)] = kUnset;
        r.at[int(Phase::FirstByte)] = kUnset;
        r.at[int(Phase::Done)] = 1100 * kMs;
    }
    run.elapsed = 1100 * kMs;
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::RunStopped);
    EXPECT_EQ(findings.front().text,
              QStringLiteral("The run was stopped after 1.1 s: 3 of 9 requests had finished."))
        << "cancelled requests did not finish";
    EXPECT_EQ(findings.front().numbers.value(QStringLiteral("finished")).toInt(), 3);
    EXPECT_EQ(findKind(findings, FindingKind::Makespan), nullptr);
}

TEST(Findings, SequentialRunWaitsNowhereAndMatchesTheIdeal) {
    reqlanes::Run run = makeRun(QStringLiteral("sync"), 3, 3, 3, 100);
    for (int i = 0; i < 3; ++i) {
        const Nanos created = i * 102 * kMs;
        run.requests.push_back(request(i, created, created, created + kMs, 100 * kMs));
    }
    finish(run);
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings.front().kind, FindingKind::Makespan);
    EXPECT_EQ(findings.front().severity, FindingSeverity::Info);
    EXPECT_EQ(findings.front().text,
              QStringLiteral("It took 306 ms against an ideal of 300 ms (×1.02): 3 requests, at "
                             "most 1 at once, 100 ms each."));
}

TEST(Findings, LiveSnapshotExplainsWhatHappenedSoFarWithoutARatio) {
    reqlanes::Run run = threadsNineOnThree();
    run.finished = false;
    const std::vector<Finding> findings = explainRun(run);
    EXPECT_EQ(findKind(findings, FindingKind::Makespan), nullptr);
    EXPECT_NE(findKind(findings, FindingKind::ServerQueueing), nullptr);
}

TEST(Findings, LiveSnapshotCountsRequestsStillWaitingWithTheirWaitSoFar) {
    const std::vector<Finding> findings =
        explainRun(truncateRun(semaphoreNineLimitThree(), 1400 * kMs));
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().text,
              QStringLiteral("The semaphore held 6 of 9 requests back for 1.0–1.4 s: at most 3 at "
                             "once. Nothing queued in the server."));
}

// Real runs: the embedded server on loopback, 200 ms per request.
namespace {

reqlanes::Run realRun(const QString &strategy, int n, int limit, int workers) {
    return runScenario(reqlanes::testing::testScenario(
        {.strategy = strategy, .n = n, .limit = limit, .workers = workers, .latencyMs = 200}));
}

} // namespace

TEST(FindingsOnRealRuns, ThreadsNineOnThreeWorkersQueueSixInTheServer) {
    const reqlanes::Run run = realRun(QStringLiteral("threads"), 9, 3, 3);
    ASSERT_EQ(run.okCount(), 9) << run.error.toStdString();
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::ServerQueueing)
        << findings.front().text.toStdString();
    EXPECT_EQ(findings.front().numbers.value(QStringLiteral("requests")).toInt(), 6);
    EXPECT_NEAR(findings.front().numbers.value(QStringLiteral("longest_s")).toDouble(), 0.4, 0.15);
}

TEST(FindingsOnRealRuns, AsyncSemaphoreWaitsInTheClientNotTheServer) {
    const reqlanes::Run run = realRun(QStringLiteral("async-semaphore"), 9, 3, 3);
    ASSERT_EQ(run.okCount(), 9) << run.error.toStdString();
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::ClientWaiting)
        << findings.front().text.toStdString();
    EXPECT_TRUE(findings.front().text.startsWith(QStringLiteral("The semaphore held 6 of 9")))
        << findings.front().text.toStdString();
    EXPECT_EQ(findKind(findings, FindingKind::ServerQueueing), nullptr);
}

TEST(FindingsOnRealRuns, QnamTwelveAgainstManyWorkersIsCappedAtSix) {
    const reqlanes::Run run = realRun(QStringLiteral("qnam"), 12, 3, 32);
    ASSERT_EQ(run.okCount(), 12) << run.error.toStdString();
    const std::vector<Finding> findings = explainRun(run);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().kind, FindingKind::HiddenCap) << findings.front().text.toStdString();
    EXPECT_EQ(findings.front().numbers.value(QStringLiteral("peak_in_flight")).toInt(), 6);
    EXPECT_EQ(findings.front().numbers.value(QStringLiteral("started_at_once")).toInt(), 12);
}

TEST(FindingsOnRealRuns, ProcessesReportTheirStartUpCost) {
    const reqlanes::Run run = realRun(QStringLiteral("processes"), 3, 3, 3);
    ASSERT_EQ(run.okCount(), 3) << run.error.toStdString();
    const std::vector<Finding> findings = explainRun(run);
    const Finding *startup = findKind(findings, FindingKind::StartupCost);
    ASSERT_NE(startup, nullptr);
    EXPECT_EQ(startup->numbers.value(QStringLiteral("processes")).toInt(), 3);
    EXPECT_GT(startup->numbers.value(QStringLiteral("before_first_request_s")).toDouble(), 0);
    EXPECT_LT(startup->numbers.value(QStringLiteral("before_first_request_s")).toDouble(), 5);
}
