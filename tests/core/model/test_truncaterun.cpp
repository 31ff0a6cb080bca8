// The run as it looked at a moment (model/run.h's truncateRun): what replay and presenter mode's
// held moments draw.
#include "model/run.h"
#include "syntheticrun.h"

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
