#include "view/timelineviewstate.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace reqlanes;

namespace {

TimelineContent finishedRun(double endS, int lanes) {
    return {.endS = endS, .nowS = endS, .idealS = endS, .laneCount = lanes};
}

// Recorded up to now, heading for idealS.
TimelineContent liveRun(double nowS, double idealS, int lanes) {
    return {.endS = nowS, .nowS = nowS, .idealS = idealS, .laneCount = lanes, .live = true};
}

} // namespace

TEST(TimelineViewState, AFinishedRunShowsTheWholeRunAndEveryLane) {
    TimelineViewState view;
    view.startRun(finishedRun(3.0, 9));
    EXPECT_FALSE(view.followsLive());
    EXPECT_DOUBLE_EQ(view.timeRange().lower, 0);
    EXPECT_DOUBLE_EQ(view.timeRange().upper, 3.0 * TimelineViewState::kEndPadding);
    EXPECT_EQ(view.laneRange(), (ViewRange{0, 9}));
}

TEST(TimelineViewState, ALiveRunFollowsNowAndLeavesRoomForTheIdealMarker) {
    TimelineViewState view;
    view.startRun(liveRun(0.3, 3.0, 9));
    EXPECT_TRUE(view.followsLive());
    // The axis reaches past the ideal makespan from the first frame: bars grow towards it.
    EXPECT_DOUBLE_EQ(view.timeRange().upper, 3.0 * TimelineViewState::kLivePadding);
    view.setContent(liveRun(3.5, 3.0, 9)); // slower than ideal: "now" leads
    EXPECT_DOUBLE_EQ(view.timeRange().upper, 3.5 * TimelineViewState::kLivePadding);
}

TEST(TimelineViewState, APanStopsFollowingAndTheUsersViewIsKept) {
    TimelineViewState view;
    view.startRun(liveRun(0.3, 1.0, 3));
    view.setTimeRange({0.1, 0.2});
    EXPECT_FALSE(view.followsLive());
    EXPECT_TRUE(view.userMoved());
    view.setContent(liveRun(0.6, 1.0, 3));
    EXPECT_EQ(view.timeRange(), (ViewRange{0.1, 0.2}));
    // Finishing does not throw the user's view away either.
    view.setContent(finishedRun(1.0, 3));
    EXPECT_EQ(view.timeRange(), (ViewRange{0.1, 0.2}));
}

TEST(TimelineViewState, ShowWholeRunFollowsAgainWhileLive) {
    TimelineViewState view;
    view.startRun(liveRun(0.3, 1.0, 3));
    view.zoomTime(0.5, 0.2);
    EXPECT_FALSE(view.followsLive());
    view.showWholeRun();
    EXPECT_TRUE(view.followsLive());
    EXPECT_DOUBLE_EQ(view.timeRange().upper, 1.0 * TimelineViewState::kLivePadding);
}

TEST(TimelineViewState, ANewRunForgetsTheUsersView) {
    TimelineViewState view;
    view.startRun(finishedRun(3.0, 9));
    view.setLaneRange({2, 4});
    view.startRun(liveRun(0.1, 3.0, 9));
    EXPECT_TRUE(view.followsLive());
    EXPECT_EQ(view.laneRange(), (ViewRange{0, 9}));
}

TEST(TimelineViewState, ZoomKeepsThePointUnderTheCursorInPlace) {
    TimelineViewState view;
    view.startRun(finishedRun(1.0, 10));
    const ViewRange before = view.timeRange();
    const double around = 0.25;
    const double shareBefore = (around - before.lower) / before.size();
    view.zoomTime(0.5, around);
    const ViewRange after = view.timeRange();
    EXPECT_NEAR(after.size(), before.size() * 0.5, 1e-12);
    EXPECT_NEAR((around - after.lower) / after.size(), shareBefore, 1e-12);

    view.zoomLanes(0.5, 5);
    EXPECT_EQ(view.laneRange(), (ViewRange{2.5, 7.5}));
}

TEST(TimelineViewState, ViewsAreClampedToTheRun) {
    TimelineViewState view;
    view.startRun(finishedRun(1.0, 10));
    const ViewRange whole = view.wholeTimeRange();

    view.zoomTime(10, 0.5); // zooming out past the whole run stops at the whole run
    EXPECT_EQ(view.timeRange(), whole);
    view.setTimeRange({-0.5, -0.3}); // panned before the start: slides back, same width
    EXPECT_DOUBLE_EQ(view.timeRange().lower, 0);
    EXPECT_NEAR(view.timeRange().size(), 0.2, 1e-12);
    view.setTimeRange({0.5, 0.5}); // a zero-width range widens to the minimum
    EXPECT_NEAR(view.timeRange().size(), TimelineViewState::kMinTimeSpanS, 1e-15);

    view.setLaneRange({8, 8.2}); // at least one lane, inside [0, laneCount]
    EXPECT_NEAR(view.laneRange().size(), 1, 1e-12);
    view.setLaneRange({9.5, 12});
    EXPECT_DOUBLE_EQ(view.laneRange().upper, 10);
    EXPECT_NEAR(view.laneRange().size(), 2.5, 1e-12);
}

TEST(TimelineViewState, BadInputLeavesTheViewAlone) {
    TimelineViewState view;
    view.startRun(finishedRun(1.0, 4));
    const ViewRange time = view.timeRange();
    view.setTimeRange({std::nan(""), 1});
    view.zoomTime(0, 0.5);
    view.zoomTime(-2, 0.5);
    EXPECT_EQ(view.timeRange(), time);
    EXPECT_FALSE(view.userMoved());
}

TEST(TimelineViewState, AnEmptyRunStillHasAnAxis) {
    TimelineViewState view;
    view.startRun(TimelineContent{});
    EXPECT_GT(view.timeRange().size(), 0);
    EXPECT_EQ(view.laneRange(), (ViewRange{0, 1}));
}
