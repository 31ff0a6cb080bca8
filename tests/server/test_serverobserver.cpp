// What the server reports in-process: a start and a finish per handled request, with the
// worker that ran it, the client's X-Request-Id, and steady_clock timestamps that agree with
// the client's own clock and with the response headers.
#include "recordingobserver.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

using namespace reqlanes;

namespace {

constexpr int kLatencyMs = 150;
constexpr double kMsNs = 1e6;

std::int64_t steadyNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

class ServerObserverTest : public ::testing::Test {
protected:
    void start(server::ServerMode mode, int workers, double errorRate = 0) {
        server::ServerConfig config;
        config.mode = mode;
        config.workers = workers;
        config.latencyMs = kLatencyMs;
        config.errorRate = errorRate;
        ASSERT_TRUE(m_server.start(config, &m_events)) << m_server.error().toStdString();
    }
    RecordingObserver m_events;
    TestServer m_server; // after m_events: stopped before the observer goes
};

} // namespace

TEST_F(ServerObserverTest, SeesStartAndFinishOfEachRequestWithWorkerAndRequestId) {
    start(server::ServerMode::Sync, 2);
    const std::int64_t before = steadyNs();
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_server.port(), 3);
    const std::int64_t after = steadyNs();

    const auto started = m_events.started();
    const auto finished = m_events.finished();
    ASSERT_EQ(started.size(), 3u);
    ASSERT_EQ(finished.size(), 3u); // reported before the response was written
    std::map<std::string, server::ServerRequestEvent> byId;
    for (const auto &event : started) {
        EXPECT_EQ(event.finishedNs, -1);
        EXPECT_EQ(event.status, 0);
    }
    for (const auto &event : finished)
        byId[event.requestId] = event;
    ASSERT_EQ(byId.size(), 3u);

    int queued = 0;
    for (std::size_t i = 0; i < responses.size(); ++i) {
        const TestResponse &response = responses[i];
        ASSERT_EQ(response.status, 200) << response.error;
        const server::ServerRequestEvent &event = byId.at(std::to_string(i));
        EXPECT_EQ(event.status, 200);
        EXPECT_EQ(std::to_string(event.worker), response.header("X-Worker"));
        EXPECT_TRUE(event.worker == 0 || event.worker == 1);
        // One clock for client and server.
        EXPECT_LE(before, event.acceptedNs);
        EXPECT_LE(event.acceptedNs, event.startedNs);
        EXPECT_LE(event.startedNs, event.finishedNs);
        EXPECT_LE(event.finishedNs, after);
        EXPECT_GE(event.finishedNs - event.startedNs, kLatencyMs * kMsNs);
        // The headers say the same as the events, to the 0.1 ms they are rounded to.
        EXPECT_NEAR(response.serverTimingMs("queue"), (event.startedNs - event.acceptedNs) / kMsNs,
                    0.06);
        EXPECT_NEAR(response.serverTimingMs("app"), (event.finishedNs - event.startedNs) / kMsNs,
                    0.06);
        if (event.startedNs - event.acceptedNs > kLatencyMs / 2 * kMsNs) {
            ++queued;
            EXPECT_GE(event.startedNs - event.acceptedNs, kLatencyMs * 0.6 * kMsNs);
        }
    }
    EXPECT_EQ(queued, 1) << "two workers, three requests";
    std::set<int> firstRound{started[0].worker, started[1].worker};
    EXPECT_EQ(firstRound, (std::set<int>{0, 1}));
}

TEST_F(ServerObserverTest, AsyncSlotsAreDistinctWhileRequestsOverlap) {
    start(server::ServerMode::Async, 1);
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_server.port(), 4);
    for (const TestResponse &response : responses)
        ASSERT_EQ(response.status, 200) << response.error;
    std::set<int> slotIds;
    for (const auto &event : m_events.started())
        slotIds.insert(event.worker);
    EXPECT_EQ(slotIds, (std::set<int>{0, 1, 2, 3}));
}

TEST_F(ServerObserverTest, FailuresAreReportedWithTheirStatus) {
    start(server::ServerMode::Async, 1, /*errorRate=*/1.0);
    EXPECT_EQ(httpRequest(m_server.port(), "GET", "/?delay=0", "x").status, 500);
    const auto finished = m_events.finished();
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0].status, 500);
    EXPECT_EQ(finished[0].requestId, "x");
}

TEST_F(ServerObserverTest, RefusalsAtTheDoorAreNotReported) {
    start(server::ServerMode::Async, 1);
    EXPECT_EQ(httpRequest(m_server.port(), "POST", "/", "p").status, 405);
    EXPECT_EQ(httpRequest(m_server.port(), "GET", "/?delay=x", "d").status, 400);
    EXPECT_EQ(httpRequest(m_server.port(), "GET", "/?delay=0", "ok").status, 200);
    const auto started = m_events.started();
    ASSERT_EQ(started.size(), 1u);
    EXPECT_EQ(started[0].requestId, "ok");
}

TEST_F(ServerObserverTest, KeptAliveRequestIsTimedFromItsFirstByte) {
    start(server::ServerMode::Sync, 1);
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0", "one")));
    ASSERT_EQ(client.readResponse().status, 200);
    const std::int64_t beforeSecond = steadyNs();
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0", "two")));
    ASSERT_EQ(client.readResponse().status, 200);
    const auto finished = m_events.finished();
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_GE(finished[1].acceptedNs, beforeSecond);
    EXPECT_GT(finished[1].acceptedNs, finished[0].finishedNs);
}

TEST_F(ServerObserverTest, ARequestThatMustWaitForAWorkerIsReportedQueuedFirst) {
    start(server::ServerMode::Sync, 2);
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_server.port(), 3);
    for (const TestResponse &response : responses)
        ASSERT_EQ(response.status, 200) << response.error;

    const auto queued = m_events.queued();
    ASSERT_EQ(queued.size(), 1u) << "two workers: exactly one of three waits";
    EXPECT_EQ(queued[0].startedNs, -1);
    EXPECT_EQ(queued[0].worker, -1);
    const auto started = m_events.started();
    const auto same = std::find_if(started.begin(), started.end(), [&](const auto &event) {
        return event.requestId == queued[0].requestId;
    });
    ASSERT_NE(same, started.end());
    EXPECT_EQ(same->acceptedNs, queued[0].acceptedNs);
    EXPECT_GE(same->startedNs - same->acceptedNs, kLatencyMs * kMsNs * 0.9) << "it waited";
}
