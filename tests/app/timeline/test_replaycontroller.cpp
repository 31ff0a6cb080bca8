#include "apptestenvironment.h"
#include "syntheticrun.h"
#include "timeline/replaycontroller.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

TEST(TruncateRun, ShowsTheRunAsItWasAtThatMoment) {
    const reqlanes::Run run = syntheticRun(9, 3, 100); // waves end at ~0.1, 0.2, 0.3 s
    const reqlanes::Run early = truncateRun(run, 150 * kMs);
    EXPECT_FALSE(early.finished);
    EXPECT_EQ(early.elapsed, 150 * kMs);
    EXPECT_EQ(early.finishedCount(), 3);
    for (const RequestRecord &record : early.requests)
        for (const Nanos at : record.at)
            EXPECT_TRUE(at == kUnset || at <= 150 * kMs);
    EXPECT_EQ(early.requests[5].status, RequestStatus::Pending);
    EXPECT_TRUE(early.requests[5].has(Phase::ServerStart));
    EXPECT_FALSE(early.requests[5].has(Phase::ServerEnd));
}

TEST(TruncateRun, AtTheEndIsTheRunItself) {
    const reqlanes::Run run = syntheticRun(3, 3, 100);
    EXPECT_EQ(truncateRun(run, run.elapsed), run);
    EXPECT_EQ(truncateRun(run, run.elapsed + 5 * kMs), run);
}

TEST(TruncateRun, DropsLaneEventsFromTheFuture) {
    reqlanes::Run run = syntheticRun(3, 3, 100);
    run.laneEvents = {{LaneEventKind::ThreadStarted, 0, 1, 1, 0, {}},
                      {LaneEventKind::ThreadFinished, 300 * kMs, 1, 1, 0, {}}};
    EXPECT_EQ(truncateRun(run, 100 * kMs).laneEvents.size(), 1u);
}

TEST(ReplayController, SeekingShowsAFrameAtThatTime) {
    ReplayController replay;
    replay.setRun(syntheticRun(9, 3, 100));
    EXPECT_TRUE(replay.isEnabled());
    QSignalSpy frames(&replay, &ReplayController::frame);
    replay.seek(120 * kMs);
    ASSERT_EQ(frames.count(), 1);
    const auto frame = frames.takeFirst().at(0).value<reqlanes::Run>();
    EXPECT_EQ(frame.elapsed, 120 * kMs);
    EXPECT_EQ(frame.finishedCount(), 3);
}

TEST(ReplayController, PlaysToTheEndAtTheChosenSpeed) {
    ReplayController replay;
    replay.setRun(syntheticRun(3, 3, 100)); // ~0.1 s long
    replay.setSpeed(4);
    EXPECT_DOUBLE_EQ(replay.speed(), 4);
    QSignalSpy done(&replay, &ReplayController::finishedPlaying);
    QSignalSpy frames(&replay, &ReplayController::frame);
    replay.play();
    EXPECT_TRUE(replay.isPlaying());
    ASSERT_TRUE(done.wait(5000));
    EXPECT_FALSE(replay.isPlaying());
    EXPECT_GE(frames.count(), 1);
    EXPECT_TRUE(frames.last().at(0).value<reqlanes::Run>().finished);
}

TEST(ReplayController, AnUnfinishedRunCannotBeReplayed) {
    ReplayController replay;
    reqlanes::Run live = syntheticRun(3, 3, 100);
    live.finished = false;
    replay.setRun(live);
    EXPECT_FALSE(replay.isEnabled());
}
