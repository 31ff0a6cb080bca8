// Whatever a client sends or fails to send, the slow server answers with the right status,
// closes cleanly and keeps serving everyone else: malformed requests, oversized headers, bodies,
// stalls, floods past the connection cap, resets and random garbage.
#include "eventually.h"
#include "recordingobserver.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <sys/socket.h>

#include <chrono>
#include <random>

using namespace reqlanes;

namespace {

constexpr int kHeaderTimeoutMs = 300;

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

class BadInput : public ::testing::Test {
protected:
    void start(server::ServerMode mode, int workers = 1, int maxConnections = 12000) {
        server::ServerConfig config;
        config.mode = mode;
        config.workers = workers;
        config.latencyMs = 100;
        config.headerTimeoutMs = kHeaderTimeoutMs;
        config.maxConnections = maxConnections;
        ASSERT_TRUE(m_server.start(config)) << m_server.error().toStdString();
    }
    void SetUp() override { start(server::ServerMode::Async); }

    // Sends `bytes` on a fresh connection, expects `status` and that the server then closes.
    void expectRefused(const std::string &bytes, int status) {
        TestHttpClient client(m_server.port());
        ASSERT_TRUE(client.send(bytes)) << client.error();
        const TestResponse response = client.readResponse();
        EXPECT_EQ(response.status, status) << response.error << " for " << bytes.substr(0, 80);
        EXPECT_EQ(response.header("Connection"), "close");
        EXPECT_TRUE(client.waitForClose(3000)) << "after " << status;
    }

    void expectStillServing() {
        const TestResponse response = httpRequest(m_server.port(), "GET", "/?delay=0");
        EXPECT_EQ(response.status, 200) << response.error;
    }

    RecordingObserver m_events; // before m_server: it must outlive the server reporting to it
    TestServer m_server;
};

} // namespace

TEST_F(BadInput, MalformedRequestLineIs400) {
    expectRefused("GARBAGE\r\n\r\n", 400);
    expectRefused("GET /\r\n\r\n", 400);
    expectRefused("GET / HTTP/1.1 x\r\n\r\n", 400);
    expectStillServing();
}

TEST_F(BadInput, MalformedHeadersAre400) {
    expectRefused("GET / HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n", 400);
    expectRefused("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n", 400);
    expectRefused("GET / HTTP/1.1\r\nHost: a\r\nA: b\r\n folded\r\n\r\n", 400);
    expectRefused(std::string("GET / HTTP/1.1\r\nHost: a\r\nA: \0\r\n\r\n", 33), 400);
    expectStillServing();
}

TEST_F(BadInput, HeadersOverSixteenKibAre431) {
    expectRefused("GET / HTTP/1.1\r\nX-Big: " + std::string(17 * 1024, 'a') + "\r\n\r\n", 431);
    // Also when the client never ends the line, and sends far more than the limit.
    expectRefused("GET / HTTP/1.1\r\nX-Big: " + std::string(200 * 1024, 'a'), 431);
    expectStillServing();
}

TEST_F(BadInput, UnsupportedVersionIs505AndHugeTargetIs414) {
    expectRefused("GET / HTTP/2.0\r\n\r\n", 505);
    expectRefused("GET /" + std::string(10000, 'a') + " HTTP/1.1\r\n\r\n", 414);
}

TEST_F(BadInput, BodyOnGetIsReadAndIgnored) {
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(
        client.send("GET /?delay=0 HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello"));
    ASSERT_TRUE(client.send(" world" + TestHttpClient::request("GET", "/?delay=0", "after")));
    const TestResponse first = client.readResponse();
    EXPECT_EQ(first.status, 200) << first.error;
    const TestResponse second = client.readResponse();
    EXPECT_EQ(second.status, 200) << second.error;
    EXPECT_EQ(second.header("X-Request-Id"), "after") << "the body was not taken for a request";
}

TEST_F(BadInput, ChunkedBodyIsReadAndTheConnectionKept) {
    // RFC 9112 7.1: a chunked body arriving in pieces is read to its end, then the next request.
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send("GET /?delay=0 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                            "\r\n5\r\nhel"));
    ASSERT_TRUE(
        client.send("lo\r\n0\r\n\r\n" + TestHttpClient::request("GET", "/?delay=0", "after")));
    EXPECT_EQ(client.readResponse().status, 200);
    const TestResponse second = client.readResponse();
    EXPECT_EQ(second.status, 200) << second.error;
    EXPECT_EQ(second.header("X-Request-Id"), "after");
}

TEST_F(BadInput, StalledHeadersGet408AfterTheTimeoutWhileOthersAreServed) {
    TestHttpClient stalled(m_server.port());
    const auto begin = std::chrono::steady_clock::now();
    ASSERT_TRUE(stalled.send("GET / HTTP/1.1\r\nHost: a\r\nX-Half"));
    for (int i = 0; i < 3; ++i)
        expectStillServing(); // the stall holds up nobody
    const TestResponse response = stalled.readResponse();
    const double waitedMs = msSince(begin);
    EXPECT_EQ(response.status, 408) << response.error;
    EXPECT_GE(waitedMs, kHeaderTimeoutMs - 1);
    EXPECT_LE(waitedMs, kHeaderTimeoutMs * 1.4 + 150);
    EXPECT_TRUE(stalled.waitForClose(2000));
}

TEST_F(BadInput, StalledClientTakesNoSyncWorker) {
    start(server::ServerMode::Sync, /*workers=*/1);
    TestHttpClient stalled(m_server.port());
    ASSERT_TRUE(stalled.send("GET / HTT"));
    const TestResponse response = httpRequest(m_server.port(), "GET", "/?delay=0");
    EXPECT_EQ(response.status, 200) << response.error;
    // Behind a stalled client holding the one worker it would wait for its 408, the header
    // timeout; tens of ms are only the loop reading the request on a loaded machine.
    EXPECT_LT(response.serverTimingMs("queue"), kHeaderTimeoutMs / 2.0);
    EXPECT_EQ(stalled.readResponse().status, 408);
}

TEST_F(BadInput, SilentConnectionIsClosedAfterTheTimeoutWithoutAResponse) {
    TestHttpClient idle(m_server.port());
    const auto begin = std::chrono::steady_clock::now();
    const TestResponse response = idle.readResponse();
    EXPECT_EQ(response.status, 0);
    EXPECT_NE(response.error.find("closed by the server"), std::string::npos) << response.error;
    EXPECT_LE(msSince(begin), kHeaderTimeoutMs * 1.4 + 150);
}

TEST_F(BadInput, ConnectionsPastTheCapGet503AndAreClosed) {
    constexpr int kCap = 3;
    start(server::ServerMode::Async, 1, kCap);
    std::vector<TestHttpClient> holders;
    for (int i = 0; i < kCap; ++i)
        holders.emplace_back(m_server.port());
    TestHttpClient refused(m_server.port());
    const TestResponse response = refused.readResponse();
    EXPECT_EQ(response.status, 503) << response.error;
    EXPECT_EQ(response.header("Retry-After"), "1");
    EXPECT_NE(response.body.find("too many open connections (limit 3)"), std::string::npos);
    EXPECT_TRUE(refused.waitForClose(2000));

    // Once a holder goes, there is room again (the server notices the close on its own time).
    holders.pop_back();
    EXPECT_TRUE(eventually(
        [&] { return httpRequest(m_server.port(), "GET", "/?delay=0").status == 200; }, 3000));
}

TEST_F(BadInput, ClientResetWhileQueuedGivesUpItsPlace) {
    constexpr int kLatencyMs = 300;
    server::ServerConfig config;
    config.workers = 1;
    config.latencyMs = kLatencyMs;
    ASSERT_TRUE(m_server.start(config, &m_events)) << m_server.error().toStdString();
    TestHttpClient running(m_server.port());
    ASSERT_TRUE(running.send(TestHttpClient::request("GET", "/", "running")));
    ASSERT_TRUE(m_events.waitForStarted("running"));
    TestHttpClient quitter(m_server.port());
    ASSERT_TRUE(quitter.send(TestHttpClient::request("GET", "/", "quitter")));
    // SO_LINGER 0: close() sends a RST, as a client cancelling its request would.
    const linger reset{1, 0};
    ::setsockopt(quitter.fd(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    quitter.close();
    EXPECT_TRUE(m_events.waitForDropped("quitter")) << "the server says it dropped it";
    const TestResponse later = httpRequest(m_server.port(), "GET", "/");
    ASSERT_EQ(later.status, 200) << later.error;
    EXPECT_LT(later.serverTimingMs("queue"), 1.5 * kLatencyMs) << "waited for one request, not two";
    EXPECT_EQ(running.readResponse().status, 200);
}

TEST_F(BadInput, RandomGarbageNeverTakesTheServerDown) {
    std::mt19937 random(2024);
    for (int round = 0; round < 40; ++round) {
        TestHttpClient client(m_server.port(), 2000);
        std::string bytes(1 + random() % 3000, '\0');
        for (char &c : bytes)
            c = char(random() % 256);
        if (round % 2)
            bytes = "GET / HTTP/1.1\r\n" + bytes; // garbage where the headers go
        client.send(bytes);
        if (round % 3 == 0)
            client.readResponse(); // whatever comes; sometimes just hang up instead
    }
    expectStillServing();
}
