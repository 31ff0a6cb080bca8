// A run on a server that is already up (the app's watch server): the run's own requests and
// another program's request during it land in one Run, on one clock; between runs the watch
// recorder sees the traffic again. Real server, real sockets, loopback only.
#include "eventually.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/runner.h"
#include "run/sharedserver.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include "qtcoreenvironment.h"
#include "testhttpclient.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

using namespace reqlanes;

namespace {

constexpr int kSharedLatencyMs = 300;

ServerSettings settings(int workers, int latencyMs) {
    ServerSettings server;
    server.workers = workers;
    server.latencyMs = latencyMs;
    return server;
}

// No process lookups: the "other program" is this test itself.
watch::WatchSettings lookupOff() {
    watch::WatchSettings settings;
    settings.lookUpProcesses = false;
    return settings;
}

Scenario threadsScenario(int n, const ServerSettings &server) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("threads");
    scenario.n = n;
    scenario.timeoutMs = 10000;
    scenario.server = server;
    return scenario;
}

class SharedServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        watch::WatchServerOptions options;
        options.port = 0; // ephemeral: tests never fight over 8000
        options.server = settings(4, kSharedLatencyMs);
        QString error;
        ASSERT_TRUE(m_server.start(options, &error)) << error.toStdString();
    }

    watch::WatchRecorder m_recorder{lookupOff()};
    watch::WatchServer m_server{&m_recorder};
};

} // namespace

TEST_F(SharedServerTest, RunAndOutsideRequestDuringItShareOneRunAndClock) {
    const std::uint16_t port = m_server.port();
    Runner runner;
    runner.setSharedServer(m_server.sharedServer());
    QString error;
    ASSERT_TRUE(runner.start(threadsScenario(3, settings(4, kSharedLatencyMs)), &error))
        << error.toStdString();
    // Under way: the server has started one of the run's requests (3 of 4 workers busy).
    ASSERT_TRUE(eventually([&] {
        const reqlanes::Run live = runner.snapshot();
        return std::any_of(live.requests.begin(), live.requests.end(),
                           [](const auto &r) { return r.phase(Phase::ServerStart) != kUnset; });
    }));
    // Another program: a short request on the fourth worker, done long before the run's.
    const TestResponse outside = httpRequest(port, "GET", "/?delay=20", "other-program-1");
    EXPECT_EQ(outside.status, 200) << outside.error;
    runner.wait();

    const reqlanes::Run run = runner.snapshot();
    ASSERT_TRUE(run.finished);
    EXPECT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    EXPECT_EQ(run.okCount(), 3);
    ASSERT_EQ(run.outsideRequests.size(), 1u);
    const OutsideRequest &other = run.outsideRequests.front();
    EXPECT_EQ(other.requestId, QStringLiteral("other-program-1"));
    EXPECT_EQ(other.httpStatus, 200);
    EXPECT_GE(other.worker, 0);
    // On the run's clock: inside the run, while the run's requests were being served.
    ASSERT_NE(other.started, kUnset);
    ASSERT_NE(other.ended, kUnset);
    EXPECT_GT(other.accepted, 0);
    EXPECT_LT(other.ended, run.elapsed);
    const Nanos firstServerStart =
        std::min_element(run.requests.begin(), run.requests.end(),
                         [](const auto &a, const auto &b) {
                             return a.phase(Phase::ServerStart) < b.phase(Phase::ServerStart);
                         })
            ->phase(Phase::ServerStart);
    EXPECT_GT(other.started, firstServerStart);
    // Counted as a busy worker: the run's three plus the other client's, at once.
    const std::vector<Step> busy = busyServerWorkers(run);
    const int peak = std::max_element(busy.begin(), busy.end(), [](const Step &a, const Step &b) {
                         return a.value < b.value;
                     })->value;
    EXPECT_EQ(peak, 4);
    EXPECT_EQ(computeStats(run).outsideRequests, 1);
    // The run's traffic and the outside request were the run's, not a watch session's.
    m_recorder.endSession();
    EXPECT_TRUE(m_recorder.takeFinishedSessions().empty());

    // After the run, traffic goes to the watch recorder again.
    EXPECT_EQ(httpRequest(port, "GET", "/?delay=20", "after-the-run").status, 200);
    EXPECT_TRUE(eventually([&] { return m_recorder.inSession(); }));
}

// Timeout 150 ms against 3 workers × 300 ms: requests 3-5 wait in the server until ~0.3 s, then
// run to ~0.6 s, long after their clients gave up (~0.3 s, the run's last done). The run stays
// attached until the server has finished them, so their ends are the run's, not lost.
TEST_F(SharedServerTest, RunStaysAttachedUntilTheServerFinishedItsAbandonedWork) {
    Scenario scenario = threadsScenario(6, settings(3, kSharedLatencyMs));
    scenario.strategy = QStringLiteral("async-semaphore");
    scenario.limit = 3;
    scenario.timeoutMs = 150;
    const reqlanes::Run run = runScenario(scenario, nullptr, m_server.sharedServer());
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    EXPECT_FALSE(run.cancelled);
    Nanos lastDone = kUnset;
    for (const RequestRecord &record : run.requests)
        lastDone = std::max(lastDone, record.phase(Phase::Done));
    EXPECT_EQ(run.elapsed, lastDone);
    for (const RequestRecord &record : run.requests) {
        ASSERT_TRUE(record.has(Phase::ServerStart) && record.has(Phase::ServerEnd))
            << "request " << record.id;
        EXPECT_EQ(abandonedWork(record, run.elapsed).end, record.phase(Phase::ServerEnd));
        if (record.id >= 3) {
            EXPECT_GE(record.phase(Phase::ServerEnd) - run.elapsed,
                      kSharedLatencyMs * 1'000'000 / 2)
                << "request " << record.id << " drawn past the run's last done";
        }
    }
    m_recorder.endSession();
    EXPECT_TRUE(m_recorder.takeFinishedSessions().empty()) << "none of it reached watch mode";
}

TEST_F(SharedServerTest, RunSettingsAreAppliedOnTheSamePort) {
    const std::uint16_t port = m_server.port();
    const reqlanes::Run run =
        runScenario(threadsScenario(2, settings(1, 100)), nullptr, m_server.sharedServer());
    EXPECT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    EXPECT_EQ(run.okCount(), 2);
    EXPECT_EQ(m_server.port(), port);
    EXPECT_EQ(m_server.settings().workers, 1);
    EXPECT_EQ(m_server.settings().latencyMs, 100);
    // One worker: the second request waited in the server for the first (queue ≈ latency).
    const auto queued = std::count_if(run.requests.begin(), run.requests.end(), [](const auto &r) {
        return r.phase(Phase::ServerStart) - r.phase(Phase::ServerAccept) > 50'000'000;
    });
    EXPECT_EQ(queued, 1);
}

TEST_F(SharedServerTest, StoppedServerIsRestartedOnItsPortForTheRun) {
    const std::uint16_t port = m_server.port();
    m_server.stop();
    const reqlanes::Run run =
        runScenario(threadsScenario(1, settings(4, 100)), nullptr, m_server.sharedServer());
    EXPECT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    EXPECT_EQ(run.okCount(), 1);
    EXPECT_TRUE(m_server.isRunning());
    EXPECT_EQ(m_server.port(), port);
}

TEST(SharedServer, NeverStartedServerGivesAClearError) {
    watch::WatchRecorder recorder{lookupOff()};
    watch::WatchServer server{&recorder};
    Runner runner;
    runner.setSharedServer(server.sharedServer());
    QString error;
    EXPECT_FALSE(runner.start(threadsScenario(1, settings(4, 100)), &error));
    EXPECT_EQ(error,
              QStringLiteral(
                  "the shared server cannot take the run's settings: the server is not running"));
    const reqlanes::Run run =
        runScenario(threadsScenario(1, settings(4, 100)), nullptr, server.sharedServer());
    EXPECT_FALSE(run.error.isEmpty());
    EXPECT_EQ(run.okCount(), 0);
}

TEST_F(SharedServerTest, BetweenRunsTheWatchRecorderSeesEachRequestsFirstByte) {
    // Two requests pipelined in one write: only the server's first-byte event (requestBegan)
    // tells the recorder the second was sent with the first and waited behind it.
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/?delay=50", "first") +
                            TestHttpClient::request("GET", "/?delay=50", "second")));
    ASSERT_EQ(client.readResponse().status, 200);
    ASSERT_EQ(client.readResponse().status, 200);
    ASSERT_TRUE(m_recorder.endSession());
    const std::vector<reqlanes::Run> sessions = m_recorder.takeFinishedSessions();
    ASSERT_EQ(sessions.size(), 1u);
    ASSERT_EQ(sessions[0].requests.size(), 2u);
    const RequestRecord &second = sessions[0].requests[1];
    EXPECT_EQ(second.phase(Phase::Created), sessions[0].requests[0].phase(Phase::Created));
    ASSERT_TRUE(second.has(Phase::Acquired));
    EXPECT_GE(second.phase(Phase::Acquired), sessions[0].requests[0].phase(Phase::Done));
}
