// The HTTP/1.1 the slow server speaks: keep-alive and its opposites, HEAD, 405, pipelining,
// ?delay=, and the headers every response carries (Server-Timing, X-Worker, X-Request-Id).
#include "testserver.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

using namespace reqlanes;

namespace {

constexpr int kLatencyMs = 100;

class HttpProtocol : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_server.start(3, kLatencyMs)) << m_server.error().toStdString();
    }
    std::uint16_t port() const { return m_server.port(); }
    TestServer m_server;
};

} // namespace

TEST_F(HttpProtocol, EveryResponseCarriesServerTimingWorkerAndRequestId) {
    const TestResponse response = httpRequest(port(), "GET", "/anything", "req-42");
    ASSERT_EQ(response.status, 200) << response.error;
    EXPECT_TRUE(std::regex_match(response.header("Server-Timing"),
                                 std::regex(R"(queue;dur=\d+\.\d, app;dur=\d+\.\d)")))
        << response.header("Server-Timing");
    EXPECT_GE(response.serverTimingMs("app"), kLatencyMs - 0.1);
    EXPECT_EQ(response.header("X-Worker"), "0");
    EXPECT_EQ(response.header("X-Request-Id"), "req-42");
    EXPECT_EQ(response.header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(response.body, "reqlanes slow server: worker 0 slept 100 ms\n");
    EXPECT_FALSE(httpRequest(port()).hasHeader("X-Request-Id")) << "nothing to echo";
}

TEST_F(HttpProtocol, KeepAliveServesTwoRequestsOnOneConnection) {
    TestHttpClient client(port());
    for (const char *id : {"first", "second"}) {
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0", id)));
        const TestResponse response = client.readResponse();
        ASSERT_EQ(response.status, 200) << response.error;
        EXPECT_EQ(response.header("X-Request-Id"), id);
        EXPECT_FALSE(response.hasHeader("Connection"));
    }
}

TEST_F(HttpProtocol, ConnectionCloseIsHonoured) {
    TestHttpClient client(port());
    ASSERT_TRUE(
        client.send(TestHttpClient::request("GET", "/?delay=0", "", {"Connection: close"})));
    const TestResponse response = client.readResponse();
    ASSERT_EQ(response.status, 200) << response.error;
    EXPECT_EQ(response.header("Connection"), "close");
    EXPECT_TRUE(client.waitForClose(2000));
}

TEST_F(HttpProtocol, Http10ClosesUnlessAskedToKeepAlive) {
    TestHttpClient closing(port());
    ASSERT_TRUE(closing.send("GET /?delay=0 HTTP/1.0\r\n\r\n"));
    const TestResponse closed = closing.readResponse();
    ASSERT_EQ(closed.status, 200) << closed.error;
    EXPECT_EQ(closed.header("Connection"), "close");
    EXPECT_TRUE(closing.waitForClose(2000));

    TestHttpClient keeping(port());
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(keeping.send("GET /?delay=0 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        const TestResponse kept = keeping.readResponse();
        ASSERT_EQ(kept.status, 200) << kept.error;
        EXPECT_EQ(kept.header("Connection"), "keep-alive");
    }
}

TEST_F(HttpProtocol, HeadHasTheHeadersButNoBody) {
    TestHttpClient client(port());
    ASSERT_TRUE(client.send(TestHttpClient::request("HEAD", "/?delay=0", "h")));
    const TestResponse head = client.readResponse(/*headRequest=*/true);
    ASSERT_EQ(head.status, 200) << head.error;
    EXPECT_EQ(head.header("Content-Length"), "42"); // of the GET body it stands for
    EXPECT_EQ(head.header("X-Request-Id"), "h");
    EXPECT_TRUE(head.hasHeader("Server-Timing"));
    // Had the server sent a body, it would now stand where the next status line should be.
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0")));
    const TestResponse next = client.readResponse();
    EXPECT_EQ(next.status, 200) << next.error;
    EXPECT_EQ(next.body, "reqlanes slow server: worker 0 slept 0 ms\n");
}

TEST_F(HttpProtocol, OtherMethodsAre405WithAllow) {
    TestHttpClient client(port());
    ASSERT_TRUE(client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"));
    const TestResponse response = client.readResponse();
    ASSERT_EQ(response.status, 405) << response.error;
    EXPECT_EQ(response.header("Allow"), "GET, HEAD");
    EXPECT_TRUE(response.hasHeader("Server-Timing"));
    // The body was consumed, so the connection is still good for a GET.
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0")));
    EXPECT_EQ(client.readResponse().status, 200);
    for (const char *method : {"PUT", "DELETE", "OPTIONS", "PATCH"})
        EXPECT_EQ(httpRequest(port(), method, "/").status, 405) << method;
    // A method the server does not know at all is 501 (RFC 9110 9.1).
    EXPECT_EQ(httpRequest(port(), "BREW", "/").status, 501);
}

TEST_F(HttpProtocol, PipelinedRequestsAreAnsweredInOrder) {
    TestHttpClient client(port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=20", "a") +
                            TestHttpClient::request("GET", "/?delay=0", "b") +
                            TestHttpClient::request("HEAD", "/?delay=0", "c")));
    EXPECT_EQ(client.readResponse().header("X-Request-Id"), "a");
    EXPECT_EQ(client.readResponse().header("X-Request-Id"), "b");
    EXPECT_EQ(client.readResponse(true).header("X-Request-Id"), "c");
}

TEST_F(HttpProtocol, DelayParameterOverridesTheLatency) {
    TestServer slow;
    ASSERT_TRUE(slow.start(1, 10000)) << slow.error().toStdString();
    const auto begin = std::chrono::steady_clock::now();
    const TestResponse response = httpRequest(slow.port(), "GET", "/work?delay=50");
    const double wallMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    ASSERT_EQ(response.status, 200) << response.error;
    EXPECT_GE(wallMs, 50 - 1);
    EXPECT_LT(wallMs, 50 * 1.4 + 150);
    EXPECT_EQ(response.body, "reqlanes slow server: worker 0 slept 50 ms\n");
    EXPECT_GE(response.serverTimingMs("app"), 49.9);
}

TEST_F(HttpProtocol, BadDelayIs400) {
    for (const char *path : {"/?delay=abc", "/?delay=-5", "/?delay=60001", "/?delay="}) {
        const TestResponse response = httpRequest(port(), "GET", path);
        EXPECT_EQ(response.status, 400) << path;
        EXPECT_NE(response.body.find("delay must be"), std::string::npos) << response.body;
    }
}
