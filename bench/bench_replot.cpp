// bench_replot: how long one replot of the timeline takes at 1920x1080 (offscreen, software
// rendering) with 10k, 100k and 1M phase spans, and how long building what it draws from a
// finished run takes (the rebuild: spans, lanes, statistics; TimelinePlot::setRun). Goals: 100k
// spans <= 16 ms a replot (one 60 Hz frame); 1M <= 30 ms a whole-run replot and <= 100 ms a
// rebuild (issue 21). Prints the median of several replots and of 3 rebuilds per case, for a
// waterfall (one lane per request: rows far thinner than a pixel) and for 8 thread lanes (spans
// far narrower than a pixel), each over the whole run and zoomed in to a tenth of it.
//
//   bench_replot [--quick]     --quick: 10k and 100k only, fewer repetitions (a smoke run)
#include "benchfigures.h"
#include "style/theme.h"
#include "syntheticrun.h"
#include "timeline/spanplottable.h"
#include "timeline/timelineplot.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace reqlanes;

namespace {

constexpr int kSpansPerRequest = 5; // waiting, connecting, queued, server work, receiving
constexpr QSize kSize{1920, 1080};

// A pool-like run: requests/200 slots, so requests go out in waves and wait longer and longer
// for their slot; each gets all five phases. Thread ids spread requests over 8 lanes.
Run syntheticRun(int requests) {
    return testing::poolRun(requests, std::max(1, requests / 200), 100, 8);
}

double medianMs(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

struct Result {
    double replotMs;
    double rebuildMs;
    std::size_t spans;
};

Result measure(const Run &run, LaneGrouping grouping, bool zoomed, int repetitions) {
    TimelinePlot plot;
    plot.setAttribute(Qt::WA_DontShowOnScreen);
    plot.resize(kSize);
    plot.layoutFor(kSize);

    QElapsedTimer clock;
    std::vector<double> rebuilds;
    plot.setGrouping(grouping);
    for (int i = 0; i < 3; ++i) {
        plot.setRun(Run{}); // another run: the next setRun builds everything again
        clock.start();
        plot.setRun(run);
        rebuilds.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    const double rebuildMs = medianMs(rebuilds);
    if (zoomed) {
        const double end = nanosToSeconds(run.elapsed);
        plot.setTimeRange(QCPRange(end * 0.45, end * 0.55));
    }

    plot.replot(QCustomPlot::rpImmediateRefresh); // warm-up: buffers, glyph caches
    std::vector<double> samples;
    for (int i = 0; i < repetitions; ++i) {
        clock.restart();
        plot.replot(QCustomPlot::rpImmediateRefresh);
        samples.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    return {medianMs(samples), rebuildMs, plot.spanCount()};
}

} // namespace

int main(int argc, char *argv[]) {
    if (const int status = reqlanes::bench::checkArguments(argc, argv, {"--quick"},
                                                           "usage: bench_replot [--quick]");
        status >= 0)
        return status;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const std::vector<int> spanCounts =
        quick ? std::vector<int>{10'000, 100'000} : std::vector<int>{10'000, 100'000, 1'000'000};
    const int repetitions = quick ? 3 : 9;

    std::printf("replot at %dx%d, offscreen software rendering, median of %d\n", kSize.width(),
                kSize.height(), repetitions);
    std::printf("%-9s %-22s %-7s %10s %12s %12s %10s\n", "spans", "lanes", "view", "replot ms",
                "goal ms", "rebuild ms", "goal ms");
    bool allMet = true;
    for (const int spans : spanCounts) {
        const Run run = syntheticRun(spans / kSpansPerRequest);
        const double target = spans <= 100'000 ? 16 : 30;
        const double rebuildGoal = spans <= 100'000 ? 0 : 100; // none below 1M
        for (const auto &[grouping, lanesName] :
             {std::pair{LaneGrouping::Request, "by request (waterfall)"},
              std::pair{LaneGrouping::Thread, "by thread (8 lanes)"}}) {
            for (const bool zoomed : {false, true}) {
                const Result result = measure(run, grouping, zoomed, repetitions);
                const bool met = result.replotMs <= target;
                const bool rebuildMet = rebuildGoal <= 0 || result.rebuildMs <= rebuildGoal;
                allMet = allMet && met && rebuildMet;
                std::printf("%-9zu %-22s %-7s %10.1f %9.0f %-2s %12.1f", result.spans, lanesName,
                            zoomed ? "zoom" : "whole", result.replotMs, target, met ? "" : " !",
                            result.rebuildMs);
                if (rebuildGoal > 0)
                    std::printf(" %7.0f %s", rebuildGoal, rebuildMet ? "" : " !");
                std::printf("\n");
                std::fflush(stdout);
            }
        }
    }
    std::printf("%s\n", allMet ? "all within their goals" : "some over their goal (marked !)");
    return 0;
}
