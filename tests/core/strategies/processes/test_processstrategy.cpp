// The `processes` strategy against the embedded slow server: real worker processes share the
// requests, their start-up cost shows on their lanes, and none outlives the run, whether it
// ends normally, is cancelled, or a worker crashes, talks nonsense or cannot be started.
#include "eventually.h"
#include "run/strategyregistry.h"
#include "scratchfile.h"
#include "strategies/processstrategy.h"
#include "testserver.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <thread>

using namespace reqlanes;

namespace {

constexpr int kWorkers = 3;
constexpr int kProcessLatencyMs = 250;
constexpr double kLatencyNs = kProcessLatencyMs * 1e6;

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QByteArray &value)
        : m_name(name) {
        if (const char *old = std::getenv(name))
            m_old = QByteArray(old);
        ::setenv(name, value.constData(), 1);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->constData(), 1);
        else
            ::unsetenv(m_name);
    }

private:
    const char *m_name;
    std::optional<QByteArray> m_old;
};

struct Outcome {
    std::vector<RequestRecord> records;
    std::vector<LaneEvent> lanes;
    Nanos wallNs = 0; // execute() from call to return
};

class ProcessStrategyTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_server.start(kWorkers, kProcessLatencyMs)) << m_server.error().toStdString();
    }

    Target target() const { return *Target::fromUrl(m_server.url()); }

    // Runs the strategy on this thread; `whileRunning` (if any) runs on a second thread with
    // the recorder and the cancel token, e.g. to cancel at the right moment.
    Outcome run(int n, int limit,
                const std::function<void(RunRecorder &, CancelToken &)> &whileRunning = {},
                int timeoutMs = 10000) {
        Scenario scenario;
        scenario.strategy = QStringLiteral("processes");
        scenario.n = n;
        scenario.limit = limit;
        scenario.timeoutMs = timeoutMs;
        const Target where = target();
        RunRecorder recorder(n, steadyNowNs());
        CancelToken cancel;
        ProcessStrategy strategy;
        const StrategyInfo info = strategy.info();
        RunContext ctx{info, scenario, where, recorder, cancel};
        std::thread helper;
        if (whileRunning)
            helper = std::thread([&] { whileRunning(recorder, cancel); });
        const std::int64_t start = steadyNowNs();
        strategy.execute(ctx);
        Outcome out;
        out.wallNs = steadyNowNs() - start;
        if (helper.joinable())
            helper.join();
        out.records = recorder.records();
        out.lanes = recorder.laneEvents();
        EXPECT_TRUE(recorder.allFinished());
        return out;
    }

    TestServer m_server;
};

std::set<std::int32_t> processIds(const std::vector<LaneEvent> &lanes) {
    std::set<std::int32_t> pids;
    for (const auto &event : lanes)
        pids.insert(event.processId);
    return pids;
}

std::map<std::int32_t, std::vector<LaneEvent>> eventsByProcess(const std::vector<LaneEvent> &e) {
    std::map<std::int32_t, std::vector<LaneEvent>> out;
    for (const auto &event : e)
        out[event.processId].push_back(event);
    return out;
}

// Longest spawn-to-ready time: what starting a worker process cost in this run.
Nanos startCost(const std::vector<LaneEvent> &lanes) {
    Nanos worst = 0;
    for (const auto &[pid, events] : eventsByProcess(lanes)) {
        Nanos spawned = kUnset;
        for (const auto &event : events) {
            if (event.kind == LaneEventKind::ProcessSpawned)
                spawned = event.at;
            if (event.kind == LaneEventKind::ProcessReady && spawned != kUnset)
                worst = std::max(worst, event.at - spawned);
        }
    }
    return worst;
}

// How long the workers took to exit after the last request ended (execute() waits for them):
// measured, like the start cost, because it is real cost of the strategy, not slack; under
// AddressSanitizer each worker's exit-time leak check makes it tens of milliseconds.
Nanos stopCost(const Outcome &out) {
    Nanos lastDone = 0, lastExit = 0;
    for (const RequestRecord &record : out.records)
        lastDone = std::max(lastDone, record.phase(Phase::Done));
    for (const LaneEvent &event : out.lanes)
        if (event.kind == LaneEventKind::ProcessExited)
            lastExit = std::max(lastExit, event.at);
    return std::max<Nanos>(0, lastExit - lastDone);
}

// Neither running nor a zombie of ours: the child was reaped and is gone.
void expectGone(std::int32_t pid) {
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, WNOHANG), -1) << "pid " << pid << " is still our child";
    EXPECT_EQ(errno, ECHILD);
    EXPECT_EQ(::kill(pid, 0), -1) << "pid " << pid << " still exists";
}

} // namespace

TEST(ProcessStrategyInfo, IsRegisteredAsProcessesWithALimit) {
    const StrategyInfo *info = StrategyRegistry::instance().find(QStringLiteral("processes"));
    ASSERT_NE(info, nullptr);
    EXPECT_TRUE(info->usesLimit());
    EXPECT_EQ(ProcessStrategy().info().id, QStringLiteral("processes"));
}

TEST_F(ProcessStrategyTest, ThreeRequestsOnThreeProcessesTakeOneLatencyPlusStartCost) {
    const Outcome out = run(3, 3);
    const std::set<std::int32_t> pids = processIds(out.lanes);
    ASSERT_EQ(pids.size(), 3u);
    EXPECT_EQ(pids.count(::getpid()), 0u);
    std::set<std::int32_t> usedPids;
    for (const auto &record : out.records) {
        EXPECT_EQ(record.status, RequestStatus::Ok) << record.error.toStdString();
        EXPECT_EQ(pids.count(record.processId), 1u);
        EXPECT_GE(record.logicalLane, 0);
        EXPECT_GE(record.serverWorker, 0);
        usedPids.insert(record.processId);
    }
    EXPECT_EQ(usedPids.size(), 3u) << "each request ran in its own process";

    const Nanos cost = startCost(out.lanes);
    std::printf("[ figures  ] processes N=3 limit=3 L=%d ms: wall %.1f ms, start cost %.1f ms\n",
                kProcessLatencyMs, nanosToMs(out.wallNs), nanosToMs(cost));
    EXPECT_GT(cost, 0);
    EXPECT_GE(out.wallNs, 0.95 * kLatencyNs);
    // One latency plus starting the processes, not two latencies.
    EXPECT_LE(out.wallNs, kLatencyNs + cost + stopCost(out) + 0.6 * kLatencyNs);
}

TEST_F(ProcessStrategyTest, SixRequestsOnThreeProcessesTakeTwoLatenciesOneJobAtATime) {
    const Outcome out = run(6, 3);
    EXPECT_EQ(processIds(out.lanes).size(), 3u);
    std::map<std::int32_t, std::vector<RequestRecord>> perProcess;
    for (const auto &record : out.records) {
        EXPECT_EQ(record.status, RequestStatus::Ok) << record.error.toStdString();
        perProcess[record.processId].push_back(record);
    }
    for (auto &[pid, records] : perProcess) {
        std::sort(records.begin(), records.end(), [](const auto &a, const auto &b) {
            return a.phase(Phase::Acquired) < b.phase(Phase::Acquired);
        });
        for (std::size_t i = 1; i < records.size(); ++i)
            EXPECT_GE(records[i].phase(Phase::Acquired), records[i - 1].phase(Phase::Done))
                << "process " << pid << " ran two requests at once";
    }
    const Nanos cost = startCost(out.lanes);
    std::printf("[ figures  ] processes N=6 limit=3 L=%d ms: wall %.1f ms, start cost %.1f ms\n",
                kProcessLatencyMs, nanosToMs(out.wallNs), nanosToMs(cost));
    EXPECT_GE(out.wallNs, 2 * 0.95 * kLatencyNs);
    EXPECT_LE(out.wallNs, 2 * kLatencyNs + cost + stopCost(out) + 0.6 * kLatencyNs);
}

TEST_F(ProcessStrategyTest, EachProcessLaneGoesSpawnedReadyExitedInOrder) {
    const Outcome out = run(3, 3);
    const auto byProcess = eventsByProcess(out.lanes);
    ASSERT_EQ(byProcess.size(), 3u);
    for (const auto &[pid, events] : byProcess) {
        ASSERT_EQ(events.size(), 3u) << "pid " << pid;
        EXPECT_EQ(events[0].kind, LaneEventKind::ProcessSpawned);
        EXPECT_EQ(events[1].kind, LaneEventKind::ProcessReady);
        EXPECT_EQ(events[2].kind, LaneEventKind::ProcessExited);
        EXPECT_EQ(events[2].detail, QStringLiteral("exit code 0"));
        EXPECT_LE(events[0].at, events[1].at);
        EXPECT_LE(events[1].at, events[2].at);
        EXPECT_EQ(events[0].logicalLane, events[2].logicalLane);
        // Its requests ran between ready and exit.
        for (const auto &record : out.records) {
            if (record.processId != pid)
                continue;
            EXPECT_GE(record.phase(Phase::Acquired), events[1].at);
            EXPECT_LE(record.phase(Phase::Done), events[2].at);
            EXPECT_EQ(record.logicalLane, events[0].logicalLane);
        }
        expectGone(pid);
    }
}

TEST_F(ProcessStrategyTest, CancelMidRunReturnsWithin200MsAndLeavesNoChild) {
    std::int64_t cancelledAt = 0;
    const Outcome out = run(6, 3, [&](RunRecorder &recorder, CancelToken &cancel) {
        // Cancel once all three workers have a request at the server.
        const bool inFlight = eventually(
            [&] {
                const auto records = recorder.records();
                return std::count_if(records.begin(), records.end(),
                                     [](const auto &r) { return r.has(Phase::Sent); }) >= 3;
            },
            10000);
        EXPECT_TRUE(inFlight);
        cancelledAt = steadyNowNs();
        cancel.cancel();
    });
    const Nanos afterCancel = steadyNowNs() - cancelledAt; // upper bound: includes the join
    std::printf("[ figures  ] processes cancel returned %.1f ms after cancel()\n",
                nanosToMs(afterCancel));
    EXPECT_LT(afterCancel, 200'000'000 + 150'000'000); // 200 ms plus slack for a loaded machine

    int cancelled = 0;
    for (const auto &record : out.records) {
        EXPECT_TRUE(record.finished());
        cancelled += record.status == RequestStatus::Cancelled;
    }
    EXPECT_GE(cancelled, 3); // the three in flight and the three never handed out
    const auto byProcess = eventsByProcess(out.lanes);
    ASSERT_EQ(byProcess.size(), 3u);
    for (const auto &[pid, events] : byProcess) {
        EXPECT_EQ(events.back().kind, LaneEventKind::ProcessExited);
        EXPECT_TRUE(events.back().detail.startsWith(QStringLiteral("stopped on cancel")))
            << events.back().detail.toStdString();
        expectGone(pid);
    }
}

TEST_F(ProcessStrategyTest, PerRequestTimeoutAppliesInsideTheWorkers) {
    constexpr int kTimeoutMs = 100; // well under the server's latency
    const Outcome out = run(2, 2, {}, kTimeoutMs);
    for (const auto &record : out.records) {
        EXPECT_EQ(record.status, RequestStatus::Timeout) << record.error.toStdString();
        EXPECT_NE(record.processId, ::getpid());
    }
    // The workers gave up, they did not wait for the server (their start is not the point).
    EXPECT_LT(out.wallNs, startCost(out.lanes) + kLatencyNs);
}

TEST_F(ProcessStrategyTest, CrashingWorkerFailsItsRequestAndTheSurvivorRunsTheRest) {
    const ScopedEnv crash("REQLANES_WORKER_CRASH_ON", "1");
    const Outcome out = run(4, 2);
    const RequestRecord &victim = out.records[1];
    EXPECT_EQ(victim.status, RequestStatus::ProtocolError);
    EXPECT_TRUE(
        victim.error.contains(QStringLiteral("worker process %1 crashed").arg(victim.processId)))
        << victim.error.toStdString();
    EXPECT_TRUE(victim.error.contains(QLatin1String("signal 6"))) << victim.error.toStdString();
    std::set<std::int32_t> survivors;
    for (const auto &record : out.records) {
        if (record.id == 1)
            continue;
        EXPECT_EQ(record.status, RequestStatus::Ok) << record.error.toStdString();
        EXPECT_NE(record.processId, victim.processId);
        survivors.insert(record.processId);
    }
    EXPECT_EQ(survivors.size(), 1u);

    const auto victimLane = eventsByProcess(out.lanes)[victim.processId];
    ASSERT_FALSE(victimLane.empty());
    EXPECT_EQ(victimLane.back().kind, LaneEventKind::ProcessCrashed);
    EXPECT_TRUE(victimLane.back().detail.contains(QLatin1String("SIGABRT")))
        << victimLane.back().detail.toStdString();
    for (const std::int32_t pid : processIds(out.lanes))
        expectGone(pid);
}

TEST_F(ProcessStrategyTest, MissingWorkerExecutableFailsEveryRequestClearly) {
    const ScopedEnv missing("REQLANES_WORKER", "/nonexistent");
    const Outcome out = run(3, 3);
    EXPECT_LT(out.wallNs, 1'000'000'000);
    EXPECT_TRUE(out.lanes.empty());
    for (const auto &record : out.records) {
        EXPECT_EQ(record.status, RequestStatus::ProtocolError);
        EXPECT_TRUE(record.error.contains(QLatin1String("REQLANES_WORKER=/nonexistent")))
            << record.error.toStdString();
    }
}

TEST_F(ProcessStrategyTest, WorkerThatCannotBeExecutedFailsEveryRequestWithExecsReason) {
    QTemporaryDir dir;
    // Empty: execve says ENOEXEC.
    const QString path =
        reqlanes::testing::writeScratchProgram(dir, QStringLiteral("not-a-program"), {});
    ASSERT_FALSE(path.isEmpty());
    const ScopedEnv broken("REQLANES_WORKER", QFile::encodeName(path));
    const Outcome out = run(3, 2);
    EXPECT_LT(out.wallNs, 1'000'000'000);
    for (const auto &record : out.records) {
        EXPECT_EQ(record.status, RequestStatus::ProtocolError);
        EXPECT_TRUE(record.error.contains(QLatin1String("cannot execute")))
            << record.error.toStdString();
        EXPECT_TRUE(record.error.contains(QLatin1String("Exec format error")))
            << record.error.toStdString();
    }
}

TEST_F(ProcessStrategyTest, WorkerSendingAMalformedLineIsStoppedAndEveryRequestFailsClearly) {
    // A stand-in worker whose hello carries no timestamp, then waits to be stopped.
    QTemporaryDir dir;
    const QString path = reqlanes::testing::writeScratchProgram(
        dir, QStringLiteral("liar"), "#!/bin/sh\necho \"RLW2 hello $$ $$ soon\"\nread -r never\n");
    ASSERT_FALSE(path.isEmpty());
    const ScopedEnv liar("REQLANES_WORKER", QFile::encodeName(path));
    const Outcome out = run(2, 1);
    EXPECT_LT(out.wallNs, 5'000'000'000);
    for (const auto &record : out.records) {
        EXPECT_EQ(record.status, RequestStatus::ProtocolError);
        EXPECT_TRUE(record.error.contains(QLatin1String("sent an invalid line: steady_ns 'soon' "
                                                        "is not a decimal number")))
            << record.error.toStdString();
    }
    ASSERT_EQ(out.lanes.size(), 2u);
    EXPECT_EQ(out.lanes[0].kind, LaneEventKind::ProcessSpawned);
    EXPECT_EQ(out.lanes[1].kind, LaneEventKind::ProcessCrashed);
    EXPECT_TRUE(out.lanes[1].detail.contains(QLatin1String("SIGKILL")))
        << out.lanes[1].detail.toStdString();
    expectGone(out.lanes[0].processId);
}
