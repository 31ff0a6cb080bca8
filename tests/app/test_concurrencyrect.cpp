// The strip's "server workers" line says our server's capacity: only where our server served.
// A trace or a recording from elsewhere carries the scenario's defaults (3 workers), which are
// not its servers' capacity, so no such line is drawn for it (nothing invented).
#include "apptestenvironment.h"
#include "concurrencyrect.h"

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
