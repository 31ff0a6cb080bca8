// SlowServer's life: start reports what went wrong, stop is prompt even with requests in
// flight, idempotent and implied by the destructor, and the URL names the bound port.
#include "recordingobserver.h"
#include "testserver.h"

#include "slowserver.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace reqlanes;
using reqlanes::server::ServerConfig;
using reqlanes::server::SlowServer;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

TEST(ServerLifecycle, StopWithRequestsInFlightIsPromptAndClosesThem) {
    ServerConfig config;
    config.workers = 3;
    config.latencyMs = 10000;
    RecordingObserver events;
    SlowServer server(config, &events);
    ASSERT_TRUE(server.start());
    std::vector<TestHttpClient> clients;
    for (int i = 0; i < 5; ++i) { // three running, two queued
        clients.emplace_back(server.port());
        ASSERT_TRUE(clients.back().send(TestHttpClient::request("GET", "/")));
    }
    ASSERT_TRUE(events.waitForStarted(3));

    const auto begin = std::chrono::steady_clock::now();
    server.stop();
    EXPECT_LT(msSince(begin), 500);
    for (TestHttpClient &client : clients) {
        const auto waited = std::chrono::steady_clock::now();
        EXPECT_TRUE(client.waitForClose(2000));
        EXPECT_LT(msSince(waited), 500);
    }
    EXPECT_TRUE(events.finished().empty()) << "abandoned requests are not reported";
    EXPECT_FALSE(TestHttpClient(server.port()).connected()) << "no longer listening";
}

TEST(ServerLifecycle, DestructorStopsTheServer) {
    std::uint16_t port = 0;
    {
        SlowServer server(ServerConfig{});
        ASSERT_TRUE(server.start());
        port = server.port();
        TestHttpClient inFlight(port);
        ASSERT_TRUE(inFlight.send(TestHttpClient::request("GET", "/")));
    }
    EXPECT_FALSE(TestHttpClient(port).connected());
}

TEST(ServerLifecycle, StopIsIdempotentAndFineBeforeStart) {
    SlowServer never(ServerConfig{});
    never.stop();
    EXPECT_EQ(never.port(), 0);
    SlowServer server(ServerConfig{});
    ASSERT_TRUE(server.start());
    server.stop();
    server.stop();
}

TEST(ServerLifecycle, SecondStartFailsAndRestartAfterStopWorks) {
    ServerConfig config;
    config.latencyMs = 0;
    SlowServer server(config);
    ASSERT_TRUE(server.start());
    std::string error;
    EXPECT_FALSE(server.start(&error));
    EXPECT_EQ(error, "the server is already running");
    server.stop();
    ASSERT_TRUE(server.start(&error)) << error;
    EXPECT_EQ(httpRequest(server.port()).status, 200);
}

TEST(ServerLifecycle, PortInUseIsReported) {
    SlowServer first(ServerConfig{});
    ASSERT_TRUE(first.start());
    ServerConfig config;
    config.port = first.port();
    SlowServer second(config);
    std::string error;
    EXPECT_FALSE(second.start(&error));
    EXPECT_NE(error.find("cannot bind 127.0.0.1 port " + std::to_string(first.port())),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("in use"), std::string::npos) << error;
}

TEST(ServerLifecycle, InvalidConfigIsReportedByStart) {
    ServerConfig config;
    config.workers = 0;
    SlowServer server(config);
    std::string error;
    EXPECT_FALSE(server.start(&error));
    EXPECT_EQ(error, "workers must be 1..1024");
}

TEST(ServerLifecycle, UrlNamesTheBoundPort) {
    SlowServer server(ServerConfig{});
    ASSERT_TRUE(server.start());
    EXPECT_NE(server.port(), 0);
    EXPECT_EQ(server.url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/");
    EXPECT_EQ(server.config().workers, 3);

    ServerConfig wildcard;
    wildcard.bindAddress = "0.0.0.0";
    SlowServer everywhere(wildcard);
    ASSERT_TRUE(everywhere.start());
    EXPECT_EQ(everywhere.url(), "http://127.0.0.1:" + std::to_string(everywhere.port()) + "/");
}

TEST(ServerLifecycle, ServesOnIpv6Loopback) {
    ServerConfig config;
    config.bindAddress = "::1";
    config.latencyMs = 0;
    SlowServer server(config);
    std::string error;
    if (!server.start(&error))
        GTEST_SKIP() << "no IPv6 loopback here: " << error;
    EXPECT_EQ(server.url(), "http://[::1]:" + std::to_string(server.port()) + "/");
}

TEST(ServerLifecycle, TestServerHelperGivesAUsableUrl) {
    TestServer server;
    ASSERT_TRUE(server.start(2, 0)) << server.error().toStdString();
    EXPECT_EQ(server.url().toStdString(),
              "http://127.0.0.1:" + std::to_string(server.port()) + "/");
    EXPECT_EQ(httpRequest(server.port()).status, 200);
    server.stop();
    EXPECT_EQ(server.port(), 0);
}
