#include "results/lanelayout.h"
#include "results/timelinespans.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// A finished request from `start` to `end` ms on the given thread, process and server worker.
RequestRecord request(int id, int startMs, int endMs, std::int32_t thread, std::int32_t process,
                      std::int16_t worker) {
    RequestRecord record;
    record.id = id;
    record.at[int(Phase::Created)] = startMs * kMs;
    record.at[int(Phase::Acquired)] = startMs * kMs;
    record.at[int(Phase::ServerStart)] = startMs * kMs;
    record.at[int(Phase::Done)] = endMs * kMs;
    record.status = RequestStatus::Ok;
    record.threadId = thread;
    record.processId = process;
    record.serverWorker = worker;
    return record;
}

RequestRecord notCreatedYet(int id) {
    RequestRecord record;
    record.id = id;
    return record;
}

// Three requests one after the other on one thread, as the sync strategy runs them.
reqlanes::Run syncLikeRun() {
    reqlanes::Run run;
    run.requests = {request(0, 0, 100, 501, 500, 0), request(1, 100, 200, 501, 500, 1),
                    request(2, 200, 300, 501, 500, 2)};
    return run;
}

} // namespace

TEST(LaneGroupingName, RoundTripsEveryGrouping) {
    for (LaneGrouping grouping : {LaneGrouping::Request, LaneGrouping::Thread,
                                  LaneGrouping::Process, LaneGrouping::ServerWorker})
        EXPECT_EQ(laneGroupingFromName(laneGroupingName(grouping)), grouping);
    EXPECT_EQ(laneGroupingName(LaneGrouping::ServerWorker), QStringLiteral("worker"));
    EXPECT_FALSE(laneGroupingFromName(QStringLiteral("banana")).has_value());
}

TEST(LaneLayout, ByRequestGivesEveryRequestItsOwnLane) {
    reqlanes::Run run = syncLikeRun();
    run.requests.push_back(notCreatedYet(3));
    const LaneLayout layout = layoutLanes(run, LaneGrouping::Request);
    ASSERT_EQ(layout.laneCount(), 4);
    EXPECT_TRUE(layout.labels[0].isNull()) << "a numbered lane is named by its TimelineLane";
    EXPECT_EQ(buildTimelineSpans(run, layout).lanes[0].labelText(), QStringLiteral("request 0"));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{0, 1, 2, 3}));
}

TEST(LaneLayout, SyncRunByThreadIsOneLane) {
    const LaneLayout layout = layoutLanes(syncLikeRun(), LaneGrouping::Thread);
    ASSERT_EQ(layout.laneCount(), 1);
    EXPECT_EQ(layout.labels[0], QStringLiteral("thread 501"));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{0, 0, 0}));
}

TEST(LaneLayout, ThreadLanesFollowFirstAppearanceInTime) {
    reqlanes::Run run;
    // Request 0 runs on thread 12 but starts last; thread 11 is seen first.
    run.requests = {request(0, 50, 80, 12, 10, 0), request(1, 0, 40, 11, 10, 1),
                    request(2, 10, 60, 13, 10, 2), request(3, 60, 90, 11, 10, 1), notCreatedYet(4)};
    const LaneLayout layout = layoutLanes(run, LaneGrouping::Thread);
    ASSERT_EQ(layout.laneCount(), 3);
    EXPECT_EQ(layout.labels,
              (std::vector<QString>{QStringLiteral("thread 11"), QStringLiteral("thread 13"),
                                    QStringLiteral("thread 12")}));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{2, 0, 1, 0, -1}));
}

TEST(LaneLayout, ThreadStartUpEventsSitOnTheirThreadsLane) {
    reqlanes::Run run = syncLikeRun();
    run.requests[1].threadId = 502;
    // Thread 503 started but never ran a request: it still gets a lane, for its start-up.
    run.laneEvents = {{LaneEventKind::ThreadStarted, 5 * kMs, 503, 500, 0, {}},
                      {LaneEventKind::ThreadStarted, 90 * kMs, 502, 500, 1, {}},
                      {LaneEventKind::ProcessSpawned, 0, 0, 777, 0, {}}};
    const LaneLayout layout = layoutLanes(run, LaneGrouping::Thread);
    ASSERT_EQ(layout.laneCount(), 3);
    EXPECT_EQ(layout.labels[0], QStringLiteral("thread 501"));
    EXPECT_EQ(layout.labels[1], QStringLiteral("thread 503"));
    EXPECT_EQ(layout.labels[2], QStringLiteral("thread 502"));
    EXPECT_EQ(layout.laneOfEvent, (std::vector<int>{1, 2, -1}));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{0, 2, 0}));
}

TEST(LaneLayout, SameThreadIdInTwoProcessesIsTwoLanes) {
    reqlanes::Run run;
    run.requests = {request(0, 0, 10, 7, 100, 0), request(1, 5, 15, 7, 200, 1)};
    EXPECT_EQ(layoutLanes(run, LaneGrouping::Thread).laneCount(), 2);
}

TEST(LaneLayout, ByProcessGroupsRequestsAndSpawnEvents) {
    reqlanes::Run run;
    run.requests = {request(0, 30, 60, 1, 200, 0), request(1, 35, 70, 2, 300, 1),
                    request(2, 65, 90, 1, 200, 2)};
    run.laneEvents = {{LaneEventKind::ProcessSpawned, 0, 0, 300, 1, {}},
                      {LaneEventKind::ProcessSpawned, 1 * kMs, 0, 200, 0, {}},
                      {LaneEventKind::ProcessReady, 20 * kMs, 0, 200, 0, {}},
                      {LaneEventKind::ThreadStarted, 2 * kMs, 1, 200, 0, {}}};
    const LaneLayout layout = layoutLanes(run, LaneGrouping::Process);
    ASSERT_EQ(layout.laneCount(), 2);
    EXPECT_EQ(layout.labels[0], QStringLiteral("process 300"));
    EXPECT_EQ(layout.labels[1], QStringLiteral("process 200"));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{1, 0, 1}));
    EXPECT_EQ(layout.laneOfEvent, (std::vector<int>{0, 1, 1, -1}));
}

TEST(LaneLayout, ByServerWorkerOrdersWorkersAndKeepsUnknownLast) {
    reqlanes::Run run;
    run.requests = {request(0, 0, 10, 1, 1, 2), request(1, 0, 10, 1, 1, 0),
                    request(2, 0, 10, 1, 1, -1), request(3, 10, 20, 1, 1, 2), notCreatedYet(4)};
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/"); // only the workers it named
    const LaneLayout layout = layoutLanes(run, LaneGrouping::ServerWorker);
    EXPECT_EQ(layout.labels,
              (std::vector<QString>{QStringLiteral("worker 0"), QStringLiteral("worker 2"),
                                    QStringLiteral("unknown worker")}));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{1, 0, 2, 1, -1}));
}

// Worker ids, a request's or an outside request's, up to the largest a record keeps: one lane
// each, in the id's order.
TEST(LaneLayout, ByServerWorkerOrdersEveryWorkerIdARecordCanHold) {
    reqlanes::Run run;
    run.requests = {request(0, 0, 10, 1, 1, 7), request(1, 0, 10, 1, 1, 0)};
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    for (const std::int16_t worker :
         {std::int16_t(32'767), std::int16_t(30'000), std::int16_t(7)}) {
        OutsideRequest outside;
        outside.started = 0;
        outside.worker = worker;
        run.outsideRequests.push_back(outside);
    }
    const LaneLayout layout = layoutLanes(run, LaneGrouping::ServerWorker);
    EXPECT_EQ(layout.keys, (std::vector<QString>{
                               QStringLiteral("worker:0"), QStringLiteral("worker:7"),
                               QStringLiteral("worker:30000"), QStringLiteral("worker:32767")}));
    EXPECT_EQ(layout.labels[3], QStringLiteral("worker 32767"));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{1, 0}));
    EXPECT_EQ(layout.laneOfOutside, (std::vector<int>{3, 2, 1}));
}

TEST(LaneLayout, EmptyRunHasNoLanes) {
    const reqlanes::Run run;
    for (LaneGrouping grouping : {LaneGrouping::Request, LaneGrouping::Thread,
                                  LaneGrouping::Process, LaneGrouping::ServerWorker})
        EXPECT_EQ(layoutLanes(run, grouping).laneCount(), 0);
}

TEST(LaneLayout, ByServerWorkerListsEveryWorkerOfTheEmbeddedSyncServer) {
    reqlanes::Run run = syncLikeRun();
    for (RequestRecord &record : run.requests)
        record.serverWorker = 0;
    run.scenario.server.workers = 4;
    const LaneLayout layout = layoutLanes(run, LaneGrouping::ServerWorker);
    EXPECT_EQ(layout.meaning, LaneMeaning::ServerWorker);
    ASSERT_EQ(layout.laneCount(), 4);
    EXPECT_EQ(layout.labels[3], QStringLiteral("worker 3"));
    EXPECT_EQ(layout.keys[3], QStringLiteral("worker:3"));
    EXPECT_EQ(layout.laneOfRequest, (std::vector<int>{0, 0, 0}));
}

TEST(LaneLayout, KeysIdentifyThreadsByProcessAndThread) {
    const LaneLayout layout = layoutLanes(syncLikeRun(), LaneGrouping::Thread);
    EXPECT_EQ(layout.meaning, LaneMeaning::ClientExecutor);
    ASSERT_EQ(layout.keys.size(), 1u);
    EXPECT_EQ(layout.keys[0], QStringLiteral("thread:500:501"));
}
