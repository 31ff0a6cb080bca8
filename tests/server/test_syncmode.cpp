// Sync mode behaves like gunicorn's sync workers: W requests at once, each taking L, and the
// rest wait their turn in the server, where Server-Timing's queue duration shows the wait.
// Tolerances are wide (-40% / +40% + 150 ms) for a loaded two-core machine, and a queue counts
// as "none" below half a latency: 300 ms latencies keep that line at 150 ms, well above the
// tens of ms a loaded machine takes to read a request, and well below a real wait.
#include "testserver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

using namespace reqlanes;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// Timers never fire early, so the lower bound can be tight; the upper one absorbs scheduling.
void expectAbout(double measuredMs, double expectedMs, const char *what) {
    EXPECT_GE(measuredMs, expectedMs * 0.6) << what;
    EXPECT_LE(measuredMs, expectedMs * 1.4 + 150) << what;
}

class SyncMode : public ::testing::Test {
protected:
    void start(int workers, int latencyMs) {
        ASSERT_TRUE(m_server.start(workers, latencyMs)) << m_server.error().toStdString();
    }
    TestServer m_server;
};

} // namespace

TEST_F(SyncMode, ThreeWorkersServeThreeRequestsInOneLatency) {
    constexpr int kLatencyMs = 300;
    start(3, kLatencyMs);
    const auto begin = std::chrono::steady_clock::now();
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_server.port(), 3);
    const double wallMs = msSince(begin);
    EXPECT_GE(wallMs, kLatencyMs - 1);
    expectAbout(wallMs, kLatencyMs, "makespan");
    for (const TestResponse &response : responses) {
        ASSERT_EQ(response.status, 200) << response.error;
        EXPECT_LT(response.serverTimingMs("queue"), kLatencyMs / 2.0);
        EXPECT_GE(response.serverTimingMs("app"), kLatencyMs - 0.1);
    }
}

TEST_F(SyncMode, FourthRequestWaitsOneLatencyInTheQueue) {
    constexpr int kLatencyMs = 300;
    start(3, kLatencyMs);
    const auto begin = std::chrono::steady_clock::now();
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_server.port(), 4);
    expectAbout(msSince(begin), 2 * kLatencyMs, "makespan");
    std::vector<double> queues;
    for (const TestResponse &response : responses) {
        ASSERT_EQ(response.status, 200) << response.error;
        queues.push_back(response.serverTimingMs("queue"));
    }
    std::sort(queues.begin(), queues.end());
    EXPECT_LT(queues[2], kLatencyMs / 2.0) << "three ran at once";
    expectAbout(queues[3], kLatencyMs, "the fourth request's queue time");
}

TEST_F(SyncMode, NineRequestsThreeWorkersTakeThreeLatencies) {
    constexpr int kLatencyMs = 300;
    start(3, kLatencyMs);
    const auto begin = std::chrono::steady_clock::now();
    const std::vector<TestResponse> responses = httpRequestsAtOnce(m_server.port(), 9);
    expectAbout(msSince(begin), 3 * kLatencyMs, "makespan");
    int rounds[3] = {0, 0, 0};
    for (const TestResponse &response : responses) {
        ASSERT_EQ(response.status, 200) << response.error;
        const double queue = response.serverTimingMs("queue");
        ++rounds[queue < kLatencyMs / 2.0 ? 0 : queue < 1.5 * kLatencyMs ? 1 : 2];
    }
    EXPECT_EQ(rounds[0], 3) << "served at once";
    EXPECT_EQ(rounds[1], 3) << "waited one latency";
    EXPECT_EQ(rounds[2], 3) << "waited two latencies";
}

TEST_F(SyncMode, WorkersAreNumberedZeroToWMinusOne) {
    start(3, 100);
    std::set<std::string> workers;
    for (const TestResponse &response : httpRequestsAtOnce(m_server.port(), 7)) {
        ASSERT_EQ(response.status, 200) << response.error;
        workers.insert(response.header("X-Worker"));
    }
    EXPECT_EQ(workers, (std::set<std::string>{"0", "1", "2"}));
}

TEST_F(SyncMode, SequentialRequestsNeverQueue) {
    constexpr int kLatencyMs = 300;
    start(3, kLatencyMs);
    TestHttpClient client(m_server.port());
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/")));
        const TestResponse response = client.readResponse();
        ASSERT_EQ(response.status, 200) << response.error;
        EXPECT_LT(response.serverTimingMs("queue"), kLatencyMs / 2.0);
        EXPECT_EQ(response.header("X-Worker"), "0") << "the lowest free worker, every time";
    }
    expectAbout(msSince(begin), 3 * kLatencyMs, "three sequential requests");
}
