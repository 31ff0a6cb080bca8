// The talk's example scripts run traced (python3 -m reqlanes_trace, real Python, real aiohttp and
// requests) against a real watch server: each one session whose requests have the client-side
// phases joined onto the server's (watch/clienttrace.h), the lanes by task, client thread and
// process, and the findings that name the client's own limits. Skipped with a reason without
// python3-aiohttp / python3-requests (scripts/test installs them).
#include "results/findings.h"
#include "results/lanegroupings.h"
#include "results/timelinespans.h"
#include "syntheticrun.h"
#include "watch/tracedprogram.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "qtcoreenvironment.h"

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

using reqlanes::testing::kMs;
// A noisy 2-core machine: Python start-up, event batches and the scheduler all move times.
constexpr Nanos kTolerance = 150 * kMs;

struct Traced {
    Run session;
    int exitCode = -1;
    QByteArray output;
};

// The Debian python3 when it has the libraries the examples use (a version manager's shim on
// PATH may not); "" otherwise.
QString pythonWith(const char *modules) {
    for (const QString &python : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import %1").arg(modules)});
        if (probe.waitForFinished(30'000) && probe.exitStatus() == QProcess::NormalExit &&
            probe.exitCode() == 0)
            return python;
    }
    return {};
}

// Runs examples/<script> traced, with the server's URL first, and returns its one session.
std::optional<Traced> runTraced(const QString &python, const QString &script,
                                const QStringList &arguments, const ServerSettings &settings,
                                QString *why) {
    WatchSettings watch;
    watch.idleGapNs = 5'000'000'000; // the program's exit ends the session, never a gap
    watch.lookUpProcesses = false;   // the tracer says which process sent what
    watch.server = settings;
    WatchRecorder recorder(watch);
    WatchServer server(&recorder);
    WatchServerOptions options;
    options.port = 0;
    options.portRequired = true;
    options.server = settings;
    if (!server.start(options, why))
        return std::nullopt;

    QStringList command{python, QStringLiteral(REQLANES_EXAMPLES_DIR "/") + script};
    command += arguments;
    const auto program = programCommand(command, server.url(), tracerPathForThisProgram(), why);
    if (!program)
        return std::nullopt;
    Traced traced;
    TracedProgram process;
    QObject::connect(&process, &TracedProgram::output,
                     [&traced](const QByteArray &bytes, bool) { traced.output += bytes; });
    QSignalSpy finished(&process, &TracedProgram::finished);
    if (!process.start(*program, why))
        return std::nullopt;
    if (!finished.wait(120'000)) {
        *why = QStringLiteral("%1 did not finish in 120 s").arg(script);
        return std::nullopt;
    }
    traced.exitCode = finished.front().at(0).toInt();
    recorder.endSession(); // as the CLI and the window do when the program exits
    server.stop();
    std::vector<Run> sessions = recorder.takeFinishedSessions();
    if (sessions.size() != 1) {
        *why = QStringLiteral("%1 sessions instead of one").arg(sessions.size());
        return std::nullopt;
    }
    traced.session = std::move(sessions.front());
    return traced;
}

// The example run traced against a server of `settings`, its one session; skipped without the
// Python library `module`, a failure when it does not run through.
std::optional<reqlanes::Run> traceExample(const char *module, const char *script,
                                          const QStringList &arguments,
                                          const ServerSettings &settings) {
    const QString python = pythonWith(module);
    if (python.isEmpty()) {
        [module] { GTEST_SKIP() << "needs python3-" << module; }();
        return std::nullopt;
    }
    QString why;
    const auto traced = runTraced(python, QString::fromLatin1(script), arguments, settings, &why);
    if (!traced) {
        ADD_FAILURE() << why.toStdString();
        return std::nullopt;
    }
    EXPECT_EQ(traced->exitCode, 0) << traced->output.toStdString();
    return traced->session;
}

const Finding *findingOf(const std::vector<Finding> &findings, FindingKind kind) {
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [kind](const Finding &f) { return f.kind == kind; });
    return it == findings.end() ? nullptr : &*it;
}

// A pointer into a temporary's findings would dangle once the statement ends.
const Finding *findingOf(std::vector<Finding> &&findings, FindingKind kind) = delete;

LaneGrouping groupingNamed(const char *id) {
    return laneGroupingFromName(QString::fromLatin1(id)).value_or(LaneGrouping::Request);
}

std::string describe(const Run &run) {
    std::string text;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const RequestRecord &r = run.requests[i];
        text += (i < run.origins.size() ? run.origins[i].requestId.toStdString() : "?") + ":";
        for (int p = 0; p < kPhaseCount; ++p)
            text +=
                " " + (r.at[std::size_t(p)] == kUnset ? std::string("-")
                                                      : std::to_string(r.at[std::size_t(p)] / kMs));
        text += " " + statusName(r.status).toStdString() + "\n";
    }
    return text;
}

ServerSettings syncServer(int latencyMs) {
    ServerSettings settings;
    settings.workers = 3;
    settings.latencyMs = latencyMs;
    return settings;
}

} // namespace

// The talk's picture: 9 requests through a semaphore of 3 against 3 workers, three waves; the
// six held back wait one and two latencies for the semaphore, in the client.
TEST(TracedSession, AiohttpSemaphoreWaitsAreTheSemaphoresInTheClient) {
    constexpr int kLatencyMs = 300;
    const auto traced =
        traceExample("aiohttp", "aiohttp_semaphore.py", {QStringLiteral("9"), QStringLiteral("3")},
                     syncServer(kLatencyMs));
    if (!traced)
        return;
    const reqlanes::Run &run = *traced;
    ASSERT_EQ(run.requests.size(), 9u) << describe(run);
    ASSERT_EQ(run.clientSides.size(), 9u);
    EXPECT_EQ(run.okCount(), 9) << describe(run);

    std::vector<Nanos> waits;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const RequestRecord &r = run.requests[i];
        const ClientSide &side = run.clientSides[i];
        EXPECT_EQ(side.library, QStringLiteral("aiohttp"));
        EXPECT_EQ(side.semaphore.what, ClientWait::Semaphore);
        EXPECT_EQ(side.semaphore.limit, 3);
        EXPECT_FALSE(side.task.isEmpty());
        // gather() creates all nine at once: every one is created in the first moment.
        EXPECT_LT(r.phase(Phase::Created), kTolerance) << describe(run);
        // Client phases and the server's, on one clock and in order.
        for (const Phase phase : {Phase::Sent, Phase::ServerAccept, Phase::ServerStart,
                                  Phase::ServerEnd, Phase::FirstByte, Phase::Done})
            ASSERT_TRUE(r.has(phase)) << phaseName(phase).toStdString() << "\n" << describe(run);
        EXPECT_LE(r.phase(Phase::Sent), r.phase(Phase::ServerAccept) + kMs) << describe(run);
        EXPECT_LE(r.phase(Phase::ServerEnd), r.phase(Phase::FirstByte) + kMs) << describe(run);
        EXPECT_LE(r.phase(Phase::FirstByte), r.phase(Phase::Done));
        if (side.semaphore.waited())
            waits.push_back(r.span(Phase::Created, Phase::Acquired));
    }
    // Six held back: three for one latency, three for two.
    ASSERT_EQ(waits.size(), 6u) << describe(run);
    std::sort(waits.begin(), waits.end());
    for (std::size_t i = 0; i < 6; ++i)
        EXPECT_NEAR(double(waits[i]), double((i < 3 ? 1 : 2) * kLatencyMs * kMs),
                    double(kTolerance))
            << describe(run);
    // Keep-alive: three connections, opened by the first wave only.
    EXPECT_EQ(run.connections.size(), 3u);
    EXPECT_EQ(std::count_if(run.requests.begin(), run.requests.end(),
                            [](const RequestRecord &r) { return r.has(Phase::ConnectStart); }),
              3);

    const std::vector<Finding> findings = explainRun(run);
    const Finding *waiting = findingOf(findings, FindingKind::ClientWaiting);
    ASSERT_NE(waiting, nullptr);
    EXPECT_EQ(waiting->numbers.value(QStringLiteral("waited_for")).toString(),
              QStringLiteral("semaphore"));
    EXPECT_EQ(waiting->numbers.value(QStringLiteral("requests")).toInt(), 6);
    EXPECT_TRUE(waiting->text.startsWith(QStringLiteral("The semaphore held 6 of 9 requests back")))
        << waiting->text.toStdString();
    EXPECT_EQ(findingOf(findings, FindingKind::HiddenCap), nullptr)
        << "the client said why: nothing to guess";

    // By asyncio task: nine tasks, each with its request, its semaphore wait drawn as waiting.
    const TimelineSpans byTask = buildTimelineSpans(run, groupingNamed("task"));
    EXPECT_EQ(byTask.lanes.size(), 9u);
    int waitingSpans = 0;
    for (const TimelineRow &row : byTask.rows)
        for (const Span &span : row.spans)
            waitingSpans += span.kind == SpanKind::Waiting && span.end - span.start > 0.1;
    EXPECT_EQ(waitingSpans, 6);
}

// aiohttp's timeout clock runs while a request waits for a connection: with a connector of 3 and
// a timeout between one and two latencies, the second wave times out in the server and the rest
// time out in the client, never sent.
TEST(TracedSession, TimeoutWhileWaitingForAConnectionIsDrawnInTheClientOnly) {
    constexpr int kLatencyMs = 300;
    const auto traced = traceExample(
        "aiohttp", "aiohttp_timeout.py",
        {QStringLiteral("10"), QStringLiteral("3"), QStringLiteral("0.5")}, syncServer(kLatencyMs));
    if (!traced)
        return;
    const reqlanes::Run &run = *traced;
    ASSERT_EQ(run.requests.size(), 10u) << describe(run);
    int timedOut = 0, neverSent = 0;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const RequestRecord &r = run.requests[i];
        const ClientSide &side = run.clientSides[i];
        if (r.status != RequestStatus::Timeout)
            continue;
        ++timedOut;
        EXPECT_NEAR(double(r.span(Phase::Created, Phase::Done)), 500.0 * kMs, double(kTolerance))
            << describe(run);
        if (r.has(Phase::ServerAccept))
            continue;
        ++neverSent;
        // Waited for a connection until it gave up: no server phase, no send. (One may get a
        // connection as the deadline hits: the requests holding them time out that moment.)
        EXPECT_EQ(side.connection.what, ClientWait::Connector);
        if (side.connection.to != kUnset) {
            EXPECT_LT(r.phase(Phase::Done) - side.connection.to, 30 * kMs) << describe(run);
        }
        for (const Phase phase : {Phase::Sent, Phase::ServerStart, Phase::FirstByte})
            EXPECT_FALSE(r.has(phase)) << phaseName(phase).toStdString();
        std::vector<Span> spans;
        appendRequestSpans(r, run.elapsed, spans, significantWait(run));
        ASSERT_FALSE(spans.empty());
        EXPECT_EQ(spans.front().kind, SpanKind::Waiting);
        EXPECT_GT(spans.front().end - spans.front().start, 0.45) << "drawn waiting, in the client";
    }
    EXPECT_EQ(timedOut, 7) << describe(run);
    EXPECT_EQ(neverSent, 4) << describe(run);

    const std::vector<Finding> findings = explainRun(run);
    const Finding *timeouts = findingOf(findings, FindingKind::ClientTimeouts);
    ASSERT_NE(timeouts, nullptr);
    EXPECT_EQ(timeouts->numbers.value(QStringLiteral("timed_out")).toInt(), 7);
    EXPECT_EQ(timeouts->numbers.value(QStringLiteral("never_reached_server")).toInt(), 4);
    EXPECT_EQ(timeouts->text,
              QStringLiteral("7 requests timed out after 500 ms; 4 of them waited the whole time "
                             "for a connection and never reached the server."));
}

// aiohttp's default connector (100 connections) against a server that takes all 300 at once:
// the 200 beyond the limit wait for a connection, in the client, and the finding says so.
TEST(TracedSession, AiohttpCapDrawsTheConnectorQueue) {
    ServerSettings settings;
    settings.mode = server::ServerMode::Async;
    settings.latencyMs = 300;
    const auto traced =
        traceExample("aiohttp", "aiohttp_cap.py", {QStringLiteral("300")}, settings);
    if (!traced)
        return;
    const reqlanes::Run &run = *traced;
    ASSERT_EQ(run.requests.size(), 300u);
    EXPECT_EQ(run.okCount(), 300);
    const int queued = int(
        std::count_if(run.clientSides.begin(), run.clientSides.end(), [](const ClientSide &side) {
            return side.connection.what == ClientWait::Connector && side.connection.limit == 100 &&
                   side.connection.waited() &&
                   side.connection.to - side.connection.from > 100 * kMs;
        }));
    EXPECT_EQ(queued, 200);
    const std::vector<Finding> findings = explainRun(run);
    const Finding *waiting = findingOf(findings, FindingKind::ClientWaiting);
    ASSERT_NE(waiting, nullptr);
    EXPECT_TRUE(waiting->text.startsWith(
        QStringLiteral("aiohttp's connector allows 100 connections: 200 of 300 requests waited")))
        << waiting->text.toStdString();
}

TEST(TracedSession, ThreadsAreLanesByClientThread) {
    const auto traced = traceExample("requests", "threads.py", {}, syncServer(300));
    if (!traced)
        return;
    const reqlanes::Run &run = *traced;
    ASSERT_EQ(run.requests.size(), 3u) << describe(run);
    std::set<std::int32_t> threads;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        EXPECT_EQ(run.clientSides[i].library, QStringLiteral("requests"));
        threads.insert(run.requests[i].threadId);
    }
    EXPECT_EQ(threads.size(), 3u);
    const TimelineSpans byThread = buildTimelineSpans(run, LaneGrouping::Thread);
    ASSERT_EQ(byThread.lanes.size(), 3u);
    // Each thread's start and end sit on its own lane.
    int started = 0;
    for (const LaneMark &mark : byThread.marks)
        started += mark.kind == LaneEventKind::ThreadStarted;
    EXPECT_EQ(started, 3);
}

TEST(TracedSession, ProcessesAreLanesByClientProcessWithStartUpDrawn) {
    const auto traced = traceExample("requests", "processes.py", {}, syncServer(300));
    if (!traced)
        return;
    const reqlanes::Run &run = *traced;
    ASSERT_EQ(run.requests.size(), 3u) << describe(run);
    const TimelineSpans byProcess = buildTimelineSpans(run, LaneGrouping::Process);
    ASSERT_EQ(byProcess.lanes.size(), 3u) << "three pool workers, the parent sent nothing";
    // Every worker's start-up on its lane; the requests on the lanes of the workers that took
    // them (the pool hands them to whichever worker asks first).
    std::set<int> requestsOnLanes;
    for (const TimelineLane &lane : byProcess.lanes) {
        bool startUp = false;
        for (int row = lane.firstRow; row < lane.firstRow + lane.rowCount; ++row)
            for (const Span &span : byProcess.rows[std::size_t(row)].spans) {
                startUp |= span.kind == SpanKind::StartUp;
                if (span.request >= 0)
                    requestsOnLanes.insert(span.request);
            }
        EXPECT_TRUE(startUp) << lane.label.toStdString();
    }
    EXPECT_EQ(requestsOnLanes.size(), 3u);
    const std::vector<Finding> findings = explainRun(run);
    EXPECT_NE(findingOf(findings, FindingKind::StartupCost), nullptr);
}

TEST(TracedSession, SequentialRequestsShareOneKeptAliveConnection) {
    const auto traced = traceExample("requests", "sequential.py", {}, syncServer(200));
    if (!traced)
        return;
    const reqlanes::Run &run = *traced;
    ASSERT_EQ(run.requests.size(), 3u) << describe(run);
    EXPECT_EQ(run.connections.size(), 1u);
    EXPECT_TRUE(run.requests[0].has(Phase::ConnectStart)) << describe(run);
    EXPECT_FALSE(run.requests[1].has(Phase::ConnectStart)) << describe(run);
    EXPECT_FALSE(run.requests[2].has(Phase::ConnectStart)) << describe(run);
    for (std::size_t i = 1; i < run.requests.size(); ++i)
        EXPECT_GE(run.requests[i].phase(Phase::Created), run.requests[i - 1].phase(Phase::Done));
}
