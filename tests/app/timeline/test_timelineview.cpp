// What the timeline shows while replaying, zooming and exporting: the view state, the axis and
// the title stay true to the run.
#include "apptestenvironment.h"
#include "export/slideexporter.h"
#include "lanelabelchecks.h"
#include "results/runstats.h"
#include "syntheticrun.h"
#include "timeline/replaycontroller.h"
#include "timeline/timelineplot.h"

#include <QSignalSpy>
#include <QWheelEvent>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

TEST(TimelineReplay, TheAxisStaysOnTheWholeRunAndTheTitleSaysWhere) {
    const reqlanes::Run run = syntheticRun(9, 3, 300); // ~0.9 s
    TimelinePlot plot;
    plot.resize(1000, 600);
    plot.setRun(run);
    const QCPRange whole = plot.timeRange();

    ReplayController replay;
    QObject::connect(&replay, &ReplayController::frame, &plot, &TimelinePlot::showReplayFrame);
    replay.setRun(run);
    replay.seek(run.elapsed / 3);
    EXPECT_TRUE(plot.showsReplay());
    EXPECT_DOUBLE_EQ(plot.timeRange().lower, whole.lower);
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, whole.upper);
    EXPECT_FALSE(plot.followsLive());
    const QString title = plot.title();
    EXPECT_TRUE(title.endsWith(QStringLiteral("replay 301 ms of 902 ms"))) << title.toStdString();
    EXPECT_FALSE(title.contains(QStringLiteral("running"))) << title.toStdString();

    // The ideal marker stays on the axis, so its label is not cut off.
    const double ideal = idealMakespanSeconds(run.scenario);
    EXPECT_LT(ideal, plot.timeRange().upper);

    replay.seek(run.elapsed); // the end: the finished run again
    EXPECT_FALSE(plot.showsReplay());
    EXPECT_EQ(plot.run(), run);
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, whole.upper);
}

TEST(TimelineReplay, TheTitleNamesThePositionAndTheLength) {
    const reqlanes::Run run = syntheticRun(3, 3, 1000, /*oneThread=*/true); // ~3.0 s
    TimelinePlot plot;
    plot.showReplayFrame(truncateRun(run, 1200 * kMs), run);
    EXPECT_TRUE(plot.title().endsWith(QStringLiteral("replay 1.20 s of 3.01 s")))
        << plot.title().toStdString();
    EXPECT_TRUE(plot.title().startsWith(QStringLiteral("Sequential (sync)")));
}

TEST(TimelineReplay, AnExportDuringReplayShowsTheReplayMoment) {
    const reqlanes::Run run = syntheticRun(9, 3, 300);
    TimelinePlot view;
    view.resize(1000, 600);
    view.setRun(run);
    const QCPRange whole = view.timeRange();
    view.showReplayFrame(truncateRun(run, run.elapsed / 2), run);
    auto slide =
        SlideExporter::slideTimeline(view.run(), view.grouping(), SlideExporter::kHd, &view);
    EXPECT_TRUE(slide->showsReplay());
    EXPECT_EQ(slide->title(), view.title());
    EXPECT_DOUBLE_EQ(slide->timeRange().upper, whole.upper);
}

TEST(TimelineZoom, AnExportKeepsBothZooms) {
    const reqlanes::Run run = syntheticRun(30, 3, 100);
    TimelinePlot view;
    view.resize(1000, 600);
    view.setRun(run);
    view.setTimeRange(QCPRange(0.2, 0.5));
    // A wheel zoom over the lanes, as the user does it.
    view.replot();
    const QPointF centre = view.axisRect()->rect().center();
    QWheelEvent wheel(centre, view.mapToGlobal(centre), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    const QCPRange lanes = view.laneRange();
    ASSERT_LT(lanes.size(), 30) << "the wheel zoomed the lanes";
    EXPECT_FALSE(view.viewState().followsLive());

    auto slide =
        SlideExporter::slideTimeline(view.run(), view.grouping(), SlideExporter::kHd, &view);
    EXPECT_DOUBLE_EQ(slide->timeRange().lower, view.timeRange().lower);
    EXPECT_DOUBLE_EQ(slide->timeRange().upper, view.timeRange().upper);
    EXPECT_DOUBLE_EQ(slide->laneRange().lower, lanes.lower);
    EXPECT_DOUBLE_EQ(slide->laneRange().upper, lanes.upper);

    // Not zoomed: the export shows the whole run on both axes.
    view.showWholeRun();
    auto whole =
        SlideExporter::slideTimeline(view.run(), view.grouping(), SlideExporter::kHd, &view);
    EXPECT_DOUBLE_EQ(whole->laneRange().lower, 0);
    EXPECT_DOUBLE_EQ(whole->laneRange().upper, 30);
}

TEST(TimelineZoom, LaneLabelsStayInsideThePlotWhenZoomed) {
    TimelinePlot plot;
    plot.resize(1000, 600);
    plot.setRun(syntheticRun(40, 3, 100));
    QCPAxis *lanes = plot.axisRect()->axis(QCPAxis::atLeft);
    for (const QCPRange range :
         {QCPRange(0, 40), QCPRange(2.6, 9.4), QCPRange(0.3, 1.7), QCPRange(37.8, 40)}) {
        SCOPED_TRACE(range.lower);
        lanes->setRange(range);
        plot.replot();
        plot.replot(); // margins settle on the second pass
        EXPECT_TRUE(reqlanes::testing::laneLabelsInside(lanes));
    }
    EXPECT_FALSE(lanes->tickVector().isEmpty());
}

TEST(TimelineZoom, DoubleClickShowsTheWholeRunAgain) {
    TimelinePlot plot;
    plot.resize(800, 500);
    plot.setRun(syntheticRun(9, 3, 100));
    const QCPRange whole = plot.timeRange();
    QSignalSpy followChanged(&plot, &TimelinePlot::followChanged);
    plot.setTimeRange(QCPRange(0.05, 0.1));
    EXPECT_TRUE(plot.viewState().userMoved());
    plot.showWholeRun();
    EXPECT_FALSE(plot.viewState().userMoved());
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, whole.upper);
    EXPECT_EQ(followChanged.count(), 0); // a finished run never follows
}
