#include "results/runstats.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// A request that went through every phase: created at `created`, on the wire from
// `created + wait`, in the server queue for `queue`, handled for `work`, done 1 ms later.
RequestRecord request(int id, Nanos created, Nanos wait, Nanos queue, Nanos work,
                      std::int32_t thread = 100, std::int32_t process = 10) {
    RequestRecord r;
    r.id = id;
    r.at[int(Phase::Created)] = created;
    r.at[int(Phase::Acquired)] = created + wait;
    r.at[int(Phase::ConnectStart)] = created + wait;
    r.at[int(Phase::Connected)] = created + wait;
    r.at[int(Phase::Sent)] = created + wait;
    r.at[int(Phase::ServerAccept)] = created + wait;
    r.at[int(Phase::ServerStart)] = created + wait + queue;
    r.at[int(Phase::ServerEnd)] = created + wait + queue + work;
    r.at[int(Phase::FirstByte)] = created + wait + queue + work;
    r.at[int(Phase::Done)] = created + wait + queue + work + 1 * kMs;
    r.status = RequestStatus::Ok;
    r.httpStatus = 200;
    r.threadId = thread;
    r.processId = process;
    r.serverWorker = 0;
    return r;
}

reqlanes::Run threeSequential() {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("sync");
    run.scenario.n = 3;
    run.scenario.server.latencyMs = 100;
    for (int i = 0; i < 3; ++i)
        run.requests.push_back(request(i, Nanos(i) * 101 * kMs, 0, 0, 100 * kMs));
    return run;
}

} // namespace

TEST(RunStats, SequentialRunHasExactMakespanLatencyAndOneThread) {
    const RunStats stats = computeStats(threeSequential());
    EXPECT_DOUBLE_EQ(stats.makespanS, 0.303);
    EXPECT_DOUBLE_EQ(stats.p50S, 0.101);
    EXPECT_DOUBLE_EQ(stats.maxS, 0.101);
    EXPECT_EQ(stats.peakInFlight, 1) << "a request starting as another ends does not overlap";
    EXPECT_EQ(stats.threads, 1);
    EXPECT_EQ(stats.processes, 1);
    EXPECT_EQ(stats.ok, 3);
    EXPECT_EQ(stats.errors, 0);
    EXPECT_NEAR(stats.throughputRps, 3 / 0.303, 1e-9);
}

TEST(RunStats, PercentilesUseNearestRankOverOkRequestsOnly) {
    reqlanes::Run run;
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:1/");
    for (int i = 0; i < 20; ++i)
        run.requests.push_back(request(i, 0, 0, 0, Nanos(i + 1) * 10 * kMs, 100 + i));
    run.requests[19].status = RequestStatus::Timeout; // the slowest one is not counted
    const RunStats stats = computeStats(run);
    // Latencies of ok requests: 11, 21, ..., 191 ms (19 values).
    EXPECT_DOUBLE_EQ(stats.p50S, 0.101); // rank ceil(9.5) = 10
    EXPECT_DOUBLE_EQ(stats.p95S, 0.191); // rank ceil(18.05) = 19
    EXPECT_DOUBLE_EQ(stats.p99S, 0.191);
    EXPECT_DOUBLE_EQ(stats.maxS, 0.191);
    EXPECT_EQ(stats.ok, 19);
    EXPECT_EQ(stats.errors, 1);
    EXPECT_EQ(stats.threads, 20);
    EXPECT_EQ(stats.peakInFlight, 20);
    EXPECT_EQ(stats.idealS, -1) << "no ideal for an external target";
}

TEST(RunStats, MeansOfSlotWaitAndServerQueue) {
    reqlanes::Run run;
    run.scenario.n = 4;
    run.requests.push_back(request(0, 0, 0, 0, 100 * kMs));
    run.requests.push_back(request(1, 0, 0, 100 * kMs, 100 * kMs));
    run.requests.push_back(request(2, 0, 200 * kMs, 0, 100 * kMs));
    run.requests.push_back(request(3, 0, 200 * kMs, 100 * kMs, 100 * kMs));
    const RunStats stats = computeStats(run);
    EXPECT_DOUBLE_EQ(stats.meanSlotWaitS, 0.1);
    EXPECT_DOUBLE_EQ(stats.meanServerQueueS, 0.05);
}

TEST(RunStats, CountsCancelledPendingAndDistinctProcesses) {
    reqlanes::Run run;
    run.requests.push_back(request(0, 0, 0, 0, 10 * kMs, 7, 1000));
    run.requests.push_back(request(1, 0, 0, 0, 10 * kMs, 7, 1001)); // same tid, other process
    run.requests.push_back(request(2, 0, 0, 0, 10 * kMs, 8, 1001));
    run.requests[2].status = RequestStatus::Cancelled;
    RequestRecord pending;
    pending.id = 3;
    run.requests.push_back(pending);
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.ok, 2);
    EXPECT_EQ(stats.cancelled, 1);
    EXPECT_EQ(stats.errors, 0) << "pending requests are not errors";
    EXPECT_EQ(stats.threads, 3);
    EXPECT_EQ(stats.processes, 2);
}

TEST(RunStats, EmptyRunIsZeroWhereCountedAndNotMeasuredWhereNothingWasTimed) {
    const RunStats stats = computeStats(reqlanes::Run{});
    EXPECT_EQ(stats.makespanS, 0);
    EXPECT_EQ(stats.peakInFlight, 0);
    EXPECT_EQ(stats.throughputRps, 0);
    EXPECT_FALSE(measured(stats.p95S));
    EXPECT_FALSE(measured(stats.meanSlotWaitS));
    EXPECT_FALSE(measured(stats.meanServerQueueS));
}

TEST(RunStats, PercentilesAreNotMeasuredWhenNothingSucceeded) {
    reqlanes::Run run = threeSequential();
    for (RequestRecord &record : run.requests)
        record.status = RequestStatus::Timeout;
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.ok, 0);
    for (const double value : {stats.p50S, stats.p95S, stats.p99S, stats.maxS})
        EXPECT_FALSE(measured(value)) << "not 0.0 ms: no successful request had a latency";
    EXPECT_TRUE(measured(stats.meanServerQueueS)) << "the server still reported its queue";
}

TEST(RunStats, AWatchSessionHasNoSlotWaitMeasured) {
    // The server never sees the client wait: a watch session's requests have no "acquired".
    reqlanes::Run run = threeSequential();
    run.scenario.strategy = QStringLiteral("watch");
    for (RequestRecord &record : run.requests)
        record.at[int(Phase::Acquired)] = kUnset;
    const RunStats stats = computeStats(run);
    EXPECT_FALSE(measured(stats.meanSlotWaitS));
    EXPECT_TRUE(measured(stats.p50S));
}

TEST(IdealMakespan, FollowsWorkersAndClientConcurrency) {
    Scenario scenario;
    scenario.server.workers = 3;
    scenario.server.latencyMs = 1000;
    scenario.strategy = QStringLiteral("sync");
    scenario.n = 3;
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 3.0);
    scenario.strategy = QStringLiteral("threads");
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 1.0);
    scenario.n = 9;
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 3.0);
    scenario.n = 10;
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 4.0);
    scenario.strategy = QStringLiteral("async-semaphore");
    scenario.n = 9;
    scenario.limit = 3;
    scenario.server.workers = 100;
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 3.0) << "the semaphore is the bottleneck";
    scenario.strategy = QStringLiteral("threads");
    scenario.server.workers = 1;
    scenario.server.mode = ServerMode::Async;
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 1.0) << "an async server overlaps all";
    scenario.strategy = QStringLiteral("no-such-strategy");
    EXPECT_EQ(idealMakespanSeconds(scenario), -1);
}

TEST(IdealMakespan, SaysWhyThereIsNoneForEachKindOfRun) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("threads");
    scenario.n = 9;
    scenario.server.latencyMs = 1000;
    EXPECT_EQ(idealBasis(scenario), IdealBasis::Computed);

    scenario.server.latencyMs = 0;
    EXPECT_EQ(idealBasis(scenario), IdealBasis::ZeroLatency)
        << "the embedded server at latency 0 is not an external target";
    EXPECT_EQ(idealMakespanSeconds(scenario), 0) << "computable: no work, no time";

    Scenario session = scenario;
    session.strategy = QStringLiteral("watch");
    session.server.latencyMs = 1000;
    EXPECT_EQ(idealBasis(session), IdealBasis::WatchSession)
        << "recorded by the embedded server, sent by someone else";
    EXPECT_FALSE(measured(idealMakespanSeconds(session)));

    Scenario external = scenario;
    external.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    EXPECT_EQ(idealBasis(external), IdealBasis::ExternalTarget);
    EXPECT_FALSE(measured(idealMakespanSeconds(external)));

    scenario.strategy = QStringLiteral("no-such-strategy");
    EXPECT_EQ(idealBasis(scenario), IdealBasis::NoStrategy);

    EXPECT_EQ(idealBasisName(IdealBasis::WatchSession), QStringLiteral("watch_session"));
    EXPECT_EQ(computeStats(threeSequential()).idealBasis, IdealBasis::Computed);
}

TEST(IdealMakespan, ComputeStatsReportsIt) {
    EXPECT_DOUBLE_EQ(computeStats(threeSequential()).idealS, 0.3);
}

TEST(StepSeries, ClientInFlightRisesAndFallsAndStaysOpenForUnfinished) {
    reqlanes::Run run;
    run.requests.push_back(request(0, 0, 0, 0, 100 * kMs));        // on the wire 0..101
    run.requests.push_back(request(1, 50 * kMs, 0, 0, 100 * kMs)); // 50..151
    RequestRecord live;
    live.id = 2;
    live.at[int(Phase::Created)] = 60 * kMs;
    live.at[int(Phase::ConnectStart)] = 60 * kMs;
    run.requests.push_back(live);
    RequestRecord qnam; // sent on a reused connection, no connect: sent stands in
    qnam.id = 3;
    qnam.at[int(Phase::Sent)] = 200 * kMs;
    qnam.at[int(Phase::Done)] = 300 * kMs;
    qnam.status = RequestStatus::Ok;
    run.requests.push_back(qnam);

    const std::vector<Step> steps = clientInFlight(run);
    const std::vector<std::pair<Nanos, int>> expected{
        {0, 1},         {50 * kMs, 2},  {60 * kMs, 3}, {101 * kMs, 2},
        {151 * kMs, 1}, {200 * kMs, 2}, {300 * kMs, 1}};
    ASSERT_EQ(steps.size(), expected.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].at, expected[i].first) << i;
        EXPECT_EQ(steps[i].value, expected[i].second) << i;
    }
}

TEST(StepSeries, BusyServerWorkersCountsHandlersRunning) {
    reqlanes::Run run;
    for (int i = 0; i < 3; ++i)
        run.requests.push_back(request(i, 0, 0, Nanos(i) * 100 * kMs, 100 * kMs));
    run.requests.push_back(request(3, 0, 0, 0, 100 * kMs));
    const std::vector<Step> steps = busyServerWorkers(run);
    // At 200 ms one handler ends as the next starts: no step there.
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0].at, 0);
    EXPECT_EQ(steps[0].value, 2);
    EXPECT_EQ(steps[1].at, 100 * kMs);
    EXPECT_EQ(steps[1].value, 1);
    EXPECT_EQ(steps[2].at, 300 * kMs);
    EXPECT_EQ(steps[2].value, 0);
}

TEST(StepSeries, HeldByTheServerAfterTheirEndCountsTheAbandonedWorkALiveRunWaitsFor) {
    reqlanes::Run live = threeSequential();
    live.finished = false;
    // Request 1 timed out while the server worked on it; request 2 while it was still queued.
    for (int id : {1, 2}) {
        RequestRecord &r = live.requests[std::size_t(id)];
        r.status = RequestStatus::Timeout;
        r.at[int(Phase::ServerEnd)] = kUnset;
        r.at[int(Phase::FirstByte)] = kUnset;
    }
    live.requests[2].at[int(Phase::ServerStart)] = kUnset;
    EXPECT_EQ(computeStats(live).heldAfterTheirEnd, 2);
    live.requests[1].at[int(Phase::ServerEnd)] = live.requests[1].phase(Phase::Done) + 50 * kMs;
    EXPECT_EQ(computeStats(live).heldAfterTheirEnd, 1) << "its handler ended: no longer held";
    live.finished = true;
    EXPECT_EQ(computeStats(live).heldAfterTheirEnd, 0) << "a finished run waits for nothing";
}
