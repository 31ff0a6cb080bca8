#include "apptestenvironment.h"
#include "i18n/runtext.h"
#include "syntheticrun.h"
#include "timeline/legendswatch.h"
#include "timeline/spanplottable.h"
#include "timeline/timelineplot.h"

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

// The window's analysis is drawn where it lies (no copy of 100k rows a frame), and a later
// snapshot analysed in place shows on the next showAnalysis.
TEST(TimelinePlot, DrawsASharedAnalysisInPlace) {
    RunAnalyzer analyzer;
    reqlanes::Run live = syntheticRun(9, 3, 100);
    live.finished = false;
    TimelinePlot plot;
    const std::shared_ptr<const RunAnalysis> &analysis = analyzer.analyze(live);
    plot.showAnalysis(analysis);
    EXPECT_EQ(&plot.spanPlottable()->spans(), &analysis->spans);
    EXPECT_EQ(&plot.run(), &analysis->run);
    EXPECT_EQ(plot.barCount(), 9);
    live.requests.resize(4);
    live.startedAt = live.startedAt.addSecs(1);
    plot.showAnalysis(analyzer.analyze(live));
    EXPECT_EQ(plot.barCount(), 4);
    EXPECT_EQ(plot.laneCount(), 4);
}

// A shared analysis in another grouping than the plot's: the plot draws its own grouping.
TEST(TimelinePlot, ASharedAnalysisInAnotherGroupingIsDrawnInThePlotsOwn) {
    RunAnalyzer analyzer(LaneGrouping::ServerWorker);
    TimelinePlot plot;
    plot.showAnalysis(analyzer.analyze(syntheticRun(9, 3, 100)));
    EXPECT_EQ(plot.grouping(), LaneGrouping::Request);
    EXPECT_EQ(plot.laneCount(), 9);
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
    const reqlanes::Run run = syntheticRun(3, 3, 1000);
    plot.setRun(truncateRun(run, 300 * kMs));
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
    plot.setRun(truncateRun(run, 600 * kMs));
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

TEST(TimelinePlot, OnlyACompleteOrLiveRunShowsTheIdeal) {
    TimelinePlot plot;
    reqlanes::Run run = syntheticRun(3, 3, 100);
    plot.setRun(run);
    EXPECT_TRUE(plot.showsIdeal());
    run.finished = false; // live: the ideal is the target the run is heading for
    plot.setRun(run);
    EXPECT_TRUE(plot.showsIdeal());
    run.finished = true;
    for (RequestRecord &record : run.requests) // every request timed out: not the ideal's work
        record.status = RequestStatus::Timeout;
    plot.setRun(run);
    EXPECT_FALSE(plot.showsIdeal());
    run.requests[0].status = RequestStatus::Cancelled; // stopped part-way
    plot.setRun(run);
    EXPECT_FALSE(plot.showsIdeal());
}

TEST(TimelinePlot, AnEmptyPlotSaysWhatToDo) {
    TimelinePlot plot;
    EXPECT_FALSE(plot.message().isEmpty());
    EXPECT_EQ(plot.laneCount(), 0);
    plot.replot(); // nothing to draw is not a crash
}

// By server worker, a live re-run whose requests wait in the server behind a stopped run's
// leftover work has none of its own bars yet, only that work: the plot draws it and says nothing
// over it (it used to say "Starting…" though the run had started seconds before).
TEST(TimelinePlot, ARunQueuedBehindLeftoverWorkIsNotSaidToBeStarting) {
    reqlanes::Run live = syntheticRun(6, 3, 1000);
    live.finished = false;
    live.elapsed = 500 * kMs;
    for (RequestRecord &record : live.requests) {
        for (int phase = int(Phase::ServerStart); phase <= int(Phase::Done); ++phase)
            record.at[std::size_t(phase)] = kUnset;
        record.status = RequestStatus::Pending;
        record.httpStatus = 0;
    }
    for (int worker = 0; worker < 3; ++worker) {
        OutsideRequest leftover;
        leftover.requestId = QStringLiteral("g0-%1").arg(worker);
        leftover.accepted = 0;
        leftover.started = 0;
        leftover.worker = worker;
        leftover.earlierRun = true;
        live.outsideRequests.push_back(leftover);
    }
    TimelinePlot plot;
    plot.setGrouping(LaneGrouping::ServerWorker);
    plot.setRun(live);
    EXPECT_EQ(plot.barCount(), 0) << "none of the run's requests is served yet";
    EXPECT_GT(plot.spanCount(), 0u) << "the leftover work is drawn";
    EXPECT_EQ(plot.message(), QString());

    reqlanes::Run nothingYet = live;
    nothingYet.outsideRequests.clear();
    plot.setRun(nothingYet);
    EXPECT_EQ(plot.message(), QStringLiteral("Starting…")) << "an empty plot says why";
}

namespace {

QStringList legendTexts(const TimelinePlot &plot) {
    QStringList texts;
    for (int i = 0; i < plot.legend->itemCount(); ++i)
        if (const auto *swatch = qobject_cast<const LegendSwatch *>(plot.legend->item(i)))
            texts << swatch->text();
    return texts;
}

// The threads shape (connect 0.5 ms) with every request's connect lasting `connectMs`: the
// phases after it move later by the difference.
reqlanes::Run threadsRunWithConnect(double connectMs) {
    reqlanes::Run run = syntheticRun(9, 3, 1000);
    const Nanos later = Nanos((connectMs - 0.5) * double(kMs));
    for (RequestRecord &record : run.requests)
        for (int phase = int(Phase::Connected); phase <= int(Phase::Done); ++phase)
            if (record.at[phase] != kUnset)
                record.at[phase] += later;
    for (const RequestRecord &record : run.requests)
        run.elapsed = std::max(run.elapsed, record.phase(Phase::Done));
    return run;
}

} // namespace

TEST(TimelinePlot, TheLegendListsOnlyPhasesWideEnoughToSee) {
    // Two runs of the same scenario differ in 1-3 ms slivers of a 3 s picture; nobody can find
    // them on a slide, so both legends are the same and name neither sliver.
    TimelinePlot first;
    first.setRun(threadsRunWithConnect(0.5));
    TimelinePlot second;
    second.setRun(threadsRunWithConnect(3));
    const QStringList texts = legendTexts(first);
    EXPECT_EQ(texts, legendTexts(second));
    EXPECT_FALSE(texts.contains(spanKindText(SpanKind::Connecting)))
        << texts.join(u", ").toStdString();
    EXPECT_TRUE(texts.contains(spanKindText(SpanKind::ServerWork)))
        << texts.join(u", ").toStdString();

    // Wide enough to see (here 100 ms of 3 s), the same phase is listed.
    TimelinePlot slow;
    slow.setRun(threadsRunWithConnect(100));
    EXPECT_TRUE(legendTexts(slow).contains(spanKindText(SpanKind::Connecting)));
}

TEST(TimelinePlot, AnOutsideTargetWithoutServerDataShowsNothingAboutServerWorkers) {
    reqlanes::Run run = syntheticRun(3, 3, 100);
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    for (RequestRecord &record : run.requests) { // no Server-Timing: the client's view only
        for (Phase phase : {Phase::ServerAccept, Phase::ServerStart, Phase::ServerEnd})
            record.at[int(phase)] = kUnset;
        record.serverWorker = -1;
    }
    TimelinePlot plot;
    plot.setRun(run);
    for (const QString &text : legendTexts(plot))
        EXPECT_FALSE(text.contains(QStringLiteral("worker"))) << text.toStdString();

    TimelinePlot embedded; // the embedded server's run lists both worker lines
    embedded.setRun(syntheticRun(3, 3, 100));
    const QStringList texts = legendTexts(embedded);
    EXPECT_TRUE(texts.contains(QStringLiteral("busy server workers")))
        << texts.join(u", ").toStdString();
    EXPECT_TRUE(texts.contains(QStringLiteral("server workers")))
        << texts.join(u", ").toStdString();
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

namespace {

// Pixels of the error colour inside the lanes, after a replot at 800x400.
int errorPixels(const reqlanes::Run &run) {
    TimelinePlot plot;
    plot.resize(800, 400);
    plot.layoutFor(plot.size());
    plot.setRun(run);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    const QImage image = plot.toPixmap(800, 400).toImage();
    const QRect lanes = plot.axisRect()->rect();
    const QRgb error = plot.theme().errorOutline.rgb();
    int count = 0;
    for (int y = lanes.top(); y <= lanes.bottom(); ++y)
        for (int x = lanes.left(); x <= lanes.right(); ++x)
            count += image.pixel(x, y) == error ? 1 : 0;
    return count;
}

} // namespace

// 20,000 request rows in ~300 pixels: a dense band samples its rows' phases, yet the one failed
// request among them still colours its pixel row.
TEST(TimelinePlot, AFailedRequestShowsInADenseBandWhoseRowsAreSampled) {
    reqlanes::Run run = syntheticRun(20'000, 100, 100);
    EXPECT_EQ(errorPixels(run), 0);
    RequestRecord &failed = run.requests[12'347];
    failed.status = RequestStatus::Timeout;
    failed.httpStatus = 0;
    EXPECT_GT(errorPixels(run), 0);
}
