// What the server tells an observer about connections (watch mode): who connected from where,
// each request's head with its cooperating headers, refusals with their reason, when the
// response went out and how the connection ended, in that order and on the steady clock.
#include "connectionreporter.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace reqlanes;
using server::ServerConnectionEvent;

namespace {

constexpr int kLatencyMs = 150;

struct Event {
    std::string kind;
    ServerConnectionEvent data;
};

class ConnectionLog final : public server::ServerObserver {
public:
    void connectionAccepted(const ServerConnectionEvent &e) override { add("accepted", e); }
    void requestReceived(const ServerConnectionEvent &e) override { add("received", e); }
    void requestRefused(const ServerConnectionEvent &e) override { add("refused", e); }
    void responseWritten(const ServerConnectionEvent &e) override { add("written", e); }
    void connectionClosed(const ServerConnectionEvent &e) override { add("closed", e); }

    // Waits (bounded) until `count` events have been seen; returns a copy of all of them.
    std::vector<Event> waitFor(std::size_t count) {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_events.size() >= count; });
        return m_events;
    }

private:
    void add(const char *kind, const ServerConnectionEvent &event) {
        {
            const std::lock_guard lock(m_mutex);
            m_events.push_back({kind, event});
        }
        m_changed.notify_all();
    }
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Event> m_events;
};

class ConnectionEventsTest : public ::testing::Test {
protected:
    void SetUp() override {
        server::ServerConfig config;
        config.workers = 2;
        config.latencyMs = kLatencyMs;
        config.headerTimeoutMs = 300;
        ASSERT_TRUE(m_server.start(config, &m_log)) << m_server.error().toStdString();
    }
    ConnectionLog m_log;
    TestServer m_server; // after m_log: stopped before the observer goes
};

} // namespace

TEST_F(ConnectionEventsTest, KeptAliveConnectionReportsEachRequestThenItsClose) {
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.connected());
    const std::uint16_t clientPort = localPortOf(client.fd());
    for (const char *id : {"a", "b"}) {
        ASSERT_TRUE(client.send(
            TestHttpClient::request("GET", "/x?delay=50", id, {"x-client-lane:   downloader  "})));
        ASSERT_EQ(client.readResponse().status, 200);
    }
    client.close();
    const std::vector<Event> events = m_log.waitFor(6);
    ASSERT_EQ(events.size(), 6u);
    const std::vector<std::string> kinds{"accepted", "received", "written",
                                         "received", "written",  "closed"};
    for (std::size_t i = 0; i < kinds.size(); ++i)
        EXPECT_EQ(events[i].kind, kinds[i]) << i;

    const ServerConnectionEvent &accepted = events[0].data;
    EXPECT_EQ(accepted.peerAddress, "127.0.0.1");
    EXPECT_EQ(accepted.peerPort, clientPort); // identifies the client's socket in /proc/net/tcp
    EXPECT_EQ(accepted.localPort, m_server.port());
    for (const Event &event : events)
        EXPECT_EQ(event.data.connectionId, accepted.connectionId);

    // RFC 9110 5.1: field names are case-insensitive; 5.6.3: optional whitespace is not part of
    // the value.
    EXPECT_EQ(events[1].data.clientLane, "downloader");
    EXPECT_EQ(events[1].data.requestId, "a");
    EXPECT_EQ(events[1].data.method, "GET");
    EXPECT_EQ(events[1].data.target, "/x?delay=50");
    EXPECT_EQ(events[1].data.arrivedNs, accepted.atNs); // the first request came with it
    EXPECT_EQ(events[3].data.requestId, "b");
    EXPECT_GT(events[3].data.arrivedNs, events[2].data.atNs); // a later one: from its first byte

    const ServerConnectionEvent &written = events[2].data;
    EXPECT_EQ(written.status, 200);
    EXPECT_GE(written.respondedNs - events[1].data.atNs, 50'000'000); // the handler's 50 ms
    EXPECT_GE(written.atNs, written.respondedNs);
    EXPECT_EQ(events[5].data.reason, "closed by client");
}

TEST_F(ConnectionEventsTest, MalformedRequestIsRefusedWithItsReasonAndNotReceived) {
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send("this is not http\r\n\r\n"));
    EXPECT_EQ(client.readResponse().status, 400); // RFC 9112 3: a bad request-line
    const std::vector<Event> events = m_log.waitFor(4);
    ASSERT_GE(events.size(), 3u);
    EXPECT_EQ(events[0].kind, "accepted");
    EXPECT_EQ(events[1].kind, "refused");
    EXPECT_EQ(events[1].data.status, 400);
    EXPECT_NE(events[1].data.reason.find("400 Bad Request"), std::string::npos);
    EXPECT_EQ(events[2].kind, "written");
    EXPECT_EQ(events[2].data.status, 400);
}

TEST_F(ConnectionEventsTest, StalledHeadIsRefusedWith408AfterTheHeaderTimeout) {
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n")); // never finished (slowloris)
    EXPECT_EQ(client.readResponse().status, 408);              // RFC 9110 15.5.9
    const std::vector<Event> events = m_log.waitFor(3);
    ASSERT_GE(events.size(), 3u);
    EXPECT_EQ(events[1].kind, "refused");
    EXPECT_EQ(events[1].data.status, 408);
    EXPECT_GE(events[1].data.atNs - events[0].data.atNs, 300'000'000);
}

TEST_F(ConnectionEventsTest, ClientResetWhileItsRequestRunsIsReportedAsClose) {
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/", "gone")));
    ASSERT_EQ(m_log.waitFor(2).size(), 2u); // accepted, received
    const linger abort{1, 0};               // close with RST
    ::setsockopt(client.fd(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    client.close();
    const std::vector<Event> events = m_log.waitFor(3);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[2].kind, "closed");
    EXPECT_NE(events[2].data.reason.find("reset by client"), std::string::npos)
        << events[2].data.reason;
}

TEST(ConnectionReporterHeaderValue, FindsFieldsCaseInsensitivelyOnlyInTheHead) {
    const std::string head = "GET / HTTP/1.1\r\nHost: h\r\nX-Client-Lane:\tworkers \r\n"
                             "X-Other: 1\r\n\r\nX-Late: body";
    EXPECT_EQ(server::ConnectionReporter::headerValue(head, "x-client-lane"), "workers");
    EXPECT_EQ(server::ConnectionReporter::headerValue(head, "X-OTHER"), "1");
    EXPECT_EQ(server::ConnectionReporter::headerValue(head, "X-Late"), "");
    EXPECT_EQ(server::ConnectionReporter::headerValue(head, "Missing"), "");
    EXPECT_EQ(server::ConnectionReporter::headerValue(
                  "GET / HTTP/1.1\r\nX-Client-Lane: " + std::string(500, 'a') + "\r\n\r\n",
                  "X-Client-Lane")
                  .size(),
              200u);
}

// A connection refused over the cap before it sent anything carried no request (RFC 9112 9.3):
// accepted and closed, never refused; one that sends its request while the refusal lingers is
// refused then, its 503 written.
TEST(ConnectionEventsOverTheCap, ASilentRefusedConnectionIsNoRequestAndALateAskIsOne) {
    ConnectionLog log;
    TestServer server; // after log: stopped before the observer goes
    server::ServerConfig config;
    config.maxConnections = 1;
    ASSERT_TRUE(server.start(config, &log)) << server.error().toStdString();
    TestHttpClient holder(server.port());
    ASSERT_EQ(log.waitFor(1).size(), 1u); // accepted: it holds the one place
    TestHttpClient silent(server.port());
    EXPECT_EQ(silent.readResponse().status, 503);
    // Asked after its 503 came: the refusal lingers, and its request is seen then.
    ASSERT_TRUE(silent.send(TestHttpClient::request("GET", "/", "late")));
    EXPECT_TRUE(silent.waitForClose(3000));
    silent.close();
    const std::vector<Event> events = log.waitFor(5);
    ASSERT_EQ(events.size(), 5u);
    const std::vector<std::string> kinds{"accepted", "accepted", "refused", "written", "closed"};
    for (std::size_t i = 0; i < kinds.size(); ++i)
        EXPECT_EQ(events[i].kind, kinds[i]) << i;
    EXPECT_EQ(events[2].data.status, 503);
    EXPECT_EQ(events[2].data.connectionId, events[1].data.connectionId);

    TestHttpClient never(server.port());
    EXPECT_EQ(never.readResponse().status, 503);
    never.close();
    const std::vector<Event> later = log.waitFor(7);
    ASSERT_EQ(later.size(), 7u);
    EXPECT_EQ(later[5].kind, "accepted");
    EXPECT_EQ(later[6].kind, "closed"); // no refused, no written: it asked nothing
    EXPECT_EQ(later[6].data.connectionId, later[5].data.connectionId);
}
