// Watch mode end to end on loopback: a real slow server reports to a WatchRecorder, real
// sockets from this test are the "other program". Checks sessions and the idle gap, connection
// and client-process attribution, cooperating headers, failures and the cap.
#include "results/watchlanes.h"
#include "syntheticrun.h"
#include "watch/watchrecorder.h"

#include "testhttpclient.h"
#include "watchedserver.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <set>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

constexpr int kRecorderLatencyMs = 200;
using reqlanes::testing::kMs;

class WatchRecorderTest : public ::testing::Test {
protected:
    void start(WatchSettings settings = {}, int workers = 3, int maxConnections = 12000) {
        server::ServerConfig config;
        config.workers = workers;
        config.maxConnections = maxConnections;
        config.latencyMs = kRecorderLatencyMs;
        config.headerTimeoutMs = 400;
        ASSERT_TRUE(m_watched.start(settings, config)) << m_watched.error().toStdString();
        m_recorder = &m_watched.recorder();
    }
    void TearDown() override { m_watched.stop(); } // no event after this
    reqlanes::Run finishedSession() { return m_watched.finishedSession(); }

    WatchedServer m_watched;
    WatchRecorder *m_recorder = nullptr;
};

WatchSettings shortGap(int gapMs = 300) {
    WatchSettings settings;
    settings.idleGapNs = gapMs * kMs;
    return settings;
}

} // namespace

TEST_F(WatchRecorderTest, KeptAliveRequestsShareOneConnectionLaneBackToBack) {
    start(shortGap());
    TestHttpClient client(m_watched.port());
    for (const char *id : {"r1", "r2", "r3"}) {
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/", id)));
        ASSERT_EQ(client.readResponse().status, 200);
    }
    // Keep the connection open until the lookup has seen it: then close it.
    ASSERT_TRUE(eventually([&] {
        const auto live = m_recorder->liveSession();
        return live && !live->connections.empty() && live->connections[0].processId != 0;
    }));
    client.close();
    const reqlanes::Run run = finishedSession();

    ASSERT_EQ(run.requests.size(), 3u);
    ASSERT_EQ(run.connections.size(), 1u);
    EXPECT_TRUE(run.finished);
    EXPECT_EQ(run.connections[0].processId, ::getpid());
    EXPECT_EQ(run.connections[0].closeReason, "closed by client");
    EXPECT_NE(run.connections[0].closed, kUnset);
    for (std::size_t i = 0; i < 3; ++i) {
        const RequestRecord &record = run.requests[i];
        EXPECT_EQ(record.status, RequestStatus::Ok);
        EXPECT_EQ(record.processId, ::getpid());
        EXPECT_EQ(run.origins[i].connection, 0);
        EXPECT_EQ(run.origins[i].requestId, QStringLiteral("r%1").arg(i + 1));
        EXPECT_EQ(run.origins[i].target, "GET /");
        // The handler's latency, seen by the server.
        EXPECT_GE(record.span(Phase::ServerStart, Phase::ServerEnd), kRecorderLatencyMs * kMs);
        EXPECT_LT(record.span(Phase::ServerStart, Phase::ServerEnd),
                  (kRecorderLatencyMs + 300) * kMs);
        if (i > 0) { // back to back: each begins after the previous response went out
            EXPECT_GE(record.phase(Phase::Created), run.requests[i - 1].phase(Phase::Done));
        }
    }
    // Each timed from its own first byte, the first one's beginning the session; the
    // connection's accept (just before it) is the connection's, not the request's.
    EXPECT_EQ(run.requests[0].phase(Phase::Created), 0);
    EXPECT_FALSE(run.requests[0].has(Phase::Connected));
    // ≈ 3 latencies, sequentially.
    EXPECT_GE(run.elapsed, 3 * kRecorderLatencyMs * kMs);
    EXPECT_LT(run.elapsed, (3 * kRecorderLatencyMs + 600) * kMs);

    const LaneLayout lanes = layoutByConnection(run);
    ASSERT_EQ(lanes.laneCount(), 1);
    EXPECT_EQ(lanes.laneOfRequest, (std::vector<int>{0, 0, 0}));
    const LaneLayout processes = layoutByClientProcess(run);
    ASSERT_EQ(processes.laneCount(), 1);
    EXPECT_TRUE(processes.labels[0].startsWith(QStringLiteral("pid %1 ").arg(::getpid())))
        << processes.labels[0].toStdString();
}

TEST_F(WatchRecorderTest, ConcurrentConnectionsGetALaneEachAndOneProcessLane) {
    start(shortGap());
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_watched.port(), 3);
    for (const TestResponse &response : responses)
        ASSERT_EQ(response.status, 200) << response.error;
    const reqlanes::Run run = finishedSession();
    ASSERT_EQ(run.requests.size(), 3u);
    EXPECT_EQ(run.connections.size(), 3u);
    EXPECT_EQ(layoutByConnection(run).laneCount(), 3);
    // Three workers, three requests at once: ≈ one latency, no server queueing.
    EXPECT_LT(run.elapsed, (kRecorderLatencyMs + 400) * kMs);
    for (const RequestRecord &record : run.requests)
        EXPECT_LT(record.span(Phase::ServerAccept, Phase::ServerStart), 50 * kMs);
    // Each worker once.
    std::set<int> workers;
    for (const RequestRecord &record : run.requests)
        workers.insert(record.serverWorker);
    EXPECT_EQ(workers, (std::set<int>{0, 1, 2}));
}

TEST_F(WatchRecorderTest, AnIdleGapSplitsSessionsAndTheNextRequestBeginsANewOne) {
    start(shortGap(300));
    ASSERT_EQ(httpRequest(m_watched.port()).status, 200);
    EXPECT_TRUE(m_recorder->inSession());
    const reqlanes::Run first = finishedSession();
    EXPECT_FALSE(m_recorder->inSession());
    ASSERT_EQ(httpRequest(m_watched.port(), "GET", "/", "second").status, 200);
    const reqlanes::Run second = finishedSession();
    ASSERT_EQ(first.requests.size(), 1u);
    ASSERT_EQ(second.requests.size(), 1u);
    EXPECT_EQ(second.origins[0].requestId, "second");
    EXPECT_EQ(first.strategyName, "watch session 1");
    EXPECT_EQ(second.strategyName, "watch session 2");
    EXPECT_EQ(m_recorder->finishedSessionCount(), 2);
    EXPECT_EQ(second.requests[0].phase(Phase::Created), 0); // each session has its own origin
}

TEST_F(WatchRecorderTest, RequestsWithinTheGapStayInOneSession) {
    start(shortGap(1500));
    ASSERT_EQ(httpRequest(m_watched.port()).status, 200);
    ASSERT_EQ(httpRequest(m_watched.port()).status, 200); // right after: well within 1.5 s
    m_recorder->poll();
    EXPECT_TRUE(m_recorder->takeFinishedSessions().empty());
    ASSERT_TRUE(m_recorder->endSession()); // the user's key
    const std::vector<reqlanes::Run> sessions = m_recorder->takeFinishedSessions();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].requests.size(), 2u);
}

TEST_F(WatchRecorderTest, AClientThatVanishesMidRequestIsDrawnFailedWithTheReason) {
    start(shortGap());
    TestHttpClient client(m_watched.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/", "vanish")));
    ASSERT_TRUE(eventually([&] {
        const auto live = m_recorder->liveSession();
        return live && live->requests.size() == 1 && live->requests[0].has(Phase::ServerStart);
    }));
    const linger abort{1, 0}; // RST, as a killed client's kernel would send
    ::setsockopt(client.fd(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    client.close();
    const reqlanes::Run run = finishedSession();
    ASSERT_EQ(run.requests.size(), 1u);
    const RequestRecord &record = run.requests[0];
    EXPECT_EQ(record.status, RequestStatus::ProtocolError);
    EXPECT_TRUE(record.error.contains(QStringLiteral("reset by client")))
        << record.error.toStdString();
    // The worker served on after the client left, and the session waited for it.
    EXPECT_TRUE(record.has(Phase::Done));
    EXPECT_TRUE(record.has(Phase::ServerEnd));
}

TEST_F(WatchRecorderTest, GarbageAndSlowHeadsAreFailedRequestsWithTheirStatus) {
    start(shortGap());
    TestHttpClient garbage(m_watched.port());
    ASSERT_TRUE(garbage.send("\x01\x02 nonsense\r\n\r\n"));
    TestHttpClient slow(m_watched.port());
    ASSERT_TRUE(slow.send("GET / HTTP/1.1\r\nHost: x\r\n")); // never finished
    EXPECT_EQ(garbage.readResponse().status, 400);
    EXPECT_EQ(slow.readResponse().status, 408);
    const reqlanes::Run run = finishedSession();
    ASSERT_EQ(run.requests.size(), 2u);
    std::set<int> statuses;
    for (const RequestRecord &record : run.requests) {
        EXPECT_EQ(record.status, RequestStatus::HttpError);
        EXPECT_FALSE(record.error.isEmpty());
        statuses.insert(record.httpStatus);
    }
    EXPECT_EQ(statuses, (std::set<int>{400, 408}));
}

TEST_F(WatchRecorderTest, ClientLaneHeaderNamesTheLane) {
    start(shortGap());
    TestHttpClient a(m_watched.port()), b(m_watched.port());
    ASSERT_TRUE(a.send(TestHttpClient::request("GET", "/", "a", {"X-Client-Lane: uploader"})));
    ASSERT_TRUE(b.send(TestHttpClient::request("GET", "/", "b", {"X-Client-Lane: uploader"})));
    ASSERT_EQ(a.readResponse().status, 200);
    ASSERT_EQ(b.readResponse().status, 200);
    ASSERT_TRUE(eventually([&] {
        const auto live = m_recorder->liveSession();
        return live && live->connections.size() == 2 && live->connections[0].processId != 0 &&
               live->connections[1].processId != 0;
    }));
    a.close();
    b.close();
    const reqlanes::Run run = finishedSession();
    const LaneLayout lanes = layoutByClientProcess(run);
    ASSERT_EQ(lanes.laneCount(), 1);
    EXPECT_EQ(lanes.labels[0], QStringLiteral("uploader (pid %1)").arg(::getpid()));
    EXPECT_EQ(layoutByConnection(run).laneCount(), 2);
}

TEST_F(WatchRecorderTest, OverTheCapRequestsAreCountedAsDropped) {
    WatchSettings settings = shortGap();
    settings.maxRequestsPerSession = 2;
    start(settings, 5);
    for (const TestResponse &response : httpRequestsAtOnce(m_watched.port(), 5))
        ASSERT_EQ(response.status, 200);
    const reqlanes::Run run = finishedSession();
    EXPECT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.droppedRequests, 3);
}

// RFC 9112 9.3: a request is what arrives on a connection. A client's spare connection (dialled
// ahead, never used: Go's net/http does this) that the server refuses over its connection cap
// carried none; hey saw thousands of such 503s as "unsolicited", and the session had counted each
// as a request it never sent.
TEST_F(WatchRecorderTest, AConnectionRefusedOverTheCapBeforeAskingAnythingIsNoRequest) {
    start(shortGap(), 3, 1);
    TestHttpClient holder(m_watched.port()); // takes the one connection the cap allows
    ASSERT_TRUE(holder.send(TestHttpClient::request("GET", "/", "held")));
    ASSERT_EQ(holder.readResponse().status, 200);

    TestHttpClient silent(m_watched.port());
    EXPECT_EQ(silent.readResponse().status, 503);
    EXPECT_TRUE(silent.waitForClose(2000));
    silent.close();
    // One that does ask is refused with the same 503, whether its request came before the
    // server accepted it or while the refusal lingered: that one is a request.
    TestHttpClient asking(m_watched.port());
    ASSERT_TRUE(asking.send(TestHttpClient::request("GET", "/", "asking")));
    EXPECT_EQ(asking.readResponse().status, 503);
    asking.close();

    const reqlanes::Run run = finishedSession();
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.requests[0].status, RequestStatus::Ok);
    EXPECT_EQ(run.requests[1].httpStatus, 503);
    EXPECT_EQ(run.requests[1].status, RequestStatus::HttpError)
        << run.requests[1].error.toStdString();
    EXPECT_EQ(run.droppedRequests, 0);
}

// The live session the window keeps between frames, brought up to date by what changed only, is
// the session: equal to a whole copy taken at the same moment whenever the server is quiet, as
// requests come, run, end, connections open and close and their process is found.
TEST_F(WatchRecorderTest, ALiveSessionUpdatedByItsChangesEqualsAWholeCopy) {
    start(shortGap(3000));
    LiveSession live;
    EXPECT_FALSE(m_recorder->updateLiveSession(live));
    // The I/O thread reports a response after the client may have read it: compare once quiet.
    const auto matches = [&] {
        const std::int64_t now = steadyNowNs();
        const bool updated = m_recorder->updateLiveSession(live, now);
        const std::optional<reqlanes::Run> whole = m_recorder->liveSession(now);
        return updated && whole && live.run == *whole;
    };
    TestHttpClient first(m_watched.port());
    ASSERT_TRUE(first.send(TestHttpClient::request("GET", "/", "a1")));
    ASSERT_EQ(first.readResponse().status, 200);
    ASSERT_TRUE(eventually(matches));
    const std::uint64_t source = live.changes.source;

    TestHttpClient second(m_watched.port());
    ASSERT_TRUE(second.send(TestHttpClient::request("GET", "/", "b1")));
    ASSERT_TRUE(first.send(TestHttpClient::request("GET", "/?delay=400", "a2")));
    ASSERT_EQ(second.readResponse().status, 200);
    ASSERT_TRUE(eventually(matches)); // a2 still in its handler
    EXPECT_FALSE(live.run.requests.back().finished());
    ASSERT_EQ(first.readResponse().status, 200);
    second.close();
    ASSERT_TRUE(eventually([&] {
        return matches() && live.run.requests.size() == 3 && live.run.requests[2].finished() &&
               live.run.connections.size() == 2 && live.run.connections[1].closed != kUnset &&
               live.run.connections[0].processId != 0 && live.run.connections[1].processId != 0;
    }));
    EXPECT_EQ(live.changes.source, source) << "brought up to date by its changes, not copied whole";
    for (const RequestRecord &record : live.run.requests)
        EXPECT_EQ(record.processId, ::getpid());
}

TEST_F(WatchRecorderTest, UnknownProcessWhenLookupIsOff) {
    WatchSettings settings = shortGap();
    settings.lookUpProcesses = false;
    start(settings);
    ASSERT_EQ(httpRequest(m_watched.port()).status, 200);
    const reqlanes::Run run = finishedSession();
    ASSERT_EQ(run.connections.size(), 1u);
    EXPECT_EQ(run.connections[0].processId, 0);
    EXPECT_EQ(layoutByClientProcess(run).labels.at(0), "unknown process");
}

TEST_F(WatchRecorderTest, ARequestCutOffByAServerRestartFailsAndTheSessionStillEnds) {
    start(shortGap());
    TestHttpClient client(m_watched.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=5000", "cut")));
    ASSERT_TRUE(eventually([&] {
        const auto live = m_recorder->liveSession();
        return live && live->requests.size() == 1 && live->requests[0].has(Phase::ServerStart);
    }));
    m_watched.stop(); // the server goes without telling each connection
    m_recorder->serverStopped();
    const reqlanes::Run run = finishedSession(); // not held open by the lost request
    ASSERT_EQ(run.requests.size(), 1u);
    EXPECT_EQ(run.requests[0].status, RequestStatus::ProtocolError);
    EXPECT_TRUE(run.requests[0].error.contains(QStringLiteral("server stopped")));
}
