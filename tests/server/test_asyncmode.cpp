// Async mode behaves like an event-loop server: no worker limit, every request runs at once,
// each on its own handler slot, with one I/O thread however many connections there are.
#include "testserver.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

using namespace reqlanes;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

TEST(AsyncMode, FiveHundredConcurrentRequestsTakeWellUnderTwoLatencies) {
    constexpr int kLatencyMs = 300;
    constexpr int kRequests = 500;
    raiseOpenFileLimit(); // 500 client and 500 server sockets in this one process
    TestServer server;
    ASSERT_TRUE(server.start(1, kLatencyMs, server::ServerMode::Async))
        << server.error().toStdString();
    const auto begin = std::chrono::steady_clock::now();
    std::vector<TestHttpClient> clients;
    clients.reserve(kRequests);
    for (int i = 0; i < kRequests; ++i) {
        clients.emplace_back(server.port());
        ASSERT_TRUE(clients.back().send(TestHttpClient::request("GET", "/"))) << i;
    }
    // Opening 500 connections takes this test itself from a few ms to a few hundred on a
    // loaded machine; the server is judged from the last request sent, not from the first.
    const double sentMs = msSince(begin);
    std::vector<TestResponse> responses;
    for (TestHttpClient &client : clients)
        responses.push_back(client.readResponse());
    const double wallMs = msSince(begin);
    EXPECT_GE(wallMs, kLatencyMs - 1);
    EXPECT_LT(wallMs - sentMs, 2 * kLatencyMs) << "sending took " << sentMs << " ms";
    for (const TestResponse &response : responses) {
        ASSERT_EQ(response.status, 200) << response.error;
        // Counted by the server from accepting the connection: a request that waited for
        // another's handler would show a latency here.
        EXPECT_LT(response.serverTimingMs("queue"), kLatencyMs / 2.0) << "nothing waits";
    }
}

TEST(AsyncMode, OverlappingRequestsRunOnDistinctLowestSlots) {
    TestServer server;
    ASSERT_TRUE(server.start(1, 250, server::ServerMode::Async)) << server.error().toStdString();
    std::set<std::string> slotIds;
    for (const TestResponse &response : httpRequestsAtOnce(server.port(), 5)) {
        ASSERT_EQ(response.status, 200) << response.error;
        slotIds.insert(response.header("X-Worker"));
    }
    EXPECT_EQ(slotIds, (std::set<std::string>{"0", "1", "2", "3", "4"}));
    // All free again: the next request takes slot 0.
    EXPECT_EQ(httpRequest(server.port()).header("X-Worker"), "0");
}
