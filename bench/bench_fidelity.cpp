// bench_fidelity: are the numbers on screen true, and does a big run stay cheap?
//
// Fidelity: every strategy against the embedded server (3 sync workers, 1 s per request), N=3
// and N=9 behind a limit of 3; measured makespan over the ideal ceil(N / min(W, C)) x L.
// Targets: <= 1.01 in-process, <= 1.05 for `processes` (it pays for starting processes).
//
// Scale: `async` with 10,000 requests against `reqlanes-server --mode async` (latency 1 s) in a
// separate process: one process cannot hold 10k client plus 10k server sockets under the
// descriptor limit. Reports the ratio to the ideal 1 s (target <= 1.25, issue 21), where each
// phase falls after `created` (p50 / max), peak RSS and the recorder's bytes per request (target
// <= 128); then `hey -n 10000 -c 10000` against a fresh server of the same kind, side by side
// (its "Total:" and, through /usr/bin/time -v, its peak RSS), or why it was skipped.
//
// Issue 21, on the 2-core machine while another build and benchmark ran on it (3 runs each,
// median and range; the machine's load moved every figure by +-0.15 s, hey's time with it):
//   before  ratio 1.60 (1.60-1.62); created -> connect start p50 0.24 s (0.24-0.32), the last
//           0.48-0.52 s (since changed: 64 starts a loop turn, a connected socket sent a turn
//           later, the descriptor table grown mid-storm, the server accepting 256 a wake-up).
//   after   ratio 1.41 (1.38-1.62); created -> connect start p50 0.19 s (0.18-0.21), the last
//           0.35-0.53 s. Interleaved with the old build, scale only: 1.35 / 1.40 / 1.62 against
//           1.50 / 1.54 / 1.71 (hey 2.0-2.8 s both).
//   hey     2.46 s (2.04-2.80), peak RSS 388 MiB (373-396); ours 30 MiB (the whole bench).
// Not met: one thread here opens 19,000-30,000 loopback connections/s with their sends (a plain
// C loop of socket, connect, send, epoll_ctl measured the same minutes), so the storm alone takes
// 0.33-0.5 s; at the tail the server's handlers end 20-90 ms late (Server-Timing app > 1 s).
// Since then the scale run also prints the machine's floor ("floor": bare socket + connect from
// one thread, nothing sent): on 2026-12-04, 0.235-0.247 s for 10,000, so no client here gets
// under 1.24-1.25; the async run measured 1.40-1.52 the same hour (hey 2.17-2.58 s).
// Later (session 11): the request is sent on a socket still connecting and the send says whether
// it is (no poll and getsockopt first). Interleaved with the build before, 3 runs each: ratio
// 1.45 / 1.50 / 1.43 against 1.51 / 1.57 / 1.53, the last connect start 0.38-0.50 s against
// 0.48-0.57 s; floor 0.21-0.24 s (1.21-1.24). Loopback runs the peer's side of a handshake and
// of a send in the caller's thread, so what is left over the floor is mostly the kernel's.
// The scale run now prints a second floor, each connect sending its request as any client must:
// 0.27-0.29 s for 10,000 on a quiet machine, so no one-thread client here gets under 1.27-1.29;
// the async run measured 1.38-1.42 the same minutes (its last connect start at 0.38-0.41 s).
//
// Usage: bench_fidelity [--quick | --scale]   (--quick: N=3 only, no scale run; a smoke test;
// --scale: the scale run only)

#include "benchfigures.h"
#include "results/runstats.h"
#include "run/runner.h"
#include "run/runrecorder.h"
#include "run/strategyregistry.h"
#include "talkserver.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <QElapsedTimer>
#include <QUrl>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace reqlanes;

namespace {

constexpr int kScaleRequests = 10000;
constexpr double kInProcessTarget = 1.01;
constexpr double kProcessesTarget = 1.05;
constexpr double kScaleTarget = 1.25;

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

// Median and largest time from `created` to `phase` over the requests that reached it, in s.
std::pair<double, double> sinceCreated(const Run &run, Phase phase) {
    std::vector<Nanos> spans;
    spans.reserve(run.requests.size());
    for (const RequestRecord &record : run.requests)
        if (const Nanos span = record.span(Phase::Created, phase); span != kUnset)
            spans.push_back(span);
    if (spans.empty())
        return {NAN, NAN};
    const auto middle = spans.begin() + std::ptrdiff_t(spans.size() / 2);
    std::nth_element(spans.begin(), middle, spans.end());
    return {nanosToSeconds(*middle), nanosToSeconds(*std::max_element(spans.begin(), spans.end()))};
}

// Where the makespan goes: each client phase's median and last arrival after `created`.
void printPhases(const Run &run) {
    std::printf("since created (p50 / max, s):");
    for (const Phase phase : {Phase::Acquired, Phase::ConnectStart, Phase::Connected, Phase::Sent,
                              Phase::FirstByte, Phase::Done}) {
        const auto [median, last] = sinceCreated(run, phase);
        std::printf("  %s %.3f / %.3f", qPrintable(phaseName(phase)), median, last);
    }
    std::printf("\n");
}

// What `hey -n N -c N` made of the same kind of server: its "Total:" time and its peak RSS.
struct HeyOutcome {
    QString skipped; // why it did not run or could not be read, else empty
    double totalS = NAN;
    double rssMiB = NAN;
    int ok = 0; // 200 responses
};

// Peak RSS in MiB from GNU time's -v report, NAN when it has none.
double timeReportRssMiB(const QString &report) {
    static const QRegularExpression rss(
        QStringLiteral("Maximum resident set size \\(kbytes\\): (\\d+)"));
    const auto match = rss.match(report);
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : NAN;
}

HeyOutcome runHey() {
    const QString hey = QStandardPaths::findExecutable(QStringLiteral("hey"));
    if (hey.isEmpty())
        return {QStringLiteral("hey not found on PATH (Debian package hey)")};
    QProcess server;
    const QString url = startServer(server);
    if (url.isEmpty())
        return {QStringLiteral("could not start a server for it")};
    const QStringList heyArguments{QStringLiteral("-n"), QString::number(kScaleRequests),
                                   QStringLiteral("-c"), QString::number(kScaleRequests), url};
    // GNU time reports the peak RSS of hey alone; without it, the largest child we have waited
    // for, which is hey only if it outgrew the servers before it.
    const QString time = QStringLiteral("/usr/bin/time");
    const bool timed = QFileInfo(time).isExecutable();
    rusage before{};
    ::getrusage(RUSAGE_CHILDREN, &before);
    QProcess process;
    if (timed)
        process.start(time, QStringList{QStringLiteral("-v"), hey} + heyArguments);
    else
        process.start(hey, heyArguments);
    const bool finished = process.waitForFinished(120'000);
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    if (!finished)
        process.kill();
    server.terminate();
    server.waitForFinished(5000);
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {QStringLiteral("hey failed: %1").arg(errors.trimmed().left(200))};

    HeyOutcome outcome;
    static const QRegularExpression total(QStringLiteral("Total:\\s+([0-9.]+) secs"));
    if (const auto match = total.match(output); match.hasMatch())
        outcome.totalS = match.captured(1).toDouble();
    else
        outcome.skipped = QStringLiteral("no \"Total:\" line in hey's output");
    if (timed) {
        outcome.rssMiB = timeReportRssMiB(errors);
    } else {
        rusage after{};
        ::getrusage(RUSAGE_CHILDREN, &after);
        if (after.ru_maxrss > before.ru_maxrss)
            outcome.rssMiB = double(after.ru_maxrss) / 1024.0;
    }
    static const QRegularExpression ok(QStringLiteral("\\[200\\]\\s+(\\d+) responses"));
    const auto okMatch = ok.match(output);
    outcome.ok = okMatch.hasMatch() ? okMatch.captured(1).toInt() : 0;
    return outcome;
}

// One line: our async run against hey on a fresh server of the same kind.
void sideBySide(double ourS, double ourRssMiB) {
    std::printf("\nSide by side: hey -n %d -c %d against a fresh reqlanes-server --mode async "
                "--latency-ms %d\n",
                kScaleRequests, kScaleRequests, bench::kLatencyMs);
    std::fflush(stdout);
    const HeyOutcome hey = runHey();
    if (!hey.skipped.isEmpty()) {
        std::printf("side by side: skipped, %s\n", qPrintable(hey.skipped));
        return;
    }
    const QString heyRss = std::isnan(hey.rssMiB)
                               ? QStringLiteral("RSS unknown")
                               : QStringLiteral("RSS %1 MiB").arg(hey.rssMiB, 0, 'f', 0);
    std::printf("hey           %d / %d ok\n", hey.ok, kScaleRequests);
    std::printf("side by side: reqlanes async %.2f s (RSS %.0f MiB), hey %.2f s (%s): %s\n", ourS,
                ourRssMiB, hey.totalS, qPrintable(heyRss),
                ourS < hey.totalS   ? "reqlanes ahead"
                : ourS > hey.totalS ? "hey ahead"
                                    : "even");
}

// The machine's floor for the scale run: one thread opening kScaleRequests loopback connections
// to a fresh server of the same kind, each a socket() and a non-blocking connect() and nothing
// else (no request recorded); with `send`, each also sends a request as small as the client's (a
// socket still connecting waits until writable first). No client that sends its requests does
// better than the second storm plus one latency. Seconds, or NaN when it could not be measured.
double bareConnectStormS(bool send) {
    QProcess server;
    const QUrl url(startServer(server));
    if (!url.isValid() || url.port() <= 0)
        return std::nan("");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(url.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const QByteArray request = QStringLiteral("GET / HTTP/1.1\r\nHost: 127.0.0.1:%1\r\n"
                                              "Connection: close\r\n\r\n")
                                   .arg(url.port())
                                   .toLatin1();
    std::vector<int> sockets;
    sockets.reserve(kScaleRequests);
    bool failed = false;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kScaleRequests && !failed; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            break;
        sockets.push_back(fd);
        failed = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0 &&
                 errno != EINPROGRESS;
        if (!send || failed)
            continue;
        ssize_t sent = ::send(fd, request.constData(), std::size_t(request.size()), MSG_NOSIGNAL);
        if (sent < 0 && errno == EAGAIN) {
            pollfd writable{fd, POLLOUT, 0};
            ::poll(&writable, 1, 1000);
            sent = ::send(fd, request.constData(), std::size_t(request.size()), MSG_NOSIGNAL);
        }
        failed = sent != request.size();
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const bool all = !failed && int(sockets.size()) == kScaleRequests;
    for (const int fd : sockets)
        ::close(fd);
    server.terminate();
    server.waitForFinished(5000);
    return all ? seconds : std::nan("");
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
    printPhases(run);
    std::printf("peak RSS      %.1f MiB\n", double(usage.ru_maxrss) / 1024.0);
    std::printf("recorder      %zu bytes per request (target <= 128), %.2f MiB for the run\n",
                perRequest, double(perRequest) * kScaleRequests / (1024.0 * 1024.0));
    std::printf("snapshot      %zu bytes per RequestRecord\n", sizeof(RequestRecord));
    if (!run.error.isEmpty())
        std::printf("run error: %s\n", qPrintable(run.error));
    for (const bool send : {false, true}) {
        const double floorS = bareConnectStormS(send);
        const char *what = send ? "connects, each sending its request," : "bare connects";
        if (std::isnan(floorS))
            std::printf("floor         not measured (a fresh server or %d sockets failed)\n",
                        kScaleRequests);
        else
            std::printf("floor         %d %s from one thread took %.3f s here: no client on "
                        "this machine that %s gets under ratio %.2f\n",
                        kScaleRequests, what, floorS, send ? "sends them" : "connects",
                        (ideal + floorS) / ideal);
    }
    sideBySide(stats.makespanS, double(usage.ru_maxrss) / 1024.0);
    outcome.allOk = outcome.allOk && run.error.isEmpty() && stats.ok == kScaleRequests;
    outcome.withinTargets = outcome.withinTargets && ratio <= kScaleTarget && perRequest <= 128;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv); // the async strategies run a Qt event loop
    if (const int status = reqlanes::bench::checkArguments(
            argc, argv, {"--quick", "--scale"}, "usage: bench_fidelity [--quick | --scale]");
        status >= 0)
        return status;
    const bool quick = QCoreApplication::arguments().contains(QStringLiteral("--quick"));
    const bool scaleOnly = QCoreApplication::arguments().contains(QStringLiteral("--scale"));
    Outcome outcome;
    if (!scaleOnly)
        fidelity(quick, outcome);
    if (!quick)
        scale(outcome);
    std::printf("\n%s\n", !outcome.allOk          ? "SOME REQUESTS FAILED"
                          : outcome.withinTargets ? "all within targets"
                                                  : "some figures over target");
    return outcome.allOk ? 0 : 1;
}
