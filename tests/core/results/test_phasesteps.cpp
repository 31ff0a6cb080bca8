// Stepping event by event through a run (the presenter's ← / → keys).
#include "results/phasesteps.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

reqlanes::Run twoRequests() {
    reqlanes::Run run;
    RequestRecord a, b;
    a.at[int(Phase::Created)] = 0;
    a.at[int(Phase::Sent)] = 10;
    a.at[int(Phase::Done)] = 30;
    b.id = 1;
    b.at[int(Phase::Created)] = 0;
    b.at[int(Phase::Sent)] = 20;
    run.requests = {a, b};
    run.elapsed = 40;
    return run;
}

} // namespace

TEST(PhaseSteps, NextIsTheEarliestPhaseOfAnyRequestStrictlyLater) {
    const reqlanes::Run run = twoRequests();
    EXPECT_EQ(nextPhaseChange(run, -1), 0);
    EXPECT_EQ(nextPhaseChange(run, 0), 10);
    EXPECT_EQ(nextPhaseChange(run, 10), 20);
    EXPECT_EQ(nextPhaseChange(run, 25), 30);
    EXPECT_EQ(nextPhaseChange(run, 30), kUnset) << "nothing after the last event";
}

TEST(PhaseSteps, PreviousIsTheLatestPhaseStrictlyEarlier) {
    const reqlanes::Run run = twoRequests();
    EXPECT_EQ(previousPhaseChange(run, 40), 30);
    EXPECT_EQ(previousPhaseChange(run, 30), 20);
    EXPECT_EQ(previousPhaseChange(run, 10), 0);
    EXPECT_EQ(previousPhaseChange(run, 0), kUnset) << "nothing before the first event";
}

TEST(PhaseSteps, EmptyRunHasNoSteps) {
    EXPECT_EQ(nextPhaseChange(reqlanes::Run{}, 0), kUnset);
    EXPECT_EQ(previousPhaseChange(reqlanes::Run{}, 100), kUnset);
}
