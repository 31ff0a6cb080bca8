// The strip's "server workers" line says our server's capacity: only where our server served.
// A trace or a recording from elsewhere carries the scenario's defaults (3 workers), which are
// not its servers' capacity, so no such line is drawn for it (nothing invented).
#include "apptestenvironment.h"
#include "timeline/concurrencyrect.h"

#include "formats/otlprun.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

Run runOf(const QString &strategy) {
    Run run;
    run.scenario.strategy = strategy;
    run.scenario.server.workers = 3;
    run.requests.resize(2);
    for (int i = 0; i < 2; ++i) {
        run.requests[std::size_t(i)].id = i;
        run.requests[std::size_t(i)].at[int(Phase::Created)] = 0;
        run.requests[std::size_t(i)].at[int(Phase::Done)] = 1'000'000;
        run.requests[std::size_t(i)].status = RequestStatus::Ok;
    }
    run.finished = true;
    run.elapsed = 1'000'000;
    return run;
}

} // namespace

TEST(ConcurrencyRect, OurServersWorkersAreDrawnForAStrategyRun) {
    QCustomPlot plot;
    ConcurrencyRect strip(&plot, plot.axisRect());
    strip.setRun(runOf(QStringLiteral("threads")), 0.001);
    EXPECT_EQ(strip.workersLine(), 3);
}

// Before any run the window shows an empty Run: its default 3 workers were drawn as if a sync
// server stood behind the placeholder, even with the async server chosen.
TEST(ConcurrencyRect, NoRunYetGetsNoWorkersLine) {
    QCustomPlot plot;
    ConcurrencyRect strip(&plot, plot.axisRect());
    strip.setRun(reqlanes::Run{}, 0);
    EXPECT_EQ(strip.workersLine(), 0);
}

TEST(ConcurrencyRect, ATraceFromElsewhereGetsNoWorkersLine) {
    QCustomPlot plot;
    ConcurrencyRect strip(&plot, plot.axisRect());
    strip.setRun(runOf(QString::fromLatin1(kTracedRunStrategy)), 0.001);
    EXPECT_EQ(strip.workersLine(), 0);
}

TEST(ConcurrencyRect, ARecordingFromElsewhereGetsNoWorkersLine) {
    QCustomPlot plot;
    ConcurrencyRect strip(&plot, plot.axisRect());
    reqlanes::Run recording = runOf(QStringLiteral("har"));
    recording.recording.format = QStringLiteral("har");
    ASSERT_TRUE(recording.recording.isRecording());
    strip.setRun(recording, 0.001);
    EXPECT_EQ(strip.workersLine(), 0);
}

// A 100k-request run has 200k steps: the strip keeps no more points than it has use for, yet a
// one-step spike (the run's peak) still shows.
TEST(ConcurrencyRect, ManyStepsAreThinnedAndThePeakIsKept) {
    QCustomPlot plot;
    ConcurrencyRect strip(&plot, plot.axisRect());
    std::vector<Step> steps;
    for (int i = 0; i < 50'000; ++i)
        steps.push_back({Nanos(i) * 1000, i == 31'337 ? 900 : 100 + i % 7});
    strip.setRun(runOf(QStringLiteral("threads")), steps, {}, 0.05);
    ASSERT_GE(plot.graphCount(), 1);
    const QSharedPointer<QCPGraphDataContainer> data = plot.graph(0)->data();
    EXPECT_LE(data->size(), 4096 + 3);
    double highest = 0;
    for (const QCPGraphData &point : *data)
        highest = std::max(highest, point.value);
    EXPECT_EQ(highest, 900);
    EXPECT_EQ(strip.peak(), 900);
}
