// bench_traced: is a traced Python program drawn like the built-in strategy that does the same?
//
// examples/aiohttp_semaphore.py (9 requests, asyncio.Semaphore(3), real aiohttp) runs under the
// tracer against a watch server with 3 sync workers x 1 s, and the built-in `async-semaphore`
// strategy runs N=9 limit 3 against the same settings. Requests are paired in the order they
// reached a worker, times counted from each run's first request, and every phase the two share is
// compared. Goal: each within 2 % of its time or 10 ms, whichever is larger.
//
// Usage: bench_traced [--python PATH]   (default /usr/bin/python3; needs python3-aiohttp)

#include "benchfigures.h"

#include "run/runner.h"
#include "talkserver.h"
#include "watch/tracedprogram.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

constexpr int kRequests = 9;
constexpr int kLimit = 3;
constexpr double kRelativeGoal = 0.02;
constexpr double kAbsoluteGoalMs = 10;

std::optional<Run> tracedSession(const QString &python, QString *error) {
    WatchSettings watch;
    watch.idleGapNs = 10'000'000'000;
    watch.lookUpProcesses = false;
    watch.server = bench::talkServer();
    WatchRecorder recorder(watch);
    WatchServer server(&recorder);
    WatchServerOptions options;
    options.port = 0;
    options.portRequired = true;
    options.server = bench::talkServer();
    if (!server.start(options, error))
        return std::nullopt;
    const auto command =
        programCommand({python, QStringLiteral(REQLANES_EXAMPLES_DIR "/aiohttp_semaphore.py"),
                        QString::number(kRequests), QString::number(kLimit)},
                       server.url(), tracerPathForThisProgram(), error);
    if (!command)
        return std::nullopt;
    TracedProgram program;
    QEventLoop loop;
    int exitCode = -1;
    QObject::connect(&program, &TracedProgram::finished, &loop, [&](int code, const QString &) {
        exitCode = code;
        loop.quit();
    });
    QObject::connect(&program, &TracedProgram::output, [](const QByteArray &bytes, bool) {
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
    });
    if (!program.start(*command, error))
        return std::nullopt;
    QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
    loop.exec();
    recorder.endSession();
    server.stop();
    if (exitCode != 0) {
        *error = QStringLiteral("the script exited with %1").arg(exitCode);
        return std::nullopt;
    }
    std::vector<Run> sessions = recorder.takeFinishedSessions();
    if (sessions.size() != 1) {
        *error = QStringLiteral("%1 sessions").arg(sessions.size());
        return std::nullopt;
    }
    return sessions.front();
}

// The requests in the order they reached a worker, with times from the run's first request.
std::vector<RequestRecord> byServerStart(const Run &run) {
    std::vector<RequestRecord> records = run.requests;
    Nanos first = kUnset;
    for (const RequestRecord &record : records)
        if (record.has(Phase::Created))
            first = first == kUnset ? record.phase(Phase::Created)
                                    : std::min(first, record.phase(Phase::Created));
    for (RequestRecord &record : records)
        for (Nanos &at : record.at)
            if (at != kUnset)
                at -= first;
    std::stable_sort(records.begin(), records.end(),
                     [](const RequestRecord &a, const RequestRecord &b) {
                         return a.phase(Phase::ServerStart) < b.phase(Phase::ServerStart);
                     });
    return records;
}

} // namespace

int main(int argc, char **argv) {
    if (const int status = reqlanes::bench::checkArguments(argc, argv, {"--python="},
                                                           "usage: bench_traced [--python PATH]");
        status >= 0)
        return status;
    QCoreApplication app(argc, argv);
    QString python = QStringLiteral("/usr/bin/python3");
    const QStringList arguments = app.arguments();
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--python"));
        at >= 0 && at + 1 < arguments.size())
        python = arguments[at + 1];

    std::printf("Traced aiohttp_semaphore.py vs built-in async-semaphore: N=%d limit %d, %d sync "
                "workers x %d ms\n",
                kRequests, kLimit, bench::kWorkers, bench::kLatencyMs);
    QString error;
    const std::optional<Run> traced = tracedSession(python, &error);
    if (!traced) {
        std::printf("traced run failed: %s\n", qPrintable(error));
        return 1;
    }
    Scenario scenario;
    scenario.strategy = QStringLiteral("async-semaphore");
    scenario.n = kRequests;
    scenario.limit = kLimit;
    scenario.server = bench::talkServer();
    const Run builtIn = runScenario(scenario);
    if (int(traced->requests.size()) != kRequests || builtIn.okCount() != kRequests ||
        traced->okCount() != kRequests) {
        std::printf("FAILED: traced %zu requests (%d ok), built-in %d ok\n",
                    traced->requests.size(), traced->okCount(), builtIn.okCount());
        return 1;
    }
    const std::vector<RequestRecord> a = byServerStart(*traced), b = byServerStart(builtIn);

    std::printf("%-14s %8s %12s %12s %10s  %s\n", "phase", "pairs", "worst diff", "at (built-in)",
                "goal", "");
    bool within = true;
    for (int p = 0; p < kPhaseCount; ++p) {
        const Phase phase = Phase(p);
        int pairs = 0;
        double worstMs = 0, worstAtMs = 0, worstGoalMs = kAbsoluteGoalMs;
        bool phaseWithin = true;
        for (int i = 0; i < kRequests; ++i) {
            if (!a[std::size_t(i)].has(phase) || !b[std::size_t(i)].has(phase))
                continue;
            ++pairs;
            const double atMs = double(b[std::size_t(i)].phase(phase)) / 1e6;
            const double diffMs =
                std::abs(double(a[std::size_t(i)].phase(phase) - b[std::size_t(i)].phase(phase))) /
                1e6;
            const double goalMs = std::max(kAbsoluteGoalMs, kRelativeGoal * atMs);
            if (diffMs > goalMs)
                phaseWithin = false;
            if (diffMs >= worstMs) {
                worstMs = diffMs;
                worstAtMs = atMs;
                worstGoalMs = goalMs;
            }
        }
        within = within && phaseWithin;
        std::printf("%-14s %8d %10.1fms %10.1fms %8.1fms  %s\n", qPrintable(phaseName(phase)),
                    pairs, worstMs, worstAtMs, worstGoalMs,
                    pairs == 0    ? "not in both"
                    : phaseWithin ? "ok"
                                  : "OVER GOAL");
    }
    std::printf("every shared phase within 2 %% or 10 ms: %s\n", within ? "yes" : "NO");
    return within ? 0 : 2;
}
