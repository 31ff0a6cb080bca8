// Every strategy against the embedded server (3 sync workers unless said otherwise, latencies of
// 100-300 ms): makespans follow ceil(N / min(W, C)) x L, concurrency is what the strategy
// promises, phases are in order, and refused, timed-out and cancelled requests say so.
#include "qtcoreenvironment.h"

#include "results/runstats.h"
#include "run/runner.h"
#include "run/strategyregistry.h"
#include "runtriggers.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QRegularExpression>

#include <gtest/gtest.h>

#include <ostream>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

using namespace reqlanes;

// Test names and failures show the strategy id, not QString's bytes.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &text, std::ostream *out) {
    *out << text.toStdString();
}
QT_END_NAMESPACE

namespace {

constexpr int kStrategyLatencyMs = 200;
constexpr double kLatencyS = kStrategyLatencyMs / 1000.0;
// Never faster than physics allows; up to this much slower on a loaded 2-core machine.
constexpr double kSlackS = 0.35;

Scenario scenario(const QString &strategy, int n, int limit = 3,
                  ServerMode mode = ServerMode::Sync) {
    Scenario s;
    s.strategy = strategy;
    s.n = n;
    s.limit = limit;
    s.timeoutMs = 10000;
    s.server.workers = 3;
    s.server.latencyMs = kStrategyLatencyMs;
    s.server.mode = mode;
    return s;
}

void expectMakespanNear(const RunStats &stats, double expectedS) {
    EXPECT_GE(stats.makespanS, expectedS - 0.02);
    EXPECT_LE(stats.makespanS, expectedS + kSlackS);
}

void expectAllOk(const reqlanes::Run &run) {
    EXPECT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    for (const RequestRecord &record : run.requests)
        EXPECT_EQ(record.status, RequestStatus::Ok)
            << "request " << record.id << ": " << record.error.toStdString();
}

} // namespace

// Read from the table, so a new row needs no change here: the talk starts from sync (the
// comparison's baseline), every id is a distinct lower-case word users can type, and every row
// says what it is.
TEST(Strategies, RegistryStartsWithSyncAndEveryRowHasAUniqueTypeableId) {
    const StrategyRegistry &registry = StrategyRegistry::instance();
    ASSERT_FALSE(registry.strategies().empty());
    EXPECT_EQ(registry.strategies().front().id, QStringLiteral("sync"));
    const QRegularExpression typeable(QStringLiteral("^[a-z][a-z0-9]*(-[a-z0-9]+)*$"));
    QStringList seen;
    for (const StrategyInfo &info : registry.strategies()) {
        EXPECT_TRUE(typeable.match(info.id).hasMatch()) << info.id.toStdString();
        EXPECT_FALSE(seen.contains(info.id)) << info.id.toStdString() << " twice";
        EXPECT_FALSE(info.name.isEmpty()) << info.id.toStdString();
        EXPECT_FALSE(info.description.isEmpty()) << info.id.toStdString();
        EXPECT_EQ(registry.find(info.id), &info);
        seen << info.id;
    }
    EXPECT_EQ(registry.ids(), seen);
}

TEST(Strategies, SyncThreeRequestsTakeThreeLatenciesOnOneThread) {
    const reqlanes::Run run = runScenario(scenario("sync", 3));
    expectAllOk(run);
    const RunStats stats = computeStats(run);
    expectMakespanNear(stats, 3 * kLatencyS);
    EXPECT_EQ(stats.threads, 1);
    EXPECT_EQ(stats.peakInFlight, 1);
}

TEST(Strategies, ThreadsThreeRequestsTakeOneLatencyOnThreeThreads) {
    const reqlanes::Run run = runScenario(scenario("threads", 3));
    expectAllOk(run);
    const RunStats stats = computeStats(run);
    expectMakespanNear(stats, kLatencyS);
    EXPECT_EQ(stats.threads, 3);
}

TEST(Strategies, ThreadsNineRequestsQueueInTheServerAndTakeThreeLatencies) {
    const reqlanes::Run run = runScenario(scenario("threads", 9));
    expectAllOk(run);
    const RunStats stats = computeStats(run);
    expectMakespanNear(stats, 3 * kLatencyS);
    EXPECT_EQ(stats.peakInFlight, 9);
    int queuedAtLeastOneLatency = 0;
    for (const RequestRecord &record : run.requests)
        if (nanosToSeconds(record.span(Phase::ServerAccept, Phase::ServerStart)) > 0.9 * kLatencyS)
            ++queuedAtLeastOneLatency;
    EXPECT_EQ(queuedAtLeastOneLatency, 6);
}

class LimitedStrategy : public ::testing::TestWithParam<const char *> {};

TEST_P(LimitedStrategy, NineRequestsLimitThreeTakeThreeLatenciesWithThreeInFlight) {
    const reqlanes::Run run = runScenario(scenario(QString::fromLatin1(GetParam()), 9, 3));
    expectAllOk(run);
    const RunStats stats = computeStats(run);
    expectMakespanNear(stats, 3 * kLatencyS);
    EXPECT_LE(stats.peakInFlight, 3);
    EXPECT_GE(stats.peakInFlight, 3);
    // Six of nine waited for a slot on the client, not in the server.
    EXPECT_GT(stats.meanSlotWaitS, 0.5 * kLatencyS);
    EXPECT_LT(stats.meanServerQueueS, 0.3 * kLatencyS); // queueing in the server: ~1 latency
}

INSTANTIATE_TEST_SUITE_P(Strategies, LimitedStrategy,
                         ::testing::Values("thread-pool", "async-semaphore", "coroutines"));

TEST(Strategies, AsyncHundredRequestsAgainstAnAsyncServerTakeOneLatencyAllInFlight) {
    const reqlanes::Run run = runScenario(scenario("async", 100, 3, ServerMode::Async));
    expectAllOk(run);
    const RunStats stats = computeStats(run);
    expectMakespanNear(stats, kLatencyS);
    EXPECT_EQ(stats.peakInFlight, 100);
    EXPECT_EQ(stats.threads, 1);
}

TEST(Strategies, ProcessesThreeRequestsRunInThreeDistinctProcesses) {
    const reqlanes::Run run = runScenario(scenario("processes", 3, 3));
    expectAllOk(run);
    std::set<std::int32_t> pids;
    for (const RequestRecord &record : run.requests)
        pids.insert(record.processId);
    EXPECT_EQ(pids.size(), 3u);
    EXPECT_EQ(pids.count(RunRecorder::currentProcessId()), 0u);
}

TEST(Strategies, QnamTwelveRequestsShowItsSixConnectionCap) {
    const reqlanes::Run run = runScenario(scenario("qnam", 12, 3, ServerMode::Async));
    expectAllOk(run);
    const RunStats stats = computeStats(run);
    EXPECT_LE(stats.peakInFlight, 6);
    // The server could take all 12 at once; the cap makes it two rounds.
    expectMakespanNear(stats, 2 * kLatencyS);
}

class EveryStrategy : public ::testing::TestWithParam<QString> {};

TEST_P(EveryStrategy, PhasesAreInOrderAndEveryRequestIsPlaced) {
    const reqlanes::Run run = runScenario(scenario(GetParam(), 4, 2));
    expectAllOk(run);
    const Phase clientOrder[] = {Phase::Created, Phase::Acquired, Phase::Sent, Phase::FirstByte,
                                 Phase::Done};
    for (const RequestRecord &record : run.requests) {
        Nanos previous = 0;
        for (Phase phase : clientOrder) {
            ASSERT_TRUE(record.has(phase)) << phaseName(phase).toStdString();
            EXPECT_GE(record.phase(phase), previous) << phaseName(phase).toStdString();
            previous = record.phase(phase);
        }
        EXPECT_LE(record.phase(Phase::ServerAccept), record.phase(Phase::ServerStart));
        EXPECT_LE(record.phase(Phase::ServerStart), record.phase(Phase::ServerEnd));
        EXPECT_GE(record.serverWorker, 0);
        EXPECT_GT(record.threadId, 0);
        EXPECT_GT(record.processId, 0);
        EXPECT_EQ(record.httpStatus, 200);
    }
}

TEST_P(EveryStrategy, RefusedTargetRecordsEveryRequestAsRefused) {
    Scenario s = scenario(GetParam(), 3);
    s.targetUrl = closedPortUrl();
    QElapsedTimer timer;
    timer.start();
    const reqlanes::Run run = runScenario(s);
    EXPECT_LT(timer.elapsed(), 5000);
    ASSERT_EQ(run.requests.size(), 3u);
    for (const RequestRecord &record : run.requests) {
        EXPECT_EQ(record.status, RequestStatus::Refused) << record.error.toStdString();
        EXPECT_TRUE(record.error.contains(QLatin1String("refused"))) << record.error.toStdString();
    }
    EXPECT_EQ(computeStats(run).idealS, -1) << "an external server's capacity is unknown";
}

TEST_P(EveryStrategy, TimeoutShorterThanTheLatencyRecordsTimeouts) {
    Scenario s = scenario(GetParam(), 2);
    s.server.latencyMs = 1500;
    s.timeoutMs = 150;
    const reqlanes::Run run = runScenario(s);
    // No client waited for the server: the last one gave up long before a handler ended. (The
    // run itself then waits for the server's abandoned work; that is not in the makespan.)
    EXPECT_LT(nanosToSeconds(run.elapsed), 1.4);
    for (const RequestRecord &record : run.requests) {
        EXPECT_EQ(record.status, RequestStatus::Timeout) << record.error.toStdString();
        EXPECT_TRUE(record.has(Phase::Done));
    }
}

TEST_P(EveryStrategy, CancelMidRunEndsWithin200MsAndRecordsCancelled) {
    CancelOnFirstRequest observer;
    TestServer server;
    server::ServerConfig config;
    config.workers = 3;
    config.latencyMs = 3000;
    ASSERT_TRUE(server.start(config, &observer)) << server.error().toStdString();

    Scenario s = scenario(GetParam(), 6, 2);
    s.targetUrl = server.url();
    const reqlanes::Run run = runScenario(s, &observer.cancel);
    const double afterCancelS = nanosToSeconds(steadyNowNs() - observer.cancelledAtNs.load());
    EXPECT_LT(afterCancelS, 0.2 + 0.3); // 200 ms, a loaded machine's margin; ignored: 3 s
    EXPECT_TRUE(run.cancelled);
    for (const RequestRecord &record : run.requests)
        EXPECT_EQ(record.status, RequestStatus::Cancelled) << record.error.toStdString();
}

INSTANTIATE_TEST_SUITE_P(Strategies, EveryStrategy,
                         ::testing::ValuesIn(StrategyRegistry::instance().ids()),
                         [](const auto &info) {
                             std::string name = info.param.toStdString();
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });
