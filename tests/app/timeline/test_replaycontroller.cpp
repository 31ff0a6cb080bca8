#include "apptestenvironment.h"
#include "syntheticrun.h"
#include "timeline/replaycontroller.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

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
