// Lanes, ends and outcomes of real runs against the embedded slow server on loopback: what the
// timeline draws (spans, not pixels) and what the stats say must be true of what happened.
// Latencies of 100-300 ms; tolerances wide enough for a loaded 2-core machine.
#include "qtcoreenvironment.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/embeddedtarget.h"
#include "run/runner.h"
#include "run/strategyregistry.h"
#include "runtriggers.h"
#include "spanchecks.h"
#include "syntheticrun.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

Scenario scenario(const char *strategy, int n, int limit, int latencyMs, int workers = 3) {
    Scenario s;
    s.strategy = QString::fromLatin1(strategy);
    s.n = n;
    s.limit = limit;
    s.server.workers = workers;
    s.server.latencyMs = latencyMs;
    return s;
}

double seconds(Nanos at) {
    return double(at) / 1e9;
}

// Cancels the run when the server starts its `nth` request (1-based): a sync run is then
// stopped after exactly nth - 1 requests, wherever the machine's load puts them in time.
struct CancelOnNthRequest : server::ServerObserver {
    explicit CancelOnNthRequest(int nth)
        : m_nth(nth) {}
    CancelToken cancel;
    void requestStarted(const server::ServerRequestEvent &) override {
        if (++m_started == m_nth)
            cancel.cancel();
    }

private:
    int m_nth;
    std::atomic<int> m_started{0};
};

} // namespace

// Issue 8/9: a pool thread is one lane with one row; before, each of the 3 threads showed its 3
// requests as 3 overlapping sub-rows (bars from created, slot wait included).
TEST(LaneTruth, ThreadPoolByThreadIsLimitLanesOfOneRowWithoutSlotWaits) {
    const reqlanes::Run run = runScenario(scenario("thread-pool", 9, 3, 100));
    ASSERT_EQ(run.okCount(), 9) << run.error.toStdString();
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::Thread);
    EXPECT_EQ(spans.laneCount(), 3) << "limit pool threads, one lane each";
    int bars = 0;
    for (const TimelineLane &lane : spans.lanes) {
        EXPECT_EQ(lane.rowCount, 1) << lane.label.toStdString();
        EXPECT_FALSE(lane.stacked);
        bars += int(spans.rows[std::size_t(lane.firstRow)].bars.size());
    }
    EXPECT_EQ(bars, 9);
    EXPECT_TRUE(spansOfKind(spans, SpanKind::Waiting).empty())
        << "a request waiting for a pool thread is on no thread yet";
    expectRowsDoNotOverlap(spans);
    // The waits are real, and on the request lanes.
    EXPECT_FALSE(
        spansOfKind(buildTimelineSpans(run, LaneGrouping::Request), SpanKind::Waiting).empty());
}

TEST(LaneTruth, SyncByWorkerShowsAllThreeWorkersIdleOnesToo) {
    const reqlanes::Run run = runScenario(scenario("sync", 3, 3, 100));
    ASSERT_EQ(run.okCount(), 3) << run.error.toStdString();
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    ASSERT_EQ(spans.laneCount(), 3);
    int busyLanes = 0;
    for (const TimelineLane &lane : spans.lanes) {
        const TimelineRow &row = spans.rows[std::size_t(lane.firstRow)];
        busyLanes += row.spans.empty() ? 0 : 1;
        for (const Span &span : row.spans)
            EXPECT_EQ(span.kind, SpanKind::ServerWork) << "a worker is busy only while it serves";
    }
    // One request at a time: the server serves them all on its lowest free worker.
    EXPECT_EQ(busyLanes, 1);
    expectRowsDoNotOverlap(spans);
}

// Issue 9: latency 300 ms, timeout 150 ms, async-semaphore N 9 limit 3. The first three time
// out at ~150 ms while their handlers run to ~300 ms, before the run ends (~450 ms).
TEST(LaneTruth, TimedOutBarsEndAtDoneAndTheServersAbandonedWorkIsDrawnAndCounted) {
    Scenario s = scenario("async-semaphore", 9, 3, 300);
    s.timeoutMs = 150;
    const reqlanes::Run run = runScenario(s);
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    const TimelineSpans byWorker = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    const std::vector<Span> workerGhosts = spansOfKind(byWorker, SpanKind::Abandoned);

    int abandoned = 0;
    for (const RequestRecord &record : run.requests) {
        if (record.status != RequestStatus::Timeout || !record.has(Phase::ServerEnd))
            continue;
        const Nanos done = record.phase(Phase::Done);
        const Nanos serverEnd = record.phase(Phase::ServerEnd);
        if (serverEnd <= done)
            continue;
        ++abandoned;
        EXPECT_GE(serverEnd - done, 50 * kMs) << "the handler outlived the client's deadline";
        // Its bar ends where the client gave up...
        const TimelineRow &row = byRequest.rows[std::size_t(record.id)];
        ASSERT_EQ(row.bars.size(), 1u);
        EXPECT_DOUBLE_EQ(row.bars[0].end, seconds(done));
        // ...followed by the ghost of what the server went on doing.
        ASSERT_FALSE(row.spans.empty());
        EXPECT_EQ(row.spans.back().kind, SpanKind::Abandoned);
        EXPECT_DOUBLE_EQ(row.spans.back().start,
                         seconds(std::max(done, record.phase(Phase::ServerStart))));
        EXPECT_DOUBLE_EQ(row.spans.back().end, seconds(serverEnd));
        // And on its worker's lane, as occupancy.
        bool onWorker = false;
        for (const Span &span : workerGhosts)
            onWorker |= span.request == record.id && span.end == seconds(serverEnd);
        EXPECT_TRUE(onWorker) << "request " << record.id;
    }
    EXPECT_GE(abandoned, 3);

    const RunStats stats = computeStats(run);
    EXPECT_GE(stats.abandonedCount, abandoned);
    EXPECT_GE(stats.abandonedServerWorkS, abandoned * 0.05);
    EXPECT_FALSE(stats.complete) << "timed-out requests: no ×ideal ratio";
    // Just after the first deadline, the three abandoned handlers still hold all three workers.
    Nanos firstDone = kUnset;
    for (const RequestRecord &record : run.requests)
        if (record.status == RequestStatus::Timeout)
            firstDone = firstDone == kUnset ? record.phase(Phase::Done)
                                            : std::min(firstDone, record.phase(Phase::Done));
    int busyJustAfter = 0;
    for (const Step &step : busyServerWorkers(run))
        if (step.at <= firstDone + kMs)
            busyJustAfter = step.value;
    EXPECT_EQ(busyJustAfter, 3);
}

TEST(LaneTruth, AStoppedRunSaysStoppedAfterKOfNAndGetsNoRatio) {
    CancelOnNthRequest observer(3);
    TestServer server;
    server::ServerConfig config;
    config.workers = 3;
    config.latencyMs = 100;
    ASSERT_TRUE(server.start(config, &observer)) << server.error().toStdString();
    Scenario s = scenario("sync", 5, 1, 100);
    s.targetUrl = server.url();
    const reqlanes::Run run = runScenario(s, &observer.cancel);
    ASSERT_TRUE(run.cancelled);
    const RunStats stats = computeStats(run);
    EXPECT_EQ(stats.outcome.kind, RunOutcomeKind::Stopped);
    EXPECT_TRUE(stats.outcome.words.startsWith(QStringLiteral("stopped after ")))
        << stats.outcome.words.toStdString();
    EXPECT_TRUE(stats.outcome.words.endsWith(QStringLiteral(" s: 2 of 5 had finished")) ||
                stats.outcome.words.endsWith(QStringLiteral(" ms: 2 of 5 had finished")))
        << stats.outcome.words.toStdString();
    EXPECT_FALSE(stats.complete);
    EXPECT_EQ(stats.cancelled, 3);
}

TEST(LaneTruth, AnAllFailedRunSaysWhyAndGetsNoRatio) {
    Scenario s = scenario("threads", 3, 3, 100);
    s.targetUrl = closedPortUrl();
    const RunStats stats = computeStats(runScenario(s));
    EXPECT_EQ(stats.outcome.kind, RunOutcomeKind::AllFailed);
    EXPECT_TRUE(stats.outcome.words.startsWith(QStringLiteral("3 of 3 failed: ")))
        << stats.outcome.words.toStdString();
    EXPECT_FALSE(stats.complete);
}

// Issue 9, outside traffic: another program's request to the embedded server during a sync run
// holds a worker; the run records it, draws it on that worker's lane and counts it as busy.
TEST(LaneTruth, AnOutsideRequestDuringASyncRunIsRecordedDrawnAndCounted) {
    Scenario s = scenario("sync", 2, 1, 150, 2);
    EmbeddedTarget embedded(s.server);
    QString error;
    ASSERT_TRUE(embedded.start(&error)) << error.toStdString();
    const Target target = embedded.target();
    RunRecorder recorder(s.n, steadyNowNs());
    embedded.attach(&recorder);

    // The other program: no X-Request-Id, a 1 s handler (the server's ?delay=), so it is still
    // served while the run's two 150 ms requests go through.
    TestHttpClient outside(target.port);
    ASSERT_TRUE(outside.connected()) << outside.error();
    ASSERT_TRUE(outside.send(TestHttpClient::request("GET", "/?delay=1000")));
    const std::int64_t deadline = steadyNowNs() + 5'000 * kMs;
    while (recorder.outsideRequests().empty() ||
           recorder.outsideRequests().front().started == kUnset) {
        ASSERT_LT(steadyNowNs(), deadline) << "the server never started the outside request";
        std::this_thread::yield();
    }

    CancelToken cancel;
    const auto strategy = StrategyRegistry::instance().create(s.strategy);
    const StrategyInfo info = strategy->info();
    RunContext context{info, s, target, recorder, cancel};
    strategy->execute(context);
    EXPECT_EQ(outside.readResponse().status, 200);
    embedded.stop();

    reqlanes::Run run;
    run.scenario = s;
    run.requests = recorder.records();
    run.laneEvents = recorder.laneEvents();
    run.outsideRequests = recorder.outsideRequests();
    run.elapsed = recorder.now();
    run.finished = true;
    ASSERT_EQ(run.okCount(), 2);
    ASSERT_EQ(run.outsideRequests.size(), 1u);
    const OutsideRequest &other = run.outsideRequests[0];
    EXPECT_TRUE(other.requestId.isEmpty());
    EXPECT_NE(other.ended, kUnset);
    EXPECT_GE(other.worker, 0);
    EXPECT_EQ(other.httpStatus, 200);

    int peak = 0;
    for (const Step &step : busyServerWorkers(run))
        peak = std::max(peak, step.value);
    EXPECT_EQ(peak, 2) << "the outside request and the run's own held both workers";
    EXPECT_EQ(computeStats(run).outsideRequests, 1);

    const TimelineSpans byWorker = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    ASSERT_EQ(byWorker.laneCount(), 2);
    const std::vector<Span> others = spansOfKind(byWorker, SpanKind::OtherClient);
    ASSERT_EQ(others.size(), 1u);
    EXPECT_NEAR(others[0].end - others[0].start, 1.0, 0.3);
    for (const RequestRecord &record : run.requests)
        EXPECT_NE(record.serverWorker, other.worker) << "the run's requests got the other worker";
}
