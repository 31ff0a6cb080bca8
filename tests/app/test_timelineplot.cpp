#include "apptestenvironment.h"
#include "spanplottable.h"
#include "syntheticrun.h"
#include "timelineplot.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

TEST(TimelinePlot, ShowsOneBarPerRequest) {
    TimelinePlot plot;
    plot.setRun(syntheticRun(9, 3, 100));
    EXPECT_EQ(plot.barCount(), 9);
    EXPECT_EQ(plot.laneCount(), 9);
    EXPECT_GE(plot.spanCount(), 9u * 3);
}

TEST(TimelinePlot, LaneGroupingChangesTheLaneCount) {
    TimelinePlot plot;
    plot.setRun(syntheticRun(3, 3, 100, /*oneThread=*/true));
    EXPECT_EQ(plot.laneCount(), 3);
    plot.setGrouping(LaneGrouping::Thread);
    EXPECT_EQ(plot.laneCount(), 1);
    plot.setGrouping(LaneGrouping::ServerWorker);
    EXPECT_EQ(plot.laneCount(), 3);
    plot.setGrouping(LaneGrouping::Process);
    EXPECT_EQ(plot.laneCount(), 1);
    EXPECT_EQ(plot.barCount(), 3); // same requests, whatever the grouping
}

TEST(TimelinePlot, LiveSnapshotsFollowNowUntilTheUserPans) {
    TimelinePlot plot;
    plot.resize(800, 500);
    reqlanes::Run live = syntheticRun(3, 3, 1000);
    live.finished = false;
    live.elapsed = 300 * kMs;
    for (RequestRecord &record : live.requests) {
        for (Nanos &at : record.at)
            if (at > live.elapsed)
                at = kUnset;
        record.status = RequestStatus::Pending;
    }
    plot.setRun(live);
    EXPECT_TRUE(plot.followsLive());
    // Bars reach "now" while the requests are still running.
    double latestEnd = 0;
    for (const TimelineRow &row : plot.spanPlottable()->spans().rows)
        for (const Bar &bar : row.bars)
            latestEnd = std::max(latestEnd, bar.end);
    EXPECT_DOUBLE_EQ(latestEnd, 0.3);
    EXPECT_GE(plot.timeRange().upper, 0.3);

    QSignalSpy followChanged(&plot, &TimelinePlot::followChanged);
    plot.setTimeRange(QCPRange(0.1, 0.2)); // as a drag does
    EXPECT_FALSE(plot.followsLive());
    EXPECT_EQ(followChanged.count(), 1);
    live.elapsed = 600 * kMs;
    plot.setRun(live);
    EXPECT_DOUBLE_EQ(plot.timeRange().lower, 0.1); // the user's view is kept
}

TEST(TimelinePlot, AFinishedRunShowsTheWholeRun) {
    TimelinePlot plot;
    plot.setRun(syntheticRun(9, 3, 100));
    EXPECT_FALSE(plot.followsLive());
    EXPECT_DOUBLE_EQ(plot.timeRange().lower, 0);
    EXPECT_GE(plot.timeRange().upper, 0.302);
    EXPECT_LT(plot.timeRange().upper, 0.4);
}

TEST(TimelinePlot, RunErrorsAreShownInPlainWords) {
    TimelinePlot plot;
    reqlanes::Run failed;
    failed.scenario.n = 3;
    failed.finished = true;
    failed.error = QStringLiteral("connection refused (127.0.0.1:9)");
    failed.requests.resize(3);
    plot.setRun(failed);
    EXPECT_TRUE(plot.message().contains(QStringLiteral("connection refused")));
}

TEST(TimelinePlot, FailedRequestsAreNamedUnderTheCaption) {
    TimelinePlot plot;
    reqlanes::Run run = syntheticRun(3, 3, 100);
    run.requests[1].status = RequestStatus::Timeout;
    run.requests[1].error = QStringLiteral("timed out after 50 ms");
    plot.setRun(run);
    EXPECT_TRUE(plot.message().contains(QStringLiteral("1 of 3 requests failed")));
    EXPECT_TRUE(plot.message().contains(QStringLiteral("timed out")));
}

TEST(TimelinePlot, AnEmptyPlotSaysWhatToDo) {
    TimelinePlot plot;
    EXPECT_FALSE(plot.message().isEmpty());
    EXPECT_EQ(plot.laneCount(), 0);
    plot.replot(); // nothing to draw is not a crash
}

TEST(SpanPlottable, FindsTheRequestUnderTheMouse) {
    TimelinePlot plot;
    plot.resize(1000, 600);
    plot.setRun(syntheticRun(3, 3, 100, /*oneThread=*/true));
    plot.replot();
    const SpanPlottable *spans = plot.spanPlottable();
    const QCPAxis *time = spans->keyAxis();
    const QCPAxis *lanes = spans->valueAxis();
    // Request 1 runs from about 0.102 s to 0.205 s on lane 1.
    const QPointF inside(time->coordToPixel(0.15), lanes->coordToPixel(1.5));
    EXPECT_EQ(spans->requestAt(inside), std::optional<int>(1));
    const QPointF gap(time->coordToPixel(0.15), lanes->coordToPixel(0.5));
    EXPECT_EQ(spans->requestAt(gap), std::nullopt);
}
