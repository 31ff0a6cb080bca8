#include "results/timelinespans.h"
#include "spanchecks.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::poolRun;
using reqlanes::testing::syntheticRun;

namespace {

RequestRecord stamped(std::initializer_list<std::pair<Phase, int>> phasesMs) {
    RequestRecord record;
    for (const auto &[phase, ms] : phasesMs)
        record.at[int(phase)] = ms * kMs;
    return record;
}

std::vector<Span> spansOf(const RequestRecord &record, Nanos openEnd = 0) {
    std::vector<Span> spans;
    appendRequestSpans(record, openEnd, spans);
    return spans;
}

} // namespace

TEST(RequestSpans, EveryPhaseGetsItsColourInOrder) {
    RequestRecord record = stamped({{Phase::Created, 0},
                                    {Phase::Acquired, 100},
                                    {Phase::ConnectStart, 100},
                                    {Phase::Connected, 110},
                                    {Phase::Sent, 110},
                                    {Phase::ServerAccept, 110},
                                    {Phase::ServerStart, 300},
                                    {Phase::ServerEnd, 1300},
                                    {Phase::FirstByte, 1301},
                                    {Phase::Done, 1310}});
    record.status = RequestStatus::Ok;
    const std::vector<Span> spans = spansOf(record);
    ASSERT_EQ(spans.size(), 5u);
    EXPECT_EQ(spans[0].kind, SpanKind::Waiting);
    EXPECT_EQ(spans[1].kind, SpanKind::Connecting);
    EXPECT_EQ(spans[2].kind, SpanKind::Queued);
    EXPECT_EQ(spans[3].kind, SpanKind::ServerWork);
    EXPECT_EQ(spans[4].kind, SpanKind::Receiving);
    EXPECT_DOUBLE_EQ(spans[2].start, 0.110);
    EXPECT_DOUBLE_EQ(spans[2].end, 0.300);
    EXPECT_DOUBLE_EQ(spans[4].end, 1.310);
}

TEST(RequestSpans, GapsBetweenKnownPhasesAreInFlight) {
    // qnam: no client-side connect, the server's view only.
    RequestRecord record = stamped({{Phase::Created, 0},
                                    {Phase::ServerAccept, 50},
                                    {Phase::ServerStart, 50},
                                    {Phase::ServerEnd, 150},
                                    {Phase::Done, 160}});
    record.status = RequestStatus::Ok;
    const std::vector<Span> spans = spansOf(record);
    ASSERT_EQ(spans.size(), 3u);
    EXPECT_EQ(spans[0].kind, SpanKind::InFlight);
    EXPECT_EQ(spans[1].kind, SpanKind::ServerWork);
    EXPECT_EQ(spans[2].kind, SpanKind::Receiving);
}

TEST(RequestSpans, AServerAcceptBeforeTheClientSeesConnectedCountsAsQueued) {
    RequestRecord record = stamped({{Phase::Created, 0},
                                    {Phase::ConnectStart, 0},
                                    {Phase::ServerAccept, 1},
                                    {Phase::Connected, 2},
                                    {Phase::ServerStart, 500},
                                    {Phase::ServerEnd, 600},
                                    {Phase::Done, 601}});
    record.status = RequestStatus::Ok;
    const std::vector<Span> spans = spansOf(record);
    ASSERT_GE(spans.size(), 3u);
    EXPECT_EQ(spans[1].kind, SpanKind::Queued);
    EXPECT_DOUBLE_EQ(spans[1].start, 0.001);
    EXPECT_DOUBLE_EQ(spans[1].end, 0.500);
}

TEST(RequestSpans, AnUnfinishedRequestGrowsToNow) {
    const RequestRecord record =
        stamped({{Phase::Created, 0}, {Phase::ServerAccept, 10}, {Phase::ServerStart, 20}});
    const std::vector<Span> early = spansOf(record, 100 * kMs);
    const std::vector<Span> later = spansOf(record, 700 * kMs);
    ASSERT_FALSE(early.empty());
    EXPECT_EQ(early.back().kind, SpanKind::ServerWork);
    EXPECT_DOUBLE_EQ(early.back().end, 0.1);
    EXPECT_DOUBLE_EQ(later.back().end, 0.7);
}

TEST(RequestSpans, ARequestNotCreatedYetHasNoSpans) {
    EXPECT_TRUE(spansOf(RequestRecord{}, 100 * kMs).empty());
}

TEST(TimelineSpans, ByRequestHasOneBarPerRequest) {
    const TimelineSpans spans = buildTimelineSpans(syntheticRun(9, 3, 100), LaneGrouping::Request);
    EXPECT_EQ(spans.laneCount(), 9);
    EXPECT_EQ(spans.rowCount(), 9);
    for (const TimelineRow &row : spans.rows)
        EXPECT_EQ(row.bars.size(), 1u);
    EXPECT_NEAR(spans.endS, 0.302, 1e-9);
    // Numbered lanes are named when asked (1M names up front were a fifth of a rebuild).
    EXPECT_EQ(spans.lanes[3].request, 3);
    EXPECT_EQ(spans.lanes[3].labelText(), QStringLiteral("request 3"));
    EXPECT_EQ(spans.lanes[3].keyText(), QStringLiteral("request:3"));
}

// A painter folding 100 rows into one pixel row reads TimelineRow::failed instead of every bar.
TEST(TimelineSpans, ARowKnowsWhetherARequestOnItFailed) {
    reqlanes::Run run = syntheticRun(3, 3, 100, true);
    run.requests[1].status = RequestStatus::Timeout;
    run.requests[2].status = RequestStatus::Cancelled; // the user's stop is not a failure
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    ASSERT_EQ(byRequest.rowCount(), 3);
    EXPECT_FALSE(byRequest.rows[0].failed);
    EXPECT_TRUE(byRequest.rows[1].failed);
    EXPECT_FALSE(byRequest.rows[2].failed);
    const TimelineSpans byThread = buildTimelineSpans(run, LaneGrouping::Thread);
    ASSERT_EQ(byThread.rowCount(), 1);
    EXPECT_TRUE(byThread.rows[0].failed);
}

TEST(TimelineSpans, SyncByThreadIsOneLaneWithBackToBackBars) {
    const TimelineSpans spans =
        buildTimelineSpans(syntheticRun(3, 3, 100, true), LaneGrouping::Thread);
    ASSERT_EQ(spans.laneCount(), 1);
    EXPECT_EQ(spans.rowCount(), 1);
    EXPECT_EQ(spans.rows[0].bars.size(), 3u);
    EXPECT_EQ(spans.lanes[0].label, QStringLiteral("thread 4242"));
}

TEST(TimelineSpans, OverlappingRequestsOnOneLaneGetSubRows) {
    // Three requests in flight at once on one thread (an event loop): three sub-rows.
    reqlanes::Run run = syntheticRun(3, 3, 100);
    for (RequestRecord &record : run.requests)
        record.threadId = 77;
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::Thread);
    ASSERT_EQ(spans.laneCount(), 1);
    EXPECT_EQ(spans.lanes[0].rowCount, 3);
    EXPECT_TRUE(spans.lanes[0].stacked) << "the legend says why the lane has sub-rows";
    EXPECT_TRUE(spans.anyStacked());
    for (const TimelineRow &row : spans.rows) {
        EXPECT_EQ(row.bars.size(), 1u);
        for (std::size_t i = 1; i < row.spans.size(); ++i)
            EXPECT_LE(row.spans[i - 1].end, row.spans[i].start);
    }
}

TEST(TimelineSpans, RowsStaySortedAndNeverOverlap) {
    reqlanes::Run run = syntheticRun(60, 4, 50);
    for (RequestRecord &record : run.requests)
        record.threadId = 1 + record.id % 5;
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::Thread);
    int bars = 0;
    for (const TimelineRow &row : spans.rows) {
        bars += int(row.bars.size());
        for (std::size_t i = 1; i < row.bars.size(); ++i)
            EXPECT_LE(row.bars[i - 1].end, row.bars[i].start);
    }
    EXPECT_EQ(bars, 60);
}

TEST(TimelineSpans, ProcessStartUpIsASpanOnItsLane) {
    reqlanes::Run run = syntheticRun(2, 2, 100);
    run.laneEvents = {{LaneEventKind::ProcessSpawned, 0, 0, 4240, 0, {}},
                      {LaneEventKind::ProcessReady, 40 * kMs, 0, 4240, 0, {}}};
    for (RequestRecord &record : run.requests)
        for (Nanos &at : record.at)
            at += 50 * kMs;
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::Process);
    ASSERT_EQ(spans.laneCount(), 1);
    bool sawStartUp = false;
    for (const TimelineRow &row : spans.rows)
        for (const Span &span : row.spans)
            if (span.kind == SpanKind::StartUp) {
                sawStartUp = true;
                EXPECT_DOUBLE_EQ(span.start, 0);
                EXPECT_DOUBLE_EQ(span.end, 0.04);
            }
    EXPECT_TRUE(sawStartUp);
    EXPECT_EQ(spans.marks.size(), 2u);
}

namespace {

// One request with a 500 ms client deadline against a 1000 ms handler: done at 500, the
// server's end at 1001.
RequestRecord timedOut(int id) {
    RequestRecord r = stamped({{Phase::Created, 0},
                               {Phase::Acquired, 0},
                               {Phase::ConnectStart, 0},
                               {Phase::Connected, 0},
                               {Phase::Sent, 0},
                               {Phase::ServerAccept, 0},
                               {Phase::ServerStart, 1},
                               {Phase::ServerEnd, 1001},
                               {Phase::Done, 500}});
    r.id = id;
    r.status = RequestStatus::Timeout;
    r.threadId = 77;
    r.processId = 4240;
    r.serverWorker = std::int16_t(id);
    return r;
}

} // namespace

// Design: a thread lane answers "what was this thread doing"; a slot wait is on no thread yet.
TEST(TimelineSpans, PoolThreadLanesAreOneRowOfBusyTimeWithoutSlotWaits) {
    const reqlanes::Run run = poolRun(9, 3, 100);
    const TimelineSpans byThread = buildTimelineSpans(run, LaneGrouping::Thread);
    ASSERT_EQ(byThread.laneCount(), 3);
    for (const TimelineLane &lane : byThread.lanes) {
        EXPECT_EQ(lane.rowCount, 1) << lane.label.toStdString();
        EXPECT_FALSE(lane.stacked);
    }
    EXPECT_FALSE(byThread.anyStacked());
    EXPECT_TRUE(spansOfKind(byThread, SpanKind::Waiting).empty());
    expectRowsDoNotOverlap(byThread);
    // Each thread's bars start when it took the request, back to back.
    const TimelineRow &first = byThread.rows[0];
    ASSERT_EQ(first.bars.size(), 3u);
    EXPECT_NEAR(first.bars[1].start, 0.102, 1e-9);
    EXPECT_NEAR(first.spans.front().start, 0, 1e-9);

    // The wait is still there, on the requests' own lanes.
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    EXPECT_EQ(spansOfKind(byRequest, SpanKind::Waiting).size(), 6u);
}

TEST(TimelineSpans, EveryWorkerOfTheEmbeddedSyncServerHasALaneIdleOnesToo) {
    reqlanes::Run run = syntheticRun(3, 3, 100, true);
    for (RequestRecord &record : run.requests)
        record.serverWorker = 0; // one at a time: the server always picks worker 0
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    ASSERT_EQ(spans.laneCount(), 3);
    EXPECT_EQ(spans.lanes[1].label, QStringLiteral("worker 1"));
    EXPECT_EQ(spans.lanes[2].key, QStringLiteral("worker:2"));
    EXPECT_EQ(spans.rows[std::size_t(spans.lanes[0].firstRow)].spans.size(), 3u);
    EXPECT_TRUE(spans.rows[std::size_t(spans.lanes[1].firstRow)].spans.empty());
    EXPECT_TRUE(spans.rows[std::size_t(spans.lanes[2].firstRow)].spans.empty());
    // A worker is busy only while it serves: no client phases on its lane.
    for (const TimelineRow &row : spans.rows)
        for (const Span &span : row.spans)
            EXPECT_EQ(span.kind, SpanKind::ServerWork);
}

TEST(TimelineSpans, AnExternalTargetHasOnlyTheWorkersItNamed) {
    reqlanes::Run run = syntheticRun(2, 3, 100, true);
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    EXPECT_EQ(buildTimelineSpans(run, LaneGrouping::ServerWorker).laneCount(), 2);
}

// Design, "Ends, failures and what the server keeps doing": a request ends at done.
TEST(TimelineSpans, ATimedOutRequestEndsAtDoneAndTheServerWorkAfterIsAGhost) {
    RequestRecord record = timedOut(0);
    EXPECT_EQ(requestExtent(record, 2000 * kMs).end, 500 * kMs);
    const std::vector<Span> own = spansOf(record, 2000 * kMs);
    ASSERT_FALSE(own.empty());
    EXPECT_DOUBLE_EQ(own.back().end, 0.5);
    for (const Span &span : own)
        EXPECT_NE(span.kind, SpanKind::Abandoned);

    reqlanes::Run run;
    run.requests = {record};
    run.elapsed = 1001 * kMs;
    run.finished = true;
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    ASSERT_EQ(byRequest.rowCount(), 1);
    ASSERT_EQ(byRequest.rows[0].bars.size(), 1u);
    EXPECT_DOUBLE_EQ(byRequest.rows[0].bars[0].end, 0.5);
    EXPECT_EQ(byRequest.rows[0].spans.back().kind, SpanKind::Abandoned);
    EXPECT_DOUBLE_EQ(byRequest.rows[0].spans.back().start, 0.5);
    EXPECT_DOUBLE_EQ(byRequest.rows[0].spans.back().end, 1.001);
    expectRowsDoNotOverlap(byRequest);

    // The worker kept serving: occupancy on its lane, up to the server's real end.
    const TimelineSpans byWorker = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    const std::vector<Span> ghost = spansOfKind(byWorker, SpanKind::Abandoned);
    ASSERT_EQ(ghost.size(), 1u);
    EXPECT_DOUBLE_EQ(ghost[0].start, 0.5);
    EXPECT_DOUBLE_EQ(ghost[0].end, 1.001);
    const std::vector<Span> served = spansOfKind(byWorker, SpanKind::ServerWork);
    ASSERT_EQ(served.size(), 1u);
    EXPECT_DOUBLE_EQ(served[0].end, 0.5);

    // The client thread was free again at done.
    const TimelineSpans byThread = buildTimelineSpans(run, LaneGrouping::Thread);
    EXPECT_TRUE(spansOfKind(byThread, SpanKind::Abandoned).empty());
    EXPECT_DOUBLE_EQ(byThread.rows[0].spans.back().end, 0.5);
}

TEST(TimelineSpans, AbandonedWorkWithoutAKnownServerEndRunsToTheRunsEnd) {
    RequestRecord record = timedOut(0);
    record.at[int(Phase::ServerEnd)] = kUnset; // the run ended before the handler did
    const RequestExtent ghost = abandonedWork(record, 700 * kMs);
    EXPECT_EQ(ghost.start, 500 * kMs);
    EXPECT_EQ(ghost.end, 700 * kMs);
    EXPECT_EQ(abandonedWork(stamped({{Phase::Created, 0}, {Phase::Done, 5}}), 700 * kMs).start,
              kUnset);
}

TEST(TimelineSpans, OutsideTrafficIsDrawnOnTheWorkerThatServedIt) {
    reqlanes::Run run = syntheticRun(1, 2, 100, true);
    OutsideRequest outside;
    outside.accepted = 0;
    outside.started = 10 * kMs;
    outside.ended = 90 * kMs;
    outside.worker = 1;
    outside.httpStatus = 200;
    run.outsideRequests.push_back(outside);
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::ServerWorker);
    ASSERT_EQ(spans.laneCount(), 2);
    const TimelineRow &worker1 = spans.rows[std::size_t(spans.lanes[1].firstRow)];
    ASSERT_EQ(worker1.spans.size(), 1u);
    EXPECT_EQ(worker1.spans[0].kind, SpanKind::OtherClient);
    EXPECT_EQ(worker1.spans[0].request, -1);
    EXPECT_DOUBLE_EQ(worker1.spans[0].end, 0.09);
    EXPECT_TRUE(worker1.bars.empty()) << "no request of ours to hover";
    // Not on the client's lanes.
    EXPECT_TRUE(
        spansOfKind(buildTimelineSpans(run, LaneGrouping::Thread), SpanKind::OtherClient).empty());
}
