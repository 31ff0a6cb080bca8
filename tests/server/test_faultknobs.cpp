// The fault knobs: --error-rate makes handlers answer 500, --rate-limit turns the excess away
// with 429 and Retry-After before it reaches a worker.
#include "recordingobserver.h"
#include "testserver.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

server::ServerConfig faultyConfig(double errorRate, double rateLimit) {
    server::ServerConfig config;
    config.mode = server::ServerMode::Async;
    config.latencyMs = 100;
    config.errorRate = errorRate;
    config.rateLimitPerSecond = rateLimit;
    return config;
}

} // namespace

TEST(FaultKnobs, ErrorRateOneAnswers500AfterTheLatency) {
    TestServer server;
    ASSERT_TRUE(server.start(faultyConfig(1.0, 0))) << server.error().toStdString();
    const TestResponse response = httpRequest(server.port(), "GET", "/", "boom");
    EXPECT_EQ(response.status, 500) << response.error;
    EXPECT_EQ(response.header("X-Worker"), "0");
    EXPECT_EQ(response.header("X-Request-Id"), "boom");
    EXPECT_GE(response.serverTimingMs("app"), 99.9) << "the handler ran, then failed";
    EXPECT_NE(response.body.find("failed on purpose"), std::string::npos) << response.body;
}

TEST(FaultKnobs, ErrorRateSplitsRequestsBetween200And500) {
    TestServer server;
    ASSERT_TRUE(server.start(faultyConfig(0.5, 0))) << server.error().toStdString();
    TestHttpClient client(server.port());
    int failures = 0;
    constexpr int kRequests = 200;
    for (int i = 0; i < kRequests; ++i) {
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0")));
        const int status = client.readResponse().status;
        ASSERT_TRUE(status == 200 || status == 500) << status;
        failures += status == 500;
    }
    // Binomial(200, 0.5): outside 50..150 has a probability far below 1e-10.
    EXPECT_GT(failures, 50);
    EXPECT_LT(failures, 150);
}

TEST(FaultKnobs, NoErrorRateNeverFails) {
    TestServer server;
    ASSERT_TRUE(server.start(faultyConfig(0.0, 0))) << server.error().toStdString();
    TestHttpClient client(server.port());
    for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0")));
        ASSERT_EQ(client.readResponse().status, 200);
    }
}

TEST(FaultKnobs, RateLimitAnswers429WithRetryAfterAndNoWorker) {
    RecordingObserver events;
    TestServer server;
    ASSERT_TRUE(server.start(faultyConfig(0.0, 1.0), &events)) << server.error().toStdString();
    TestHttpClient client(server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0", "admitted")));
    EXPECT_EQ(client.readResponse().status, 200);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=0", "limited")));
        const TestResponse response = client.readResponse();
        ASSERT_EQ(response.status, 429) << response.error;
        EXPECT_EQ(response.header("Retry-After"), "1");
        EXPECT_EQ(response.header("X-Request-Id"), "limited");
        EXPECT_FALSE(response.hasHeader("X-Worker"));
        EXPECT_TRUE(response.hasHeader("Server-Timing"));
    }
    EXPECT_EQ(events.started().size(), 1u);
}
