// Ingest endpoints: paths the server answers at once with their handler's reply, bodies kept
// (Content-Length or chunked, capped with a clear 413), never queued behind slow work, never
// reported to the observer as requests; every other path still is.
#include "httprequestparser.h"
#include "ingestendpoints.h"
#include "slowserver.h"
#include "testhttpclient.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace reqlanes;
using namespace reqlanes::server;

namespace {

constexpr int kLatencyMs = 300;

class EventLog final : public ServerObserver {
public:
    void requestQueued(const ServerRequestEvent &) override { add("queued"); }
    void requestStarted(const ServerRequestEvent &) override { add("started"); }
    void requestFinished(const ServerRequestEvent &) override { add("finished"); }
    void requestBegan(const ServerConnectionEvent &) override { add("began"); }
    void requestReceived(const ServerConnectionEvent &) override { add("received"); }
    void requestRefused(const ServerConnectionEvent &) override { add("refused"); }
    void responseWritten(const ServerConnectionEvent &) override { add("written"); }
    void connectionClosed(const ServerConnectionEvent &) override { add("closed"); }

    std::vector<std::string> waitFor(std::size_t count) {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_events.size() >= count; });
        return m_events;
    }
    std::vector<std::string> events() {
        const std::lock_guard lock(m_mutex);
        return m_events;
    }

private:
    void add(const char *kind) {
        {
            const std::lock_guard lock(m_mutex);
            m_events.emplace_back(kind);
        }
        m_changed.notify_all();
    }
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::string> m_events;
};

// One slow worker, and an endpoint that echoes what it got.
class IngestServer : public ::testing::Test {
protected:
    void SetUp() override {
        IngestEndpoints ingest;
        ingest.add("/v1/echo", [this](const IngestRequest &request) {
            {
                const std::lock_guard lock(m_mutex);
                m_received.push_back(request);
            }
            IngestReply reply;
            reply.body = "{\"bytes\":" + std::to_string(request.body.size()) + "}";
            return reply;
        });
        ServerConfig config;
        config.workers = 1;
        config.latencyMs = kLatencyMs;
        m_server = std::make_unique<SlowServer>(config, &m_log, std::move(ingest));
        std::string error;
        ASSERT_TRUE(m_server->start(&error)) << error;
    }
    std::uint16_t port() const { return m_server->port(); }
    std::vector<IngestRequest> received() {
        const std::lock_guard lock(m_mutex);
        return m_received;
    }

    EventLog m_log;
    std::unique_ptr<SlowServer> m_server;
    std::mutex m_mutex;
    std::vector<IngestRequest> m_received;
};

std::string post(std::string_view path, std::string_view body, std::string_view type) {
    return "POST " + std::string(path) +
           " HTTP/1.1\r\nHost: x\r\nContent-Type: " + std::string(type) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

} // namespace

TEST_F(IngestServer, AnswersWithTheHandlersReplyAndGivesItTheBody) {
    TestHttpClient client(port());
    ASSERT_TRUE(client.send(post("/v1/echo", "{\"a\":1}", "application/json")));
    const TestResponse response = client.readResponse();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("Content-Type"), "application/json");
    EXPECT_EQ(response.body, "{\"bytes\":7}");
    ASSERT_EQ(received().size(), 1u);
    EXPECT_EQ(received()[0].method, "POST");
    EXPECT_EQ(received()[0].contentType, "application/json");
    EXPECT_EQ(received()[0].body, "{\"a\":1}");
}

TEST_F(IngestServer, KeepsAChunkedBody) {
    TestHttpClient client(port());
    ASSERT_TRUE(client.send("POST /v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                            "\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"));
    EXPECT_EQ(client.readResponse().body, "{\"bytes\":7}");
    ASSERT_EQ(received().size(), 1u);
    EXPECT_EQ(received()[0].body, "{\"a\":1}");
}

TEST_F(IngestServer, ABodyOverTheCapIsAClear413) {
    TestHttpClient client(port());
    ASSERT_TRUE(client.send("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                            std::to_string(HttpRequestParser::kMaxKeptBodyBytes + 1) + "\r\n\r\n"));
    const TestResponse response = client.readResponse();
    EXPECT_EQ(response.status, 413);
    EXPECT_NE(response.body.find("over 16777216 bytes, the limit of /v1/echo"), std::string::npos)
        << response.body;
    EXPECT_TRUE(received().empty());
}

TEST_F(IngestServer, IsAnsweredAtOnceWhileTheOnlyWorkerIsBusy) {
    TestHttpClient slow(port());
    ASSERT_TRUE(slow.send(TestHttpClient::request("GET", "/")));
    ASSERT_FALSE(m_log.waitFor(3).empty()); // began, received, started
    const auto before = std::chrono::steady_clock::now();
    TestHttpClient client(port());
    ASSERT_TRUE(client.send(post("/v1/echo", "{}", "application/json")));
    EXPECT_EQ(client.readResponse().status, 200);
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_LT(took, std::chrono::milliseconds(kLatencyMs / 2)); // not behind the slow request
    EXPECT_EQ(slow.readResponse().status, 200);
}

TEST_F(IngestServer, TheObserverSeesNoRequestOnlyTheOtherPaths) {
    {
        TestHttpClient client(port());
        ASSERT_TRUE(client.send(post("/v1/echo", "{}", "application/json")));
        EXPECT_EQ(client.readResponse().status, 200);
        // The same path with a query is the same endpoint; another path is slow work.
        ASSERT_TRUE(client.send(post("/v1/echo?x=1", "{}", "application/json")));
        EXPECT_EQ(client.readResponse().status, 200);
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/v1/echoes")));
        EXPECT_EQ(client.readResponse().status, 200);
    }
    const std::vector<std::string> events = m_log.waitFor(6);
    EXPECT_EQ(events, (std::vector<std::string>{"began", "received", "started", "finished",
                                                "written", "closed"}));
    EXPECT_EQ(received().size(), 2u);
}

TEST(IngestEndpoints, MayBeForHoldsBackOnlyWhatCouldStillBeAnEndpoint) {
    IngestEndpoints ingest;
    ingest.add("/v1/traces", [](const IngestRequest &) { return IngestReply{}; });
    EXPECT_TRUE(ingest.mayBeFor("POS"));
    EXPECT_TRUE(ingest.mayBeFor("POST /v1/tr"));
    EXPECT_TRUE(ingest.mayBeFor("\r\nPOST /v1/traces"));
    EXPECT_TRUE(ingest.mayBeFor("POST /v1/traces HTTP/1."));
    EXPECT_FALSE(ingest.mayBeFor("GET / HTTP/1.1"));
    EXPECT_FALSE(ingest.mayBeFor("POST /v1/tracesX"));
    EXPECT_FALSE(IngestEndpoints().mayBeFor("POS"));
    ASSERT_NE(ingest.find("/v1/traces"), nullptr);
    EXPECT_EQ(ingest.find("/v1/logs"), nullptr);
}
