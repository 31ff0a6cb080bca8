// The end of a run waits for the server's abandoned work (core/run/serverdrain.h): requests the
// client gave up on are recorded to the moment their handlers really ended, not cut off at the
// run's last done; the makespan still ends there. Real embedded server on loopback; latencies of
// 300 ms, tolerances wide enough for a loaded 2-core machine.
#include "qtcoreenvironment.h"
#include "results/findings.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/embeddedtarget.h"
#include "run/runner.h"
#include "run/runrequestid.h"
#include "run/serverdrain.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;
constexpr int kDrainLatencyMs = 300;
constexpr Nanos kLatency = kDrainLatencyMs * kMs;
// Timers wake late on a busy machine: never earlier than the physics allows, up to this later.
constexpr Nanos kLate = 200 * kMs;

// async-semaphore, N 9, limit 3: three batches, each timing out before the server is done.
Scenario threeTimedOutBatches(ServerMode mode, int timeoutMs) {
    Scenario s;
    s.strategy = QStringLiteral("async-semaphore");
    s.n = 9;
    s.limit = 3;
    s.timeoutMs = timeoutMs;
    s.server.mode = mode;
    s.server.workers = 3;
    s.server.latencyMs = kDrainLatencyMs;
    return s;
}

Nanos latest(const reqlanes::Run &run, Phase phase) {
    Nanos last = kUnset;
    for (const RequestRecord &record : run.requests)
        last = std::max(last, record.phase(phase));
    return last;
}

double abandonedFindingSeconds(const reqlanes::Run &run) {
    for (const Finding &finding : explainRun(run))
        if (finding.kind == FindingKind::AbandonedWork)
            return finding.numbers.value(QStringLiteral("total_s")).toDouble();
    return 0;
}

} // namespace

TEST(ServerDrain, BoundIsOneHandlerPerRoundOfWorkersPlusAMargin) {
    ServerSettings sync;
    sync.workers = 3;
    sync.latencyMs = 1000;
    sync.jitterMs = 100;
    EXPECT_EQ(serverDrainBound(sync, 0), 0) << "nothing held: no wait";
    const Nanos margin = serverDrainBound(sync, 1) - 1100 * kMs;
    EXPECT_GT(margin, 0);
    EXPECT_LE(margin, 1000 * kMs);
    EXPECT_EQ(serverDrainBound(sync, 3), 1100 * kMs + margin) << "three at once on three workers";
    EXPECT_EQ(serverDrainBound(sync, 6), 2200 * kMs + margin) << "three running, three queued";
    ServerSettings async = sync;
    async.mode = ServerMode::Async;
    EXPECT_EQ(serverDrainBound(async, 9), 1100 * kMs + margin)
        << "an async server runs all at once";
}

TEST(ServerDrain, BoundNeverExceedsOneLongestHandler) {
    ServerSettings sync;
    sync.workers = 1;
    sync.latencyMs = server::kMaxLatencyMs;
    EXPECT_EQ(serverDrainBound(sync, limits::kMaxRequests), kMaxServerDrain);
}

// The scenario of the bug, at a third of its time: latency 300, timeout 150, 3 sync workers.
// Requests 3-5 wait in the server's queue until 0-2's handlers end (~0.3 s), 6-8 until 3-5's
// (~0.6 s), long after every client gave up (the last at ~0.45 s); their handlers end at ~0.6 and
// ~0.9 s. Before, the server was stopped at 0.45 s: 3-5 were drawn to it, 6-8 not at all.
TEST(ServerDrain, AbandonedWorkEndsWhereTheHandlerEndedNotAtTheRunsLastDone) {
    const std::int64_t calledNs = steadyNowNs();
    const reqlanes::Run run = runScenario(threeTimedOutBatches(ServerMode::Sync, 150));
    const std::int64_t returnedNs = steadyNowNs();
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    ASSERT_TRUE(run.finished);
    EXPECT_FALSE(run.cancelled);

    const Nanos lastDone = latest(run, Phase::Done);
    const Nanos lastServerEnd = latest(run, Phase::ServerEnd);
    EXPECT_EQ(run.elapsed, lastDone) << "the makespan still ends at the last done";
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    Nanos ghosts = 0;
    for (const RequestRecord &record : run.requests) {
        SCOPED_TRACE("request " + std::to_string(record.id));
        EXPECT_EQ(record.status, RequestStatus::Timeout);
        ASSERT_TRUE(record.has(Phase::ServerStart) && record.has(Phase::ServerEnd))
            << "the server reported every handler's end";
        const Nanos handler = record.span(Phase::ServerStart, Phase::ServerEnd);
        EXPECT_GE(handler, kLatency - 5 * kMs);
        EXPECT_LE(handler, kLatency + kLate);
        // Drawn to the handler's end: the ghost after the bar, and what the stats add up.
        const RequestExtent ghost = abandonedWork(record, run.elapsed);
        EXPECT_EQ(ghost.end, record.phase(Phase::ServerEnd));
        ghosts += ghost.end - ghost.start;
        const TimelineRow &row = byRequest.rows[std::size_t(record.id)];
        ASSERT_FALSE(row.spans.empty());
        EXPECT_EQ(row.spans.back().kind, SpanKind::Abandoned);
        EXPECT_DOUBLE_EQ(row.spans.back().end, nanosToSeconds(record.phase(Phase::ServerEnd)));
        if (record.id >= 6) {
            // Queued behind 3-5, then one whole handler: about sent + 2 latencies, and a
            // latency after the client gave up at the run's last done.
            EXPECT_GE(record.phase(Phase::ServerEnd) - run.elapsed, kLatency * 2 / 3);
            EXPECT_LE(record.span(Phase::Sent, Phase::ServerEnd), 2 * kLatency + kLate);
        }
    }
    EXPECT_GE(byRequest.endS, nanosToSeconds(lastServerEnd)) << "the picture shows it whole";

    // The run waited for exactly that work, not for its bound (~1.1 s after the last done here).
    EXPECT_GE(returnedNs - calledNs, lastServerEnd);
    EXPECT_LE(returnedNs - calledNs, lastServerEnd + kLate);

    const RunStats stats = computeStats(run);
    Nanos firstCreated = lastDone;
    for (const RequestRecord &record : run.requests)
        firstCreated = std::min(firstCreated, record.phase(Phase::Created));
    EXPECT_DOUBLE_EQ(stats.makespanS, nanosToSeconds(lastDone - firstCreated));
    EXPECT_LT(stats.makespanS, 0.45 + nanosToSeconds(kLate));
    EXPECT_EQ(stats.abandonedCount, 9);
    EXPECT_NEAR(stats.abandonedServerWorkS, nanosToSeconds(ghosts), 1e-9);
    EXPECT_NEAR(abandonedFindingSeconds(run), stats.abandonedServerWorkS, 1e-9)
        << "the findings count the same work as the stats";
}

// Every request runs at once on an async server, so each handler ends one latency after its
// request was sent: for the last batch ~0.5 s, while the run's last done is at ~0.3 s.
TEST(ServerDrain, OnAnAsyncServerTheLastBatchsWorkEndsOneLatencyAfterItWasSent) {
    const reqlanes::Run run = runScenario(threeTimedOutBatches(ServerMode::Async, 100));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    EXPECT_EQ(run.elapsed, latest(run, Phase::Done));
    for (const RequestRecord &record : run.requests) {
        SCOPED_TRACE("request " + std::to_string(record.id));
        ASSERT_TRUE(record.has(Phase::Sent) && record.has(Phase::ServerEnd));
        EXPECT_GE(record.span(Phase::Sent, Phase::ServerEnd), kLatency - 5 * kMs);
        EXPECT_LE(record.span(Phase::Sent, Phase::ServerEnd), kLatency + kLate);
        EXPECT_EQ(abandonedWork(record, run.elapsed).end, record.phase(Phase::ServerEnd));
        if (record.id >= 6) {
            EXPECT_GE(record.phase(Phase::ServerEnd) - run.elapsed, 100 * kMs)
                << "drawn past the run's last done, not cut at it";
        }
    }
}

TEST(ServerDrain, AQueuedRequestTheServerDroppedIsNotWaitedFor) {
    // A client that resets its connection while its request is queued: the server drops the
    // request (requestDropped) and never runs it, so the end-of-run wait must not wait for it.
    RunRecorder recorder(2, steadyNowNs());
    const Nanos now = steadyNowNs();
    const auto id = [&](int index) {
        return formatRunRequestId({recorder.generation(), index}).toStdString();
    };
    EmbeddedTarget::recordInto(recorder, {id(0), now, now, -1, 0, 0, 1});    // running
    EmbeddedTarget::recordInto(recorder, {id(1), now, -1, -1, -1, 0, 2});    // queued
    EmbeddedTarget::recordInto(recorder, {id(0), now, now, now, 0, 200, 1}); // finished
    EXPECT_EQ(recorder.serverHeldCount(), 1);
    EmbeddedTarget::dropInto(recorder, {id(1), now, -1, now, -1, 0, 2});
    EXPECT_EQ(recorder.serverHeldCount(), 0);
    CancelToken cancel;
    EXPECT_TRUE(recorder.waitForServerRelease(0, cancel));
    EXPECT_FALSE(recorder.records()[1].has(Phase::ServerStart)) << "it never ran";
    EXPECT_FALSE(recorder.records()[1].has(Phase::ServerEnd));
}
