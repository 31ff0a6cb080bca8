// The rules a watch session holds to (issue 17), with real sockets against the real server on
// loopback: a session never ends while a request is in progress (head trickling in, in a
// handler whose client left), sessions never overlap, each request is timed from its own first
// byte (a connection's idle time is the connection's; a pipelined request waits behind the one
// before it), and requests and client processes are named as their clients name them.
#include "results/lanelayout.h"
#include "results/timelinespans.h"
#include "results/watchlanes.h"
#include "syntheticrun.h"
#include "watch/watchrecorder.h"

#include "childprogram.h"
#include "testhttpclient.h"
#include "watchedserver.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <sys/socket.h>

#include <chrono>
#include <thread>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

constexpr int kRulesLatencyMs = 200;
using reqlanes::testing::kMs;
constexpr int kGapMs = 300;

class WatchSessionRules : public ::testing::Test {
protected:
    void start(int headerTimeoutMs = 5000) {
        WatchSettings settings;
        settings.idleGapNs = kGapMs * kMs;
        server::ServerConfig config;
        config.workers = 3;
        config.latencyMs = kRulesLatencyMs;
        config.headerTimeoutMs = headerTimeoutMs;
        ASSERT_TRUE(m_watched.start(settings, config)) << m_watched.error().toStdString();
    }
    void TearDown() override { m_watched.stop(); }

    // Waits `ms` of the test's own pacing (how slowly a client sends, how long it stays idle),
    // asking the recorder for finished sessions meanwhile as the app's timer would; returns
    // how many ended.
    std::size_t pollFor(int ms) {
        std::size_t ended = 0;
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < until) {
            m_watched.recorder().poll();
            ended += m_watched.recorder().takeFinishedSessions().size();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return ended;
    }

    WatchedServer m_watched;
};

double seconds(Nanos at) {
    return double(at) / 1e9;
}

// The spans of `kind` on `lane` of a grouping.
std::vector<Span> spansOn(const TimelineSpans &spans, int lane, SpanKind kind) {
    std::vector<Span> found;
    for (const TimelineRow &row : spans.rows)
        if (row.lane == lane)
            for (const Span &span : row.spans)
                if (span.kind == kind)
                    found.push_back(span);
    return found;
}

} // namespace

TEST_F(WatchSessionRules, AHeadTrickledInOverMoreThanTheIdleGapStaysInOneSession) {
    start();
    ASSERT_EQ(httpRequest(m_watched.port(), "GET", "/", "before").status, 200);
    // Right after it, within the gap: a head whose bytes take 3 gaps to arrive.
    TestHttpClient slow(m_watched.port());
    const std::string head = TestHttpClient::request("GET", "/", "trickled");
    const std::size_t pieces = 6;
    std::size_t ended = 0;
    for (std::size_t i = 0; i < pieces; ++i) {
        const std::size_t from = head.size() * i / pieces;
        const std::size_t to = head.size() * (i + 1) / pieces;
        ASSERT_TRUE(slow.send(std::string_view(head).substr(from, to - from)));
        if (i + 1 < pieces)
            ended += pollFor(kGapMs / 2);
    }
    EXPECT_EQ(ended, 0u) << "a session ended while a head was arriving";
    ASSERT_EQ(slow.readResponse().status, 200);
    slow.close();

    const reqlanes::Run run = m_watched.finishedSession();
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.origins[1].requestId, "trickled");
    const RequestRecord &trickled = run.requests[1];
    EXPECT_EQ(trickled.status, RequestStatus::Ok);
    // Created at its first byte, in progress (on its way) until the head was complete.
    EXPECT_GE(trickled.span(Phase::Created, Phase::Sent),
              std::int64_t(pieces - 1) * (kGapMs / 2) * kMs);
    EXPECT_LT(trickled.phase(Phase::Created), run.requests[0].phase(Phase::Done) + kGapMs * kMs);
}

TEST_F(WatchSessionRules, AClientResetWhileItsHandlerRunsKeepsTheSessionUntilTheHandlerEnds) {
    start();
    constexpr int kHandlerMs = 4 * kGapMs; // outlasts the gap after the reset several times
    TestHttpClient client(m_watched.port());
    ASSERT_TRUE(client.send(
        TestHttpClient::request("GET", "/?delay=" + std::to_string(kHandlerMs), "left-early")));
    ASSERT_TRUE(eventually([&] {
        const auto live = m_watched.recorder().liveSession();
        return live && live->requests.size() == 1 && live->requests[0].has(Phase::ServerStart);
    }));
    const linger abort{1, 0}; // RST, as a killed client's kernel would send
    ::setsockopt(client.fd(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    client.close();

    const reqlanes::Run run = m_watched.finishedSession(kHandlerMs + 5000);
    ASSERT_EQ(run.requests.size(), 1u);
    const RequestRecord &record = run.requests[0];
    EXPECT_EQ(record.status, RequestStatus::ProtocolError);
    EXPECT_TRUE(record.error.contains(QStringLiteral("reset by client")));
    // The handler's end is in the session: the worker's whole time, after the client's done.
    ASSERT_TRUE(record.has(Phase::ServerEnd));
    EXPECT_GE(record.span(Phase::ServerStart, Phase::ServerEnd), kHandlerMs * kMs);
    EXPECT_LT(record.phase(Phase::Done), record.phase(Phase::ServerEnd));
    // ...and drawn: the abandoned work ends where the handler did.
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::Request);
    const std::vector<Span> abandoned = spansOn(spans, 0, SpanKind::Abandoned);
    ASSERT_EQ(abandoned.size(), 1u);
    EXPECT_DOUBLE_EQ(abandoned[0].end, seconds(record.phase(Phase::ServerEnd)));
    EXPECT_DOUBLE_EQ(abandoned[0].start, seconds(record.phase(Phase::Done)));
}

TEST_F(WatchSessionRules, TwoSessionsNeverOverlapEvenOnAConnectionOpenedInTheFirst) {
    start();
    TestHttpClient early(m_watched.port()); // opened now, used only after the first session
    ASSERT_TRUE(early.connected());
    ASSERT_EQ(httpRequest(m_watched.port(), "GET", "/", "first").status, 200);
    const reqlanes::Run first = m_watched.finishedSession();
    ASSERT_EQ(first.requests.size(), 1u);
    ASSERT_TRUE(early.send(TestHttpClient::request("GET", "/", "second")));
    ASSERT_EQ(early.readResponse().status, 200);
    early.close();
    const reqlanes::Run second = m_watched.finishedSession();
    ASSERT_EQ(second.requests.size(), 1u);
    EXPECT_EQ(second.origins[0].requestId, "second");

    // The second begins with its request's first byte, after the first ended: not at its
    // connection's accept, which lay inside the first.
    EXPECT_EQ(second.requests[0].phase(Phase::Created), 0);
    EXPECT_EQ(second.connections.at(0).opened, kUnset); // opened before the session began
    const QDateTime firstEnd = first.startedAt.addMSecs(first.elapsed / kMs);
    // startedAt is wall-clock to the millisecond: 1 ms of rounding is all the slack there is.
    EXPECT_GE(firstEnd.msecsTo(second.startedAt), -1);
}

TEST_F(WatchSessionRules, AConnectionOpenedEarlyAndUsedLaterTimesItsRequestFromItsFirstByte) {
    start();
    constexpr int kIdleMs = 300;
    TestHttpClient busy(m_watched.port());
    ASSERT_TRUE(busy.send(TestHttpClient::request("GET", "/?delay=800", "busy")));
    ASSERT_TRUE(eventually([&] { return m_watched.recorder().inSession(); }));
    TestHttpClient idle(m_watched.port()); // opened within the session, silent for a while
    ASSERT_TRUE(idle.connected());
    ASSERT_EQ(pollFor(kIdleMs), 0u);
    ASSERT_TRUE(idle.send(TestHttpClient::request("GET", "/", "late")));
    ASSERT_EQ(idle.readResponse().status, 200);
    ASSERT_EQ(busy.readResponse().status, 200);
    busy.close();
    idle.close();

    const reqlanes::Run run = m_watched.finishedSession();
    ASSERT_EQ(run.requests.size(), 2u);
    ASSERT_EQ(run.connections.size(), 2u);
    const RequestRecord &late = run.requests[1];
    ASSERT_EQ(run.origins[1].requestId, "late");
    const ClientConnection &lateConnection =
        run.connections.at(std::size_t(run.origins[1].connection));
    ASSERT_NE(lateConnection.opened, kUnset);
    // Created at its first byte, the connection's idle time before it is not the request's.
    EXPECT_GE(late.phase(Phase::Created) - lateConnection.opened, kIdleMs * kMs);
    EXPECT_LT(late.span(Phase::Created, Phase::Sent), 50 * kMs);
    EXPECT_FALSE(late.has(Phase::Acquired)); // nothing to wait for
    // On the connection lane the request's bar starts at its first byte; before it the lane
    // is idle.
    const LaneLayout layout = layoutByConnection(run);
    EXPECT_EQ(layout.meaning, LaneMeaning::ClientExecutor);
    const int lane = layout.laneOfRequest[1];
    const TimelineSpans spans = buildTimelineSpans(run, layout);
    double firstStart = 1e9;
    for (const TimelineRow &row : spans.rows)
        if (row.lane == lane)
            for (const Span &span : row.spans)
                firstStart = std::min(firstStart, span.start);
    EXPECT_DOUBLE_EQ(firstStart, seconds(late.phase(Phase::Created)));
    EXPECT_GE(firstStart - seconds(lateConnection.opened), kIdleMs / 1000.0);
}

TEST_F(WatchSessionRules, PipelinedRequestsInOneWriteAreCreatedThenAndWaitBehindEachOther) {
    start();
    TestHttpClient client(m_watched.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/", "p1") +
                            TestHttpClient::request("GET", "/", "p2") +
                            TestHttpClient::request("GET", "/", "p3")));
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(client.readResponse().status, 200);
    client.close();

    const reqlanes::Run run = m_watched.finishedSession();
    ASSERT_EQ(run.requests.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(run.origins[i].requestId, QStringLiteral("p%1").arg(i + 1));
    // One write, one moment: all three created then.
    for (const RequestRecord &record : run.requests)
        EXPECT_EQ(record.phase(Phase::Created), run.requests[0].phase(Phase::Created));
    EXPECT_FALSE(run.requests[0].has(Phase::Acquired));
    for (std::size_t i = 1; i < 3; ++i) {
        const RequestRecord &record = run.requests[i];
        const RequestRecord &before = run.requests[i - 1];
        // It got the connection when the one before it had its response.
        ASSERT_TRUE(record.has(Phase::Acquired));
        EXPECT_GE(record.phase(Phase::Acquired), before.phase(Phase::Done));
        EXPECT_LT(record.phase(Phase::Acquired), before.phase(Phase::Done) + 50 * kMs);
        EXPECT_GE(record.span(Phase::Created, Phase::Acquired),
                  std::int64_t(i) * kRulesLatencyMs * kMs);
    }
    // Drawn as a wait on its own lane (a slot wait, design.md), and not on the connection's:
    // there the requests are busy back to back.
    const TimelineSpans byRequest = buildTimelineSpans(run, LaneGrouping::Request);
    const std::vector<Span> waits = spansOn(byRequest, 1, SpanKind::Waiting);
    ASSERT_EQ(waits.size(), 1u);
    EXPECT_DOUBLE_EQ(waits[0].start, seconds(run.requests[1].phase(Phase::Created)));
    EXPECT_DOUBLE_EQ(waits[0].end, seconds(run.requests[1].phase(Phase::Acquired)));
    EXPECT_TRUE(spansOn(byRequest, 0, SpanKind::Waiting).empty());
    const TimelineSpans byConnection = buildTimelineSpans(run, layoutByConnection(run));
    ASSERT_EQ(byConnection.laneCount(), 1);
    EXPECT_TRUE(spansOn(byConnection, 0, SpanKind::Waiting).empty());
    EXPECT_FALSE(byConnection.lanes[0].stacked);
}

TEST_F(WatchSessionRules, TheClientsXRequestIdLabelsItsRequestLane) {
    start();
    ASSERT_EQ(httpRequest(m_watched.port(), "GET", "/", "checkout-7").status, 200);
    ASSERT_EQ(httpRequest(m_watched.port()).status, 200); // sends none
    const reqlanes::Run run = m_watched.finishedSession();
    ASSERT_EQ(run.requests.size(), 2u);
    const TimelineSpans spans = buildTimelineSpans(run, layoutByRequest(run));
    ASSERT_EQ(spans.laneCount(), 2);
    EXPECT_EQ(spans.lanes[0].labelText(), QStringLiteral("checkout-7"));
    EXPECT_EQ(spans.lanes[1].labelText(), QStringLiteral("request 1"));
}

TEST_F(WatchSessionRules, APython3ClientsProcessLaneIsNamedAfterItsScript) {
    const std::optional<std::string> python = findOnPath("python3");
    if (!python)
        GTEST_SKIP() << "python3 is not installed";
    start();
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    const QString script = folder.filePath(QStringLiteral("sequential.py"));
    QFile file(script);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    // Prints its pid; holds its connection for a handler's time, long enough to be looked up.
    file.write("import os, socket, sys\n"
               "print(os.getpid(), flush=True)\n"
               "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
               "s.sendall(b'GET /?delay=400 HTTP/1.1\\r\\nHost: x\\r\\nX-Request-Id: py-1\\r\\n"
               "Connection: close\\r\\n\\r\\n')\n"
               "while s.recv(4096):\n"
               "    pass\n");
    file.close();
    const std::optional<std::string> output =
        runProgram(*python, {"-u", script.toStdString(), std::to_string(m_watched.port())},
                   std::chrono::seconds(20));
    ASSERT_TRUE(output);
    const std::int32_t pid = std::stoi(*output);

    const reqlanes::Run run = m_watched.finishedSession();
    ASSERT_EQ(run.connections.size(), 1u);
    ASSERT_EQ(run.connections[0].processId, pid);
    const LaneLayout lanes = layoutByClientProcess(run);
    ASSERT_EQ(lanes.laneCount(), 1);
    EXPECT_EQ(lanes.labels[0], QStringLiteral("pid %1 sequential.py").arg(pid));
    // The whole command line stays available for the tooltip.
    EXPECT_TRUE(clientProcessDetail(run.connections[0]).contains(script))
        << clientProcessDetail(run.connections[0]).toStdString();
    EXPECT_EQ(sessionClients(run), QStringList{QStringLiteral("sequential.py (pid %1)").arg(pid)});
}
