#include "syntheticrun.h"
#include "timelinespans.h"

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
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
