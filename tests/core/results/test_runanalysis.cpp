// The shared analysis of a snapshot (results/runanalysis) and the incremental span update under
// it (updateRequestSpans): a later snapshot of the same run gives exactly what a rebuild gives,
// while cutting again only the requests that changed.
#include "results/runanalysis.h"
#include "results/timelinespans.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

namespace {

// The run as a live snapshot at `at` showed it: later stamps not made yet, unfinished requests
// pending.
Run snapshotAt(const Run &whole, Nanos at) {
    Run run = whole;
    run.finished = false;
    run.elapsed = at;
    for (RequestRecord &record : run.requests) {
        for (Nanos &stamp : record.at)
            if (stamp > at)
                stamp = kUnset;
        if (!record.has(Phase::Done)) {
            record.status = RequestStatus::Pending;
            record.httpStatus = 0;
        }
    }
    return run;
}

// Nine requests on three sync workers (queues that grow past the queueing threshold while
// open), one of which times out while the server still works on it (abandoned work, open until
// the handler ends).
Run lessonRun() {
    Run run = syntheticRun(9, 3, 100);
    RequestRecord &late = run.requests[7];
    late.at[int(Phase::Done)] = late.phase(Phase::ServerStart) + 20 * kMs;
    late.at[int(Phase::FirstByte)] = kUnset;
    late.status = RequestStatus::Timeout;
    late.httpStatus = 0;
    return run;
}

void expectSameSpans(const TimelineSpans &actual, const TimelineSpans &expected) {
    ASSERT_EQ(actual.rows.size(), expected.rows.size());
    EXPECT_EQ(actual.spanCount, expected.spanCount);
    EXPECT_DOUBLE_EQ(actual.endS, expected.endS);
    for (std::size_t r = 0; r < expected.rows.size(); ++r) {
        const TimelineRow &a = actual.rows[r], &e = expected.rows[r];
        ASSERT_EQ(a.spans.size(), e.spans.size()) << "row " << r;
        for (std::size_t s = 0; s < e.spans.size(); ++s) {
            EXPECT_DOUBLE_EQ(a.spans[s].start, e.spans[s].start) << "row " << r << " span " << s;
            EXPECT_DOUBLE_EQ(a.spans[s].end, e.spans[s].end) << "row " << r << " span " << s;
            EXPECT_EQ(a.spans[s].kind, e.spans[s].kind) << "row " << r << " span " << s;
            EXPECT_EQ(a.spans[s].request, e.spans[s].request);
        }
        EXPECT_EQ(a.failed, e.failed) << "row " << r;
        ASSERT_EQ(a.bars.size(), e.bars.size()) << "row " << r;
        for (std::size_t b = 0; b < e.bars.size(); ++b) {
            EXPECT_DOUBLE_EQ(a.bars[b].start, e.bars[b].start);
            EXPECT_DOUBLE_EQ(a.bars[b].end, e.bars[b].end);
            EXPECT_EQ(a.bars[b].status, e.bars[b].status);
        }
    }
}

} // namespace

TEST(UpdateRequestSpans, EveryFrameEqualsARebuildOfThatSnapshot) {
    const reqlanes::Run whole = lessonRun();
    reqlanes::Run previous = snapshotAt(whole, 0);
    TimelineSpans spans = buildTimelineSpans(previous, LaneGrouping::Request);
    int frames = 0;
    for (Nanos at = 7 * kMs; at < whole.elapsed + 30 * kMs; at += 7 * kMs, ++frames) {
        const reqlanes::Run next = snapshotAt(whole, at);
        ASSERT_GE(updateRequestSpans(spans, previous, next), 0) << "at " << at;
        expectSameSpans(spans, buildTimelineSpans(next, LaneGrouping::Request));
        previous = next;
    }
    EXPECT_GT(frames, 40);
}

// Rows that ended are read once more to learn they no longer grow, then left alone; rows still
// open keep growing with each snapshot, and every frame still equals a rebuild.
TEST(UpdateRequestSpans, RowsThatEndedAreLeftAloneAndOpenOnesGrow) {
    const reqlanes::Run whole = lessonRun();
    reqlanes::Run previous = snapshotAt(whole, 150 * kMs);
    TimelineSpans spans = buildTimelineSpans(previous, LaneGrouping::Request);
    for (const Nanos at : {152 * kMs, 154 * kMs, 156 * kMs}) {
        const reqlanes::Run next = snapshotAt(whole, at);
        ASSERT_GE(updateRequestSpans(spans, previous, next), 0) << "at " << at;
        expectSameSpans(spans, buildTimelineSpans(next, LaneGrouping::Request));
        previous = next;
    }
    // 0..2 ended at about 100 ms; 3..8 are served or queued at 156 ms.
    for (std::size_t id = 0; id < 3; ++id)
        EXPECT_FALSE(spans.rows[id].growing) << "request " << id;
    for (std::size_t id = 3; id < 9; ++id)
        EXPECT_TRUE(spans.rows[id].growing) << "request " << id;
}

TEST(UpdateRequestSpans, RebuildsOnlyTheRequestsThatChanged) {
    const reqlanes::Run whole = lessonRun();
    // Between 150 and 160 ms only requests 3..5 change (their handlers start at 101 ms, end at
    // 201 ms); 6..8 wait in the queue and 0..2 ended long before.
    const reqlanes::Run before = snapshotAt(whole, 150 * kMs);
    reqlanes::Run after = snapshotAt(whole, 160 * kMs);
    after.requests[4].at[int(Phase::ServerEnd)] = 155 * kMs; // one request gains a phase
    TimelineSpans spans = buildTimelineSpans(before, LaneGrouping::Request);
    EXPECT_EQ(updateRequestSpans(spans, before, after), 1);
    expectSameSpans(spans, buildTimelineSpans(after, LaneGrouping::Request));
}

TEST(UpdateRequestSpans, RefusesWhatItCannotDoInPlace) {
    const reqlanes::Run whole = lessonRun();
    const reqlanes::Run before = snapshotAt(whole, 150 * kMs);
    TimelineSpans byThread = buildTimelineSpans(before, LaneGrouping::Thread);
    EXPECT_EQ(updateRequestSpans(byThread, before, snapshotAt(whole, 160 * kMs)), -1);
    TimelineSpans byRequest = buildTimelineSpans(before, LaneGrouping::Request);
    EXPECT_EQ(updateRequestSpans(byRequest, before, snapshotAt(whole, 100 * kMs)), -1)
        << "time went backwards";
    reqlanes::Run fewer = snapshotAt(whole, 160 * kMs);
    fewer.requests.pop_back();
    EXPECT_EQ(updateRequestSpans(byRequest, before, fewer), -1) << "a request went missing";
}

// A watch session grows: requests arrive between frames, some named by the client
// (X-Request-Id), some numbered. Each frame gives what a rebuild gives, the new requests' lanes
// appended, and only the new and changed requests are cut.
TEST(UpdateRequestSpans, AGrowingSessionsNewRequestsGetLanesAsARebuildGivesThem) {
    reqlanes::Run whole = lessonRun();
    for (std::size_t i = 0; i < whole.requests.size(); ++i) {
        RequestOrigin origin;
        origin.connection = int(i);
        if (i % 3 == 1)
            origin.requestId = QStringLiteral("job-%1").arg(i);
        whole.origins.push_back(origin);
    }
    const auto firstRequests = [&whole](Nanos at, std::size_t count) {
        reqlanes::Run run = snapshotAt(whole, at);
        run.requests.resize(count);
        run.origins.resize(count);
        return run;
    };
    reqlanes::Run previous = firstRequests(150 * kMs, 4);
    TimelineSpans spans = buildTimelineSpans(previous, LaneGrouping::Request);
    for (std::size_t count = 5; count <= whole.requests.size(); ++count) {
        const reqlanes::Run next = firstRequests(Nanos(150 + count) * kMs, count);
        const int rebuilt = updateRequestSpans(spans, previous, next);
        ASSERT_GE(rebuilt, 1) << count << " requests";
        EXPECT_LT(rebuilt, int(count)) << "the requests that did not change are kept";
        const TimelineSpans expected = buildTimelineSpans(next, LaneGrouping::Request);
        expectSameSpans(spans, expected);
        ASSERT_EQ(spans.lanes.size(), count);
        EXPECT_TRUE(sameLanes(spans, expected));
        for (std::size_t lane = 0; lane < count; ++lane) {
            EXPECT_EQ(spans.lanes[lane].labelText(), expected.lanes[lane].labelText());
            EXPECT_EQ(spans.lanes[lane].keyText(), expected.lanes[lane].keyText());
            EXPECT_EQ(spans.rows[lane].lane, expected.rows[lane].lane);
        }
        previous = next;
    }
    reqlanes::Run renamed = firstRequests(200 * kMs, whole.requests.size());
    renamed.origins[0].requestId = QStringLiteral("late-name");
    EXPECT_EQ(updateRequestSpans(spans, previous, renamed), -1) << "a lane drawn was renamed";
}

TEST(RunAnalyzer, LaterSnapshotsOfOneRunAreAnalysedIncrementally) {
    const reqlanes::Run whole = lessonRun();
    RunAnalyzer analyzer;
    const std::shared_ptr<const RunAnalysis> shared =
        analyzer.analyze(snapshotAt(whole, 150 * kMs));
    EXPECT_TRUE(shared->lanesChanged);
    EXPECT_EQ(shared->rowsRebuilt, 9);
    analyzer.analyze(snapshotAt(whole, 152 * kMs));
    EXPECT_FALSE(shared->lanesChanged) << "the views were handed the same, updated analysis";
    EXPECT_EQ(shared->rowsRebuilt, 0) << "nothing was stamped between 150 and 152 ms";
    EXPECT_EQ(shared->run.elapsed, 152 * kMs);
    EXPECT_EQ(shared->stats.peakInFlight, computeStats(shared->run).peakInFlight);
    EXPECT_EQ(shared->inFlight.size(), clientInFlight(shared->run).size());
    EXPECT_EQ(shared->busyWorkers.size(), busyServerWorkers(shared->run).size());
}

// What RunSession hands over with a snapshot: the records that differ from the one before.
RunChanges changesBetween(const reqlanes::Run &before, const reqlanes::Run &after,
                          std::uint64_t from, std::uint64_t to) {
    RunChanges changes{1, from, to, false, {}, {}};
    for (std::size_t id = 0; id < after.requests.size(); ++id)
        if (id >= before.requests.size() || !(before.requests[id] == after.requests[id]))
            changes.requests.push_back(int(id));
    return changes;
}

TEST(RunAnalyzer, TheChangedRecordsOfEachSnapshotBringItsCopyUpToDate) {
    const reqlanes::Run whole = lessonRun();
    RunAnalyzer analyzer;
    reqlanes::Run previous = snapshotAt(whole, 0);
    RunChanges first{1, 0, 1, true, {}, {}};
    const std::shared_ptr<const RunAnalysis> shared = analyzer.analyze(previous, &first);
    std::uint64_t serial = 1;
    int frames = 0, rebuiltRows = 0, changedRows = 0;
    for (Nanos at = 7 * kMs; at < whole.elapsed; at += 7 * kMs, ++frames) {
        const reqlanes::Run next = snapshotAt(whole, at);
        const RunChanges changes = changesBetween(previous, next, serial, serial + 1);
        ++serial;
        analyzer.analyze(next, &changes);
        ASSERT_EQ(shared->run, next) << "at " << at;
        // Every changed record is cut again; an unchanged one only when its queue starts to
        // count as queueing.
        EXPECT_GE(shared->rowsRebuilt, int(changes.requests.size()));
        rebuiltRows += shared->rowsRebuilt;
        changedRows += int(changes.requests.size());
        expectSameSpans(shared->spans, buildTimelineSpans(next, LaneGrouping::Request));
        EXPECT_EQ(shared->stats.finished(), next.finishedCount());
        previous = next;
    }
    EXPECT_GT(frames, 30);
    EXPECT_LT(rebuiltRows, frames * 9 / 4) << "most rows of most frames were not cut again";
    EXPECT_LE(rebuiltRows, changedRows + 9);

    // Changes relative to a snapshot the analyzer does not hold are not trusted: it takes the
    // run whole (here the changes name nothing, yet three requests ended meanwhile).
    const reqlanes::Run later = snapshotAt(whole, whole.elapsed);
    const RunChanges stale{1, serial + 5, serial + 6, false, {}, {}};
    analyzer.analyze(later, &stale);
    EXPECT_EQ(shared->run, later);
    expectSameSpans(shared->spans, buildTimelineSpans(later, LaneGrouping::Request));
}

// A pool run with what other groupings draw besides requests: a worker process starting up
// (spawned, ready), one that never says hello, and another client's request on a worker, one
// still queued past the run's end.
reqlanes::Run richPoolRun() {
    reqlanes::Run run = reqlanes::testing::poolRun(9, 3, 100);
    run.laneEvents = {{LaneEventKind::ThreadStarted, 0, 100, 4240, 0, {}},
                      {LaneEventKind::ProcessSpawned, 10 * kMs, 0, 4300, 1, {}},
                      {LaneEventKind::ProcessReady, 60 * kMs, 0, 4300, 1, {}},
                      {LaneEventKind::ProcessSpawned, 90 * kMs, 0, 4301, 2, {}}};
    OutsideRequest outside;
    outside.requestId = QStringLiteral("curl-1");
    outside.accepted = 20 * kMs;
    outside.started = 25 * kMs;
    outside.ended = 180 * kMs;
    outside.worker = 1;
    outside.httpStatus = 200;
    run.outsideRequests = {outside};
    return run;
}

// A live snapshot at `at`: truncateRun, and the outside request as the server knew it then.
reqlanes::Run liveAt(const reqlanes::Run &whole, Nanos at) {
    reqlanes::Run run = truncateRun(whole, at);
    std::erase_if(run.outsideRequests, [at](const OutsideRequest &o) { return o.accepted > at; });
    for (OutsideRequest &outside : run.outsideRequests)
        for (Nanos *stamp : {&outside.started, &outside.ended})
            if (*stamp > at)
                *stamp = kUnset;
    return run;
}

// Drives an analyzer of `grouping` through `whole` as live snapshots `step` apart, each handed
// over with the changes RunSession would name, and after each checks that the analysis draws
// what a rebuild draws; then calls `count(analysis, rebuilt)`.
template <typename Count>
void analyseEveryFrame(const reqlanes::Run &whole, LaneGrouping grouping, Nanos step, Count count) {
    RunAnalyzer analyzer(grouping);
    reqlanes::Run previous = liveAt(whole, 0);
    RunChanges first{1, 0, 1, true, {}, {}};
    const std::shared_ptr<const RunAnalysis> shared = analyzer.analyze(previous, &first);
    std::uint64_t serial = 1;
    for (Nanos at = step; at < whole.elapsed; at += step) {
        const reqlanes::Run next = liveAt(whole, at);
        const RunChanges changes = changesBetween(previous, next, serial, serial + 1);
        ++serial;
        analyzer.analyze(next, &changes);
        const TimelineSpans rebuilt = buildTimelineSpans(next, grouping);
        ASSERT_EQ(shared->spans.laneCount(), rebuilt.laneCount()) << "at " << at;
        EXPECT_EQ(shared->spans.marks.size(), rebuilt.marks.size());
        expectSameSpans(shared->spans, rebuilt);
        if (::testing::Test::HasFailure())
            return;
        count(*shared, rebuilt);
        previous = next;
    }
}

TEST(RunAnalyzer, InEveryGroupingAFrameInWhichOnlyTimeMovedGrowsAsARebuildWould) {
    for (const LaneGrouping grouping :
         {LaneGrouping::Thread, LaneGrouping::Process, LaneGrouping::ServerWorker}) {
        SCOPED_TRACE(laneGroupingName(grouping).toStdString());
        int frames = 0, grown = 0;
        analyseEveryFrame(richPoolRun(), grouping, 3 * kMs,
                          [&](const RunAnalysis &analysis, const TimelineSpans &) {
                              ++frames;
                              grown += analysis.rowsRebuilt == 0 ? 1 : 0;
                          });
        EXPECT_GT(grown, frames / 2) << "most frames of 100 ms handlers only grow";
        EXPECT_LT(grown, frames) << "frames in which something happened are cut again";
    }
}

TEST(GrowOpenEnds, RefusesAFrameInWhichMoreThanTimeMovedOn) {
    const reqlanes::Run whole = richPoolRun();
    const reqlanes::Run before = liveAt(whole, 30 * kMs);
    TimelineSpans spans = buildTimelineSpans(before, LaneGrouping::Process);
    const TimelineSpans kept = spans;
    reqlanes::Run later = liveAt(whole, 40 * kMs);
    EXPECT_TRUE(growOpenEnds(spans, before, later));

    spans = kept;
    reqlanes::Run stamped = later;
    stamped.requests[4].at[int(Phase::Created)] = 1; // a record changed
    EXPECT_FALSE(growOpenEnds(spans, before, stamped));
    reqlanes::Run evented = later;
    evented.laneEvents.push_back({LaneEventKind::ThreadStarted, 35 * kMs, 101, 4240, 1, {}});
    EXPECT_FALSE(growOpenEnds(spans, before, evented)) << "a lane event came";
    reqlanes::Run ended = later;
    ended.finished = true;
    EXPECT_FALSE(growOpenEnds(spans, before, ended)) << "a finished run closes what was open";
    const std::vector<int> changed{2};
    EXPECT_FALSE(growOpenEnds(spans, before, later, &changed));
    const reqlanes::Run earlier = liveAt(whole, 20 * kMs);
    EXPECT_FALSE(growOpenEnds(spans, before, earlier)) << "time going backwards";
    expectSameSpans(spans, kept);
}

namespace {

// An event loop's run: 40 requests on one thread, created 2 ms apart, in flight together for
// 30-80 ms each (so its lane stacks, and rows freed by early ones are taken again), served by an
// async server's lowest free handler slot; one times out while the server still works on it, one
// is refused while connecting.
reqlanes::Run eventLoopRun() {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async");
    run.scenario.n = 40;
    run.scenario.server.mode = ServerMode::Async;
    run.scenario.server.latencyMs = 50;
    run.startedAt = QDateTime::fromMSecsSinceEpoch(1700000000000);
    for (int i = 0; i < 40; ++i) {
        RequestRecord r;
        r.id = i;
        const Nanos created = i * 2 * kMs, serverStart = created + kMs;
        r.at[int(Phase::Created)] = created;
        r.at[int(Phase::ConnectStart)] = created;
        r.at[int(Phase::Connected)] = created + kMs / 2;
        r.at[int(Phase::Sent)] = created + kMs / 2;
        r.at[int(Phase::ServerAccept)] = created + kMs / 2;
        r.at[int(Phase::ServerStart)] = serverStart;
        r.at[int(Phase::ServerEnd)] = serverStart + (30 + (i * 7) % 50) * kMs;
        r.at[int(Phase::FirstByte)] = r.at[int(Phase::ServerEnd)] + kMs / 2;
        r.at[int(Phase::Done)] = r.at[int(Phase::ServerEnd)] + kMs;
        r.status = RequestStatus::Ok;
        r.httpStatus = 200;
        r.threadId = 4242;
        r.processId = 4240;
        r.serverWorker = std::int16_t(i % 6);
        run.requests.push_back(r);
    }
    RequestRecord &late = run.requests[11];
    late.at[int(Phase::Done)] = late.phase(Phase::ServerStart) + 20 * kMs;
    late.at[int(Phase::FirstByte)] = kUnset;
    late.status = RequestStatus::Timeout;
    late.httpStatus = 0;
    RequestRecord &refused = run.requests[23];
    for (const Phase phase : {Phase::Connected, Phase::Sent, Phase::ServerAccept,
                              Phase::ServerStart, Phase::ServerEnd, Phase::FirstByte})
        refused.at[int(phase)] = kUnset;
    refused.at[int(Phase::Done)] = refused.phase(Phase::ConnectStart) + kMs;
    refused.status = RequestStatus::Refused;
    refused.httpStatus = 0;
    refused.serverWorker = -1;
    for (const RequestRecord &r : run.requests)
        run.elapsed = std::max(run.elapsed, r.phase(Phase::Done));
    run.finished = true;
    return run;
}

} // namespace

// Frames in which records changed: placed items keep their rows and only what came since is
// placed, and every such frame still draws what a rebuild draws.
TEST(UpdatePlacedSpans, EveryFrameOfALiveRunDrawsWhatARebuildDraws) {
    struct Case {
        const char *name;
        reqlanes::Run whole;
    };
    const std::vector<Case> cases = {{"event loop", eventLoopRun()},
                                     {"pool", reqlanes::testing::poolRun(12, 3, 40)},
                                     {"threads", syntheticRun(9, 3, 60)}};
    for (const Case &c : cases) {
        for (const LaneGrouping grouping :
             {LaneGrouping::Thread, LaneGrouping::Process, LaneGrouping::ServerWorker}) {
            SCOPED_TRACE(std::string(c.name) + " by " + laneGroupingName(grouping).toStdString());
            reqlanes::Run previous = liveAt(c.whole, 0);
            TimelineSpans spans = buildTimelineSpans(previous, grouping);
            int changedFrames = 0, updated = 0;
            for (Nanos at = kMs; at <= c.whole.elapsed + kMs; at += kMs) {
                const reqlanes::Run next = liveAt(c.whole, at);
                const RunChanges changes = changesBetween(previous, next, 1, 2);
                const TimelineSpans rebuilt = buildTimelineSpans(next, grouping);
                if (!changes.requests.empty()) {
                    ++changedFrames;
                    const int cut = updatePlacedSpans(spans, layoutLanes(next, grouping), previous,
                                                      next, &changes.requests);
                    if (cut >= 0) {
                        ++updated;
                        ASSERT_EQ(spans.laneCount(), rebuilt.laneCount()) << "at " << at;
                        for (int lane = 0; lane < rebuilt.laneCount(); ++lane) {
                            EXPECT_EQ(spans.lanes[std::size_t(lane)].firstRow,
                                      rebuilt.lanes[std::size_t(lane)].firstRow);
                            EXPECT_EQ(spans.lanes[std::size_t(lane)].stacked,
                                      rebuilt.lanes[std::size_t(lane)].stacked);
                        }
                        EXPECT_EQ(spans.rowOfRequest, rebuilt.rowOfRequest) << "at " << at;
                        expectSameSpans(spans, rebuilt);
                        // Only the rows of changed requests are cut again, and of those stamped
                        // at the old now (they did more than grow).
                        int moved = 0;
                        for (const RequestRecord &record : next.requests)
                            moved +=
                                std::count(record.at.begin(), record.at.end(), previous.elapsed) > 0
                                    ? 1
                                    : 0;
                        EXPECT_LE(cut, int(changes.requests.size()) + moved) << "at " << at;
                    } else {
                        spans = rebuilt;
                    }
                } else if (!growOpenEnds(spans, previous, next, &changes.requests)) {
                    spans = rebuilt;
                }
                if (::testing::Test::HasFailure())
                    return;
                previous = next;
            }
            EXPECT_GE(changedFrames, 5);
            // The first frames (nothing placed yet, a lane appearing) and a thread or worker
            // first seen are rebuilt; the rest are updated.
            EXPECT_GT(updated, changedFrames / 2) << updated << " of " << changedFrames;
        }
    }
}

TEST(UpdatePlacedSpans, RefusesWhatWouldMoveAnItemPlacedAlready) {
    const reqlanes::Run whole = eventLoopRun();
    const LaneGrouping grouping = LaneGrouping::Thread;
    const reqlanes::Run before = liveAt(whole, 30 * kMs);
    const TimelineSpans kept = buildTimelineSpans(before, grouping);
    const reqlanes::Run later = liveAt(whole, 33 * kMs); // request 16 came at 32 ms
    const auto update = [&](const reqlanes::Run &next) {
        TimelineSpans spans = kept;
        const int cut = updatePlacedSpans(spans, layoutLanes(next, grouping), before, next);
        if (cut < 0)
            expectSameSpans(spans, kept); // left untouched
        return cut;
    };
    EXPECT_GE(update(later), 0);

    reqlanes::Run early = later; // request 16 created before request 15 (at 30 ms)
    early.requests[16].at[int(Phase::Created)] = 27 * kMs;
    early.requests[16].at[int(Phase::ConnectStart)] = 27 * kMs;
    EXPECT_EQ(update(early), -1) << "it would sort before an item placed already";
    reqlanes::Run endedEarly = later; // request 3 ends before request 15 started
    RequestRecord &three = endedEarly.requests[3];
    three.at[int(Phase::ServerEnd)] = 27 * kMs;
    three.at[int(Phase::FirstByte)] = 27 * kMs;
    three.at[int(Phase::Done)] = 27 * kMs;
    three.status = RequestStatus::Ok;
    ASSERT_FALSE(before.requests[3].finished());
    EXPECT_EQ(update(endedEarly), -1) << "a later item would have been offered its row";
    reqlanes::Run otherThread = later;
    otherThread.requests[16].threadId = 4243;
    EXPECT_EQ(update(otherThread), -1) << "a new lane";
    reqlanes::Run evented = later;
    evented.laneEvents.push_back({LaneEventKind::ThreadStarted, 30 * kMs, 4242, 4240, 0, {}});
    EXPECT_EQ(update(evented), -1) << "a lane event came";
    reqlanes::Run ended = later;
    ended.finished = true;
    EXPECT_EQ(update(ended), -1) << "a finished run closes what was open";
    EXPECT_EQ(update(liveAt(whole, 29 * kMs)), -1) << "time going backwards";
    TimelineSpans byRequest = buildTimelineSpans(before, LaneGrouping::Request);
    EXPECT_EQ(
        updatePlacedSpans(byRequest, layoutLanes(later, LaneGrouping::Request), before, later), -1)
        << "by request, updateRequestSpans does it";
}

// The analyzer's path for a frame in which records changed, by thread or worker: the lanes are
// laid out for the snapshot and the placed spans updated, not rebuilt, and every frame still draws
// what a rebuild draws.
TEST(RunAnalyzer, InEveryGroupingAFrameInWhichRecordsChangedDrawsWhatARebuildDraws) {
    for (const LaneGrouping grouping : {LaneGrouping::Thread, LaneGrouping::ServerWorker}) {
        SCOPED_TRACE(laneGroupingName(grouping).toStdString());
        int updated = 0; // frames that cut some rows again, not all of them
        analyseEveryFrame(eventLoopRun(), grouping, kMs,
                          [&](const RunAnalysis &analysis, const TimelineSpans &rebuilt) {
                              updated += analysis.rowsRebuilt > 0 &&
                                         analysis.rowsRebuilt < rebuilt.rowCount();
                          });
        EXPECT_GT(updated, 40) << "most of the frames in which a request came or ended";
    }
}

TEST(RunAnalyzer, AnotherRunOrGroupingIsAnalysedWhole) {
    RunAnalyzer analyzer;
    const std::shared_ptr<const RunAnalysis> shared = analyzer.analyze(syntheticRun(9, 3, 100));
    reqlanes::Run other = syntheticRun(6, 3, 100);
    other.startedAt = other.startedAt.addSecs(5);
    analyzer.analyze(other);
    EXPECT_EQ(shared->rowsRebuilt, 6);
    EXPECT_TRUE(shared->lanesChanged);
    analyzer.setGrouping(LaneGrouping::ServerWorker);
    EXPECT_EQ(shared->grouping, LaneGrouping::ServerWorker);
    EXPECT_EQ(shared->spans.laneCount(), 3);
    EXPECT_TRUE(shared->lanesChanged);
}

TEST(RunAnalyzer, FindingsOfASmallLiveRunFollowEverySnapshot) {
    const reqlanes::Run whole = lessonRun();
    RunAnalyzer analyzer;
    const std::shared_ptr<const RunAnalysis> shared = analyzer.analyze(snapshotAt(whole, 5 * kMs));
    const std::vector<Finding> early = shared->findings;
    analyzer.analyze(snapshotAt(whole, 350 * kMs));
    EXPECT_EQ(shared->findings.size(), explainRun(shared->run).size());
    EXPECT_NE(shared->findings.size(), early.size()) << "queueing shows only later";
}

namespace {

QStringList textsOf(const std::vector<Finding> &findings) {
    QStringList texts;
    for (const Finding &finding : findings)
        texts << finding.text;
    return texts;
}

// Analyses `snapshot` again until the findings job has delivered (bounded: a few seconds even
// under sanitizers), then returns what the analysis shows.
QStringList findingsOnceExplained(RunAnalyzer &analyzer, const reqlanes::Run &snapshot) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::shared_ptr<const RunAnalysis> shared = analyzer.analyze(snapshot);
    while (shared->findings.empty() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        shared = analyzer.analyze(snapshot);
    }
    return textsOf(shared->findings);
}

} // namespace

// Explaining 100k requests takes several frames: a big live run's findings come from a worker
// thread, from the frame after they are ready, and are never another run's.
TEST(RunAnalyzer, ABigLiveRunsFindingsAreExplainedOffTheFrameAndAreItsOwn) {
    const int big = RunAnalyzer::kThrottleFindingsAbove + 100;
    const reqlanes::Run first = syntheticRun(big, 3, 100);
    reqlanes::Run second = syntheticRun(big, 30, 200);
    second.startedAt = first.startedAt.addSecs(60);
    const reqlanes::Run firstLive = snapshotAt(first, 2'000 * kMs);
    const reqlanes::Run secondLive = snapshotAt(second, 2'000 * kMs);

    RunAnalyzer analyzer;
    EXPECT_TRUE(analyzer.analyze(firstLive)->findings.empty()) << "explained off the frame";
    const QStringList firstTexts = findingsOnceExplained(analyzer, firstLive);
    ASSERT_FALSE(firstTexts.isEmpty());
    EXPECT_EQ(firstTexts, textsOf(explainRun(firstLive)));

    // The next run shows none until its own are ready, even while the first's job may still run.
    EXPECT_TRUE(analyzer.analyze(secondLive)->findings.empty());
    const QStringList secondTexts = findingsOnceExplained(analyzer, secondLive);
    EXPECT_EQ(secondTexts, textsOf(explainRun(secondLive)));
    EXPECT_NE(secondTexts, firstTexts);

    // A finished run's findings are explained at once.
    EXPECT_EQ(textsOf(analyzer.analyze(second)->findings), textsOf(explainRun(second)));
}

namespace {

// A live watch session of `count` requests (the first `count` of `whole`), as WatchRecorder
// hands it out: strategy "watch", n and limit counting its requests and connections so far.
reqlanes::Run watchSnapshot(const reqlanes::Run &whole, int count, Nanos at) {
    reqlanes::Run run = snapshotAt(whole, at);
    run.requests.resize(std::size_t(count));
    run.scenario.strategy = QStringLiteral("watch");
    run.scenario.n = count;
    run.scenario.limit = count;
    return run;
}

} // namespace

// A watch session grows: each snapshot has more requests and connections, so its scenario's n
// and limit differ every frame. It is still one run: its findings, explained off the frame, are
// shown while it grows.
TEST(RunAnalyzer, AGrowingWatchSessionIsOneRunWhoseFindingsShow) {
    const int big = RunAnalyzer::kThrottleFindingsAbove + 100;
    const reqlanes::Run whole = syntheticRun(big + 2000, 3, 100);
    RunAnalyzer analyzer;
    std::shared_ptr<const RunAnalysis> shared;
    int count = big;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    do {
        std::this_thread::sleep_for(std::chrono::milliseconds(5)); // the next frame
        shared = analyzer.analyze(watchSnapshot(whole, ++count, 2'000 * kMs));
    } while (shared->findings.empty() && count < int(whole.requests.size()) &&
             std::chrono::steady_clock::now() < deadline);
    EXPECT_FALSE(shared->findings.empty())
        << "no findings after " << count - big << " snapshots of a growing session";
}

// A growing session handed over with what changed since the snapshot analysed last (watch mode's
// live session): only that is copied in, and the analysis is the one a whole copy gives.
TEST(RunAnalyzer, ASnapshotsChangesAreCopiedInAndAnalysedAsTheWholeSnapshotIs) {
    const reqlanes::Run whole = syntheticRun(30, 3, 100);
    const auto snapshot = [&whole](int count, Nanos at) {
        reqlanes::Run run = watchSnapshot(whole, count, at);
        run.origins.resize(run.requests.size()); // one per request, as a session has
        return run;
    };
    RunAnalyzer incremental, copying;
    RunChanges changes;
    changes.source = 7;
    changes.to = 1;
    reqlanes::Run before = snapshot(10, 150 * kMs);
    incremental.analyze(before, &changes);
    changes.whole = false;
    for (int step = 1; step < 10; ++step) {
        const reqlanes::Run after = snapshot(10 + 2 * step, (150 + 40 * step) * kMs);
        changes.from = changes.to++;
        changes.requests.clear();
        for (std::size_t id = 0; id < before.requests.size(); ++id)
            if (!(before.requests[id] == after.requests[id]))
                changes.requests.push_back(int(id));
        const std::shared_ptr<const RunAnalysis> &shared = incremental.analyze(after, &changes);
        EXPECT_EQ(shared->run, after) << "step " << step;
        expectSameSpans(shared->spans, copying.analyze(after)->spans);
        EXPECT_EQ(shared->stats.ok, copying.current()->stats.ok);
        before = after;
    }
    // Only what the changes name is copied: a change left out of them stays out.
    reqlanes::Run unnamed = before;
    unnamed.requests[0].serverWorker = 42;
    unnamed.elapsed += kMs;
    changes.from = changes.to++;
    changes.requests.clear();
    EXPECT_NE(incremental.analyze(unnamed, &changes)->run.requests[0].serverWorker, 42);
    // Changes from a snapshot other than the one analysed last: the snapshot is taken whole.
    changes.from = changes.to + 5;
    changes.to += 6;
    EXPECT_EQ(incremental.analyze(unnamed, &changes)->run, unnamed);
}

// A big growing session handed over with its changes: the findings job works from its own copy,
// brought up to date by the changes gathered since the job before, and explains what a whole
// copy of the snapshot would have.
TEST(RunAnalyzer, ABigSessionsFindingsFromGatheredChangesAreTheSnapshots) {
    const int big = RunAnalyzer::kThrottleFindingsAbove + 100;
    const reqlanes::Run whole = syntheticRun(big + 400, 3, 100);
    const auto snapshot = [&whole](int count, Nanos at) {
        reqlanes::Run run = watchSnapshot(whole, count, at);
        run.origins.resize(run.requests.size());
        return run;
    };
    RunAnalyzer analyzer;
    RunChanges changes;
    changes.source = 3;
    changes.to = 1;
    reqlanes::Run before = snapshot(big, 1'000 * kMs);
    analyzer.analyze(before, &changes);
    changes.whole = false;
    const auto next = [&](const reqlanes::Run &after) {
        changes.from = changes.to++;
        changes.requests.clear();
        for (std::size_t id = 0; id < before.requests.size(); ++id)
            if (!(before.requests[id] == after.requests[id]))
                changes.requests.push_back(int(id));
        before = after;
        return analyzer.analyze(after, &changes);
    };
    for (int step = 1; step <= 40; ++step) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10)); // the next frame
        next(snapshot(big + 10 * step, (1'000 + 10 * step) * kMs));
    }
    // Held still: the next job explains this very snapshot.
    const std::vector<Finding> expected = explainRun(before);
    ASSERT_FALSE(expected.empty());
    const auto sameTexts = [&expected](const std::vector<Finding> &findings) {
        return findings.size() == expected.size() &&
               std::equal(findings.begin(), findings.end(), expected.begin(),
                          [](const Finding &a, const Finding &b) { return a.text == b.text; });
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool same = false;
    while (!same && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        same = sameTexts(next(before)->findings);
    }
    EXPECT_TRUE(same) << "the findings never matched the snapshot's";
}

// A rebuild reuses the previous build's rows (their allocations): whatever they held, of another
// run, grouping or size, the result is what a build from nothing gives.
TEST(TimelineSpans, RecycledRowsGiveWhatAFreshBuildGives) {
    const reqlanes::Run rich = richPoolRun();
    const reqlanes::Run lesson = lessonRun();
    const LaneGrouping groupings[] = {LaneGrouping::Request, LaneGrouping::Thread,
                                      LaneGrouping::Process, LaneGrouping::ServerWorker};
    for (const reqlanes::Run *from : {&rich, &lesson})
        for (const reqlanes::Run *to : {&rich, &lesson})
            for (const LaneGrouping before : groupings)
                for (const LaneGrouping after : groupings) {
                    SCOPED_TRACE(laneGroupingName(before).toStdString() + " -> " +
                                 laneGroupingName(after).toStdString());
                    TimelineSpans old = buildTimelineSpans(liveAt(*from, 150 * kMs), before);
                    const reqlanes::Run next = liveAt(*to, 170 * kMs);
                    const TimelineSpans reused =
                        buildTimelineSpans(next, after, std::move(old.rows));
                    const TimelineSpans fresh = buildTimelineSpans(next, after);
                    EXPECT_TRUE(sameLanes(reused, fresh));
                    expectSameSpans(reused, fresh);
                    for (std::size_t r = 0; r < fresh.rows.size(); ++r)
                        EXPECT_EQ(reused.rows[r].lane, fresh.rows[r].lane) << "row " << r;
                }
}
