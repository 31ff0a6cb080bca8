// bench_fidelity: are the numbers on screen true, and does a big run stay cheap?
//
// Fidelity: every strategy against the embedded server (3 sync workers, 1 s per request), N=3
// and N=9 behind a limit of 3; measured makespan over the ideal ceil(N / min(W, C)) x L.
// Targets: <= 1.01 in-process, <= 1.05 for `processes` (it pays for starting processes).
//
// Scale: `async` with 10,000 requests against `reqlanes-server --mode async` (latency 1 s) in a
// separate process: one process cannot hold 10k client plus 10k server sockets under the
// descriptor limit. Reports the ratio to the ideal 1 s (target <= 1.3), peak RSS and the
// recorder's bytes per request (target <= 128).
//
// Usage: bench_fidelity [--quick]   (--quick: N=3 only, no scale run; a smoke test)

#include "results/runstats.h"
#include "run/runner.h"
#include "run/runrecorder.h"
#include "run/strategyregistry.h"
#include "talkserver.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>

using namespace reqlanes;

namespace {

constexpr int kScaleRequests = 10000;
constexpr double kInProcessTarget = 1.01;
constexpr double kProcessesTarget = 1.05;
constexpr double kScaleTarget = 1.3;

struct Outcome {
    bool allOk = true;
    bool withinTargets = true;
};

void fidelity(bool quick, Outcome &outcome) {
    std::printf("Fidelity: embedded server, %d sync workers, %d ms per request\n", bench::kWorkers,
                bench::kLatencyMs);
    std::printf("%-16s %4s %6s %10s %10s %7s %7s  %s\n", "strategy", "N", "limit", "measured",
                "ideal", "ratio", "target", "");
    std::vector<int> sizes{3};
    if (!quick)
        sizes.push_back(9);
    for (const StrategyInfo &info : StrategyRegistry::instance().strategies()) {
        for (int n : sizes) {
            Scenario scenario;
            scenario.strategy = info.id;
            scenario.n = n;
            scenario.limit = 3;
            scenario.server = bench::talkServer();
            const Run run = runScenario(scenario);
            const RunStats stats = computeStats(run);
            const double ratio = stats.idealS > 0 ? stats.makespanS / stats.idealS : NAN;
            const double target =
                info.id == QLatin1String("processes") ? kProcessesTarget : kInProcessTarget;
            const bool ok = run.error.isEmpty() && stats.ok == n;
            const bool within = ok && ratio <= target;
            outcome.allOk = outcome.allOk && ok;
            outcome.withinTargets = outcome.withinTargets && within;
            std::printf(
                "%-16s %4d %6d %9.3fs %9.3fs %7.3f %7.2f  %s\n", qPrintable(info.id), n,
                scenario.limit, stats.makespanS, stats.idealS, ratio, target,
                !ok ? qPrintable(
                          QStringLiteral("FAILED %1/%2 ok %3").arg(stats.ok).arg(n).arg(run.error))
                : within ? "ok"
                         : "OVER TARGET");
            std::fflush(stdout);
        }
    }
}

// The descriptor limit's hard ceiling, for us and (inherited) the server we start.
void raiseFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    ::getrlimit(RLIMIT_NOFILE, &limit);
    std::printf("RLIMIT_NOFILE: %llu\n", static_cast<unsigned long long>(limit.rlim_cur));
}

// Starts reqlanes-server and returns its URL from the "listening on" line, or empty.
QString startServer(QProcess &server) {
    server.setProgram(QStringLiteral(REQLANES_SERVER_PATH));
    server.setArguments({QStringLiteral("--mode"), QStringLiteral("async"),
                         QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--latency-ms"), QString::number(bench::kLatencyMs)});
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start();
    if (!server.waitForStarted(5000))
        return {};
    static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QByteArray output;
    while (server.waitForReadyRead(5000)) {
        output += server.readAll();
        if (const auto match = listening.match(QString::fromUtf8(output)); match.hasMatch())
            return match.captured(1);
    }
    return {};
}

void scale(Outcome &outcome) {
    std::printf("\nScale: async, %d requests, reqlanes-server --mode async, %d ms per request\n",
                kScaleRequests, bench::kLatencyMs);
    raiseFileLimit();
    QProcess server;
    const QString url = startServer(server);
    if (url.isEmpty()) {
        std::printf("could not start %s\n", REQLANES_SERVER_PATH);
        outcome.allOk = false;
        return;
    }
    Scenario scenario;
    scenario.strategy = QStringLiteral("async");
    scenario.n = kScaleRequests;
    scenario.timeoutMs = 60000;
    scenario.targetUrl = url;
    const Run run = runScenario(scenario);
    server.terminate();
    server.waitForFinished(5000);

    const RunStats stats = computeStats(run);
    // The server overlaps every request, the client sends them all: one latency.
    const double ideal = bench::kLatencyMs / 1000.0;
    const double ratio = stats.makespanS / ideal;
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const std::size_t perRequest = RunRecorder::bytesPerRequest();
    std::printf("target %s\n", qPrintable(url));
    std::printf("makespan      %9.3f s   ideal %.3f s   ratio %.3f (target <= %.2f)\n",
                stats.makespanS, ideal, ratio, kScaleTarget);
    std::printf("ok / errors   %d / %d   peak in flight %d   p50 %.3f s   p95 %.3f s\n", stats.ok,
                stats.errors + stats.cancelled, stats.peakInFlight, stats.p50S, stats.p95S);
    std::printf("peak RSS      %.1f MiB\n", double(usage.ru_maxrss) / 1024.0);
    std::printf("recorder      %zu bytes per request (target <= 128), %.2f MiB for the run\n",
                perRequest, double(perRequest) * kScaleRequests / (1024.0 * 1024.0));
    std::printf("snapshot      %zu bytes per RequestRecord\n", sizeof(RequestRecord));
    if (!run.error.isEmpty())
        std::printf("run error: %s\n", qPrintable(run.error));
    outcome.allOk = outcome.allOk && run.error.isEmpty() && stats.ok == kScaleRequests;
    outcome.withinTargets = outcome.withinTargets && ratio <= kScaleTarget && perRequest <= 128;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv); // the async strategies run a Qt event loop
    const bool quick = QCoreApplication::arguments().contains(QStringLiteral("--quick"));
    Outcome outcome;
    fidelity(quick, outcome);
    if (!quick)
        scale(outcome);
    std::printf("\n%s\n", !outcome.allOk          ? "SOME REQUESTS FAILED"
                          : outcome.withinTargets ? "all within targets"
                                                  : "some figures over target");
    return outcome.allOk ? 0 : 1;
}
