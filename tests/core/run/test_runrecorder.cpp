#include "run/runrecorder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

using namespace reqlanes;

TEST(RunRecorder, PhasesAreSetOnceAndFirstStampWins) {
    RunRecorder recorder(2, steadyNowNs());
    recorder.markAt(0, Phase::ServerStart, 100);
    recorder.markAt(0, Phase::ServerStart, 500);
    const auto records = recorder.records();
    EXPECT_EQ(records[0].phase(Phase::ServerStart), 100);
    EXPECT_FALSE(records[1].has(Phase::ServerStart));
}

TEST(RunRecorder, FinishPublishesStatusOnceAndCountsIt) {
    RunRecorder recorder(3, steadyNowNs());
    EXPECT_TRUE(
        recorder.finish(1, RequestStatus::HttpError, 503, QStringLiteral("server said 503")));
    EXPECT_FALSE(recorder.finish(1, RequestStatus::Ok, 200));
    EXPECT_EQ(recorder.finishedCount(), 1);
    const auto records = recorder.records();
    EXPECT_EQ(records[1].status, RequestStatus::HttpError);
    EXPECT_EQ(records[1].httpStatus, 503);
    EXPECT_EQ(records[1].error, QStringLiteral("server said 503"));
    EXPECT_TRUE(records[1].has(Phase::Done));
    EXPECT_EQ(records[0].status, RequestStatus::Pending);
    EXPECT_FALSE(records[0].has(Phase::Done));
}

TEST(RunRecorder, OutOfRangeIdsAreIgnored) {
    RunRecorder recorder(1, steadyNowNs());
    recorder.markAt(-1, Phase::Created, 1);
    recorder.markAt(1, Phase::Created, 1);
    EXPECT_FALSE(recorder.finish(7, RequestStatus::Ok));
    EXPECT_EQ(recorder.finishedCount(), 0);
    EXPECT_FALSE(recorder.records()[0].has(Phase::Created));
}

TEST(RunRecorder, ConcurrentWritersAndReaderSeeEveryRequestFinished) {
    constexpr int kRequests = 2000;
    RunRecorder recorder(kRequests, steadyNowNs());
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
        writers.emplace_back([&, w] {
            for (int id = w; id < kRequests; id += 4) {
                recorder.mark(id, Phase::Created);
                recorder.setPlacement(id, RunRecorder::currentThreadId(),
                                      RunRecorder::currentProcessId(), w);
                recorder.finish(id, RequestStatus::Ok, 200);
            }
        });
    int lastSeen = 0;
    while (!recorder.allFinished()) {
        const auto snapshot = recorder.records();
        int finished = 0;
        for (const auto &record : snapshot) {
            finished += record.finished() ? 1 : 0;
            if (record.finished()) {
                EXPECT_TRUE(record.has(Phase::Done)) << record.id;
            }
        }
        EXPECT_GE(finished, lastSeen);
        lastSeen = finished;
    }
    for (auto &writer : writers)
        writer.join();
    const auto records = recorder.records();
    for (const auto &record : records) {
        EXPECT_EQ(record.status, RequestStatus::Ok);
        EXPECT_LE(record.phase(Phase::Created), record.phase(Phase::Done));
        EXPECT_EQ(record.logicalLane, record.id % 4);
    }
}

TEST(RunRecorder, LaneEventsStayInTimeOrder) {
    RunRecorder recorder(1, steadyNowNs());
    recorder.addLaneEvent({LaneEventKind::ProcessReady, 300, 0, 42, 0, {}});
    recorder.addLaneEvent({LaneEventKind::ProcessSpawned, 100, 0, 42, 0, {}});
    recorder.addLaneEvent({LaneEventKind::ProcessExited, 900, 0, 42, 0, {}});
    const auto events = recorder.laneEvents();
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].kind, LaneEventKind::ProcessSpawned);
    EXPECT_EQ(events[1].kind, LaneEventKind::ProcessReady);
    EXPECT_EQ(events[2].kind, LaneEventKind::ProcessExited);
}

TEST(RunRecorder, ServerHoldsARequestFromItsFirstEventUntilItFinishes) {
    RunRecorder recorder(3, steadyNowNs());
    recorder.serverHolds(0); // queued
    recorder.serverHolds(0); // started: the same request, still one
    recorder.serverHolds(1);
    EXPECT_EQ(recorder.serverHeldCount(), 2);
    recorder.serverReleases(0);
    recorder.serverReleases(0);
    EXPECT_EQ(recorder.serverHeldCount(), 1) << "released once";
    recorder.serverReleases(2); // finished at once, never seen queued or started
    recorder.serverHolds(2);    // a stray late event cannot hold it again
    recorder.serverHolds(7);    // not the run's
    EXPECT_EQ(recorder.serverHeldCount(), 1);
    recorder.serverReleases(1);
    EXPECT_EQ(recorder.serverHeldCount(), 0);
}

TEST(RunRecorder, WaitForServerReleaseWakesWhenTheLastHeldRequestFinishes) {
    CancelToken cancel;
    // Released before, during or after the wait begins: no order loses the wake-up.
    for (int round = 0; round < 200; ++round) {
        RunRecorder recorder(2, steadyNowNs());
        recorder.serverHolds(0);
        recorder.serverHolds(1);
        std::thread server([&] {
            recorder.serverReleases(0);
            recorder.serverReleases(1);
        });
        const auto began = std::chrono::steady_clock::now();
        EXPECT_TRUE(recorder.waitForServerRelease(10'000'000'000, cancel));
        EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(2));
        server.join();
    }
}

TEST(RunRecorder, WaitForServerReleaseGivesUpAtItsTimeoutOrOnCancel) {
    RunRecorder recorder(1, steadyNowNs());
    recorder.serverHolds(0);
    CancelToken cancel;
    auto began = std::chrono::steady_clock::now();
    EXPECT_FALSE(recorder.waitForServerRelease(50'000'000, cancel));
    EXPECT_GE(std::chrono::steady_clock::now() - began, std::chrono::milliseconds(50));
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(2));

    began = std::chrono::steady_clock::now();
    std::thread user([&] { cancel.cancel(); });
    EXPECT_FALSE(recorder.waitForServerRelease(10'000'000'000, cancel));
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(2));
    user.join();
    EXPECT_EQ(recorder.serverHeldCount(), 1);
}

TEST(RunRecorder, StaysUnderOneHundredTwentyEightBytesPerRequest) {
    // The scale benchmark's budget: the recorder must hold 10,000s of requests cheaply.
    EXPECT_LE(RunRecorder::bytesPerRequest(), 128u);
}

TEST(RunRecorder, UpdateRecordsCopiesOnlyWhatWasWrittenSinceAndEqualsACopy) {
    RunRecorder recorder(5, steadyNowNs());
    std::vector<RequestRecord> kept;
    std::vector<std::uint32_t> versions;
    std::vector<int> changed;
    recorder.updateRecords(kept, versions, changed);
    EXPECT_TRUE(changed.empty()) << "nothing written yet";
    EXPECT_EQ(kept, recorder.records());

    recorder.markAt(1, Phase::Created, 10);
    recorder.setPlacement(3, 7, 8, 2);
    recorder.setServerWorker(4, 1);
    recorder.updateRecords(kept, versions, changed);
    EXPECT_EQ(changed, (std::vector<int>{1, 3, 4}));
    EXPECT_EQ(kept, recorder.records());

    changed.clear();
    recorder.markAt(1, Phase::Created, 99); // ignored: first stamp wins, so nothing changed
    recorder.updateRecords(kept, versions, changed);
    EXPECT_TRUE(changed.empty());

    // A failure's text comes with the record that finished.
    recorder.finish(3, RequestStatus::Timeout, 0, QStringLiteral("timed out after 1 s"));
    recorder.finish(0, RequestStatus::Ok, 200);
    recorder.updateRecords(kept, versions, changed);
    EXPECT_EQ(changed, (std::vector<int>{0, 3}));
    EXPECT_EQ(kept, recorder.records());
    EXPECT_EQ(kept[3].error, QStringLiteral("timed out after 1 s"));

    // Another caller's empty copy takes everything written so far.
    std::vector<RequestRecord> other;
    std::vector<std::uint32_t> otherVersions;
    std::vector<int> otherChanged;
    recorder.updateRecords(other, otherVersions, otherChanged);
    EXPECT_EQ(other, recorder.records());
    EXPECT_EQ(otherChanged, (std::vector<int>{0, 1, 3, 4}));
}

TEST(RunRecorder, UpdateRecordsWhileWritersRunEndsEqualToACopy) {
    constexpr int kRequests = 3000;
    RunRecorder recorder(kRequests, steadyNowNs());
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w)
        writers.emplace_back([&, w] {
            for (int id = w; id < kRequests; id += 3) {
                recorder.mark(id, Phase::Created);
                recorder.mark(id, Phase::ConnectStart);
                recorder.finish(id, id % 7 == 0 ? RequestStatus::Refused : RequestStatus::Ok,
                                id % 7 == 0 ? 0 : 200,
                                id % 7 == 0 ? QStringLiteral("refused") : QString());
            }
        });
    std::vector<RequestRecord> kept;
    std::vector<std::uint32_t> versions;
    std::vector<int> changed;
    int refreshes = 0;
    while (!recorder.allFinished()) {
        changed.clear();
        recorder.updateRecords(kept, versions, changed);
        ASSERT_TRUE(std::is_sorted(changed.begin(), changed.end()));
        ++refreshes;
    }
    for (std::thread &writer : writers)
        writer.join();
    changed.clear();
    recorder.updateRecords(kept, versions, changed);
    EXPECT_EQ(kept, recorder.records()) << "after " << refreshes << " refreshes while writing";
}
