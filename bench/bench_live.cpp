// bench_live: the window's frame time during a live 100,000-request run (issue 21). A synthetic
// `async` run against an async server, all 100,000 requests in flight at once, is written into a
// real RunRecorder at live speed (16 ms of run time per frame, like RunSession's timer); every
// frame takes the snapshot the session takes, hands it to the window the way RunSession does
// (its snapshot signal), and lets the window replot. Offscreen, at 1920x1080.
//
// Per frame it measures snapshot + derived data + span update + replot, and prints the median and
// p95 next to the goals (<= 16 ms median, <= 33 ms p95), then the process's resident memory with
// the run drawn (goal <= 300 MiB).
//
//   bench_live [--quick] [--n N] [--lanes request|thread|worker] [--frames]
//   --quick: 10,000 requests (a smoke run)
//   --frames: one line per frame (run time, records changed, update, replot, frame), to see
//             which frames make the p95
#include "benchfigures.h"
#include "mainwindow.h"
#include "runsession.h"
#include "timeline/timelineplot.h"

#include "run/runrecorder.h"
#include "run/strategyregistry.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace reqlanes;
using reqlanes::bench::mark;
using reqlanes::bench::percentile;
using reqlanes::bench::residentMiB;

namespace {

constexpr Nanos kMs = 1'000'000;
constexpr Nanos kFrame = 16 * kMs;       // RunSession::kFrameMs of run time per frame
constexpr Nanos kLatency = 1000 * kMs;   // the async server's handler time
constexpr Nanos kStartStorm = 200 * kMs; // all requests created and connected within this
constexpr QSize kSize{1920, 1080};
constexpr double kMedianGoalMs = 16;
constexpr double kP95GoalMs = 33;
constexpr double kRssGoalMiB = 300;

// When each phase of request `i` of `n` happens: created in batches over the start storm,
// connected and sent a little later, served for a latency at once (async server), answered.
std::array<Nanos, kPhaseCount> plannedPhases(int i, int n) {
    const Nanos created = kStartStorm * i / n;
    std::array<Nanos, kPhaseCount> at{};
    at[int(Phase::Created)] = created;
    at[int(Phase::Acquired)] = created;
    at[int(Phase::ConnectStart)] = created + kMs / 10;
    at[int(Phase::Connected)] = created + kMs;
    at[int(Phase::Sent)] = created + kMs + kMs / 20;
    at[int(Phase::ServerAccept)] = created + kMs / 2;
    at[int(Phase::ServerStart)] = created + kMs + kMs / 10;
    at[int(Phase::ServerEnd)] = created + kMs + kMs / 10 + kLatency;
    at[int(Phase::FirstByte)] = at[int(Phase::ServerEnd)] + kMs / 5;
    at[int(Phase::Done)] = at[int(Phase::FirstByte)] + kMs / 10;
    return at;
}

Scenario liveScenario(int n) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("async");
    scenario.n = n;
    scenario.limit = 1;
    scenario.server.mode = ServerMode::Async;
    scenario.server.latencyMs = int(kLatency / kMs);
    return scenario;
}

// What Runner::refreshSnapshot() does for RunSession: the header, the records written since the
// last frame copied into the snapshot kept between frames (and which they were), and the clock.
void refreshSnapshot(LiveSnapshot &live, const Run &header, const RunRecorder &recorder,
                     Nanos now) {
    std::vector<RequestRecord> records = std::move(live.run.requests);
    live.run = header;
    live.run.requests = std::move(records);
    RunChanges &changes = live.changes;
    changes.whole = changes.source == 0;
    changes.source = 1;
    changes.from = changes.to;
    ++changes.to;
    changes.requests.clear();
    recorder.updateRecords(live.run.requests, live.versions, changes.requests);
    live.run.laneEvents = recorder.laneEvents();
    live.run.outsideRequests = recorder.outsideRequests();
    live.run.elapsed = now;
}

// The strategy's and the server's threads write each phase as its moment comes.
void stampUpTo(RunRecorder &recorder, const std::vector<std::array<Nanos, kPhaseCount>> &plan,
               Nanos from, Nanos to) {
    for (int i = 0; i < int(plan.size()); ++i) {
        const auto &at = plan[std::size_t(i)];
        for (int p = 0; p < kPhaseCount; ++p)
            if (at[std::size_t(p)] > from && at[std::size_t(p)] <= to)
                recorder.markAt(i, Phase(p), at[std::size_t(p)]);
        if (at[int(Phase::Done)] > from && at[int(Phase::Done)] <= to)
            recorder.finish(i, RequestStatus::Ok, 200);
    }
}

} // namespace

int main(int argc, char *argv[]) {
    if (const int status = reqlanes::bench::checkArguments(
            argc, argv, {"--quick", "--n=", "--lanes=", "--frames"},
            "usage: bench_live [--quick] [--n N] [--lanes request|thread|worker] [--frames]");
        status >= 0)
        return status;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("reqlanes-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_live"));
    int n = 100'000;
    QString lanes = QStringLiteral("request");
    bool perFrame = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            n = 10'000;
        else if (std::strcmp(argv[i], "--n") == 0 && i + 1 < argc)
            n = std::clamp(std::atoi(argv[++i]), 1, limits::kMaxRequests);
        else if (std::strcmp(argv[i], "--lanes") == 0 && i + 1 < argc)
            lanes = QString::fromLocal8Bit(argv[++i]);
        else if (std::strcmp(argv[i], "--frames") == 0)
            perFrame = true;
    }
    const std::optional<LaneGrouping> grouping = laneGroupingFromName(lanes);
    if (!grouping) {
        std::fprintf(stderr, "bench_live: unknown lane grouping %s\n", qPrintable(lanes));
        return 2;
    }

    MainWindow window;
    window.show();
    window.resize(kSize);
    window.setGrouping(*grouping);
    QApplication::processEvents();
    TimelinePlot *plot = window.timeline();
    int replots = 0;
    QObject::connect(plot, &QCustomPlot::afterReplot, [&replots] { ++replots; });

    std::vector<std::array<Nanos, kPhaseCount>> plan(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        plan[std::size_t(i)] = plannedPhases(i, n);
    const Nanos end = plan.back()[int(Phase::Done)];

    RunRecorder recorder(n, steadyNowNs());
    const std::int32_t thread = RunRecorder::currentThreadId();
    const std::int32_t process = RunRecorder::currentProcessId();
    for (int i = 0; i < n; ++i) {
        recorder.setPlacement(i, thread, process, 0);
        // The async server numbers its handler slots as they are needed; the record keeps 16 bits.
        recorder.setServerWorker(i, i % 30'000);
    }
    Run header;
    header.scenario = liveScenario(n);
    header.strategyName = StrategyRegistry::instance().find(header.scenario.strategy)->name;
    header.startedAt = QDateTime::currentDateTime();
    emit window.session()->started(header.scenario);

    LiveSnapshot live; // RunSession's, kept between frames
    std::vector<double> frameMs;
    std::vector<double> snapshotMs;
    std::vector<double> updateMs; // derived data and the views' update, before the replot
    std::vector<double> replotMs; // QCustomPlot's own replot, within the rest of the frame
    QElapsedTimer clock;
    Nanos now = 0;
    int framesInFlight = 0; // frames with every request created and none done yet
    while (now < end + kFrame) {
        const Nanos next = now + kFrame;
        stampUpTo(recorder, plan, now, next);
        now = next;
        const int before = replots;
        clock.start();
        refreshSnapshot(live, header, recorder, now);
        snapshotMs.push_back(double(clock.nsecsElapsed()) / 1e6);
        emit window.session()->snapshot(live.run, live.changes);
        updateMs.push_back(double(clock.nsecsElapsed()) / 1e6 - snapshotMs.back());
        QApplication::processEvents(); // the queued replot and the paint, as between two ticks
        frameMs.push_back(double(clock.nsecsElapsed()) / 1e6);
        replotMs.push_back(plot->replotTime());
        if (perFrame)
            std::printf("frame %3zu  t %5lld ms  changed %6zu  update %5.1f  replot %5.1f  frame "
                        "%5.1f ms\n",
                        frameMs.size(), static_cast<long long>(now / kMs),
                        live.changes.requests.size(), updateMs.back(), replotMs.back(),
                        frameMs.back());
        if (replots == before)
            std::fprintf(stderr, "bench_live: frame %zu did not replot\n", frameMs.size());
        if (now > kStartStorm && now < plan.front()[int(Phase::Done)])
            ++framesInFlight;
    }
    const auto [rss, peak] = residentMiB();

    const double median = percentile(frameMs, 0.5);
    const double p95 = percentile(frameMs, 0.95);
    std::printf("live frames: %d requests (async, async server, %lld ms), lanes by %s, plot %dx%d,"
                " offscreen\n",
                n, static_cast<long long>(kLatency / kMs), qPrintable(lanes), plot->width(),
                plot->height());
    std::printf("%zu frames (%d with all %d requests in flight), %zu spans at the end\n",
                frameMs.size(), framesInFlight, n, plot->spanCount());
    std::printf("  snapshot (changed records) median %6.1f ms\n", percentile(snapshotMs, 0.5));
    std::printf("  analysis + views update  median %6.1f ms\n", percentile(updateMs, 0.5));
    std::printf("  timeline replot          median %6.1f ms  (the rest: the window's other "
                "widgets painting)\n",
                percentile(replotMs, 0.5));
    std::printf("  frame time               median %6.1f ms   goal <= %.0f ms   %s\n", median,
                kMedianGoalMs, mark(median <= kMedianGoalMs));
    std::printf("  frame time               p95    %6.1f ms   goal <= %.0f ms   %s\n", p95,
                kP95GoalMs, mark(p95 <= kP95GoalMs));
    std::printf("  frame time               max    %6.1f ms\n", percentile(frameMs, 1.0));
    std::printf("  resident memory          now    %6.0f MiB  goal <= %.0f MiB  %s  (peak %.0f)\n",
                rss, kRssGoalMiB, mark(rss <= kRssGoalMiB), peak);
    return 0;
}
