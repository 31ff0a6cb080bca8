// clientConcurrency() is the one answer to "how many at once" that the strategies size their
// semaphores, pools and worker counts with and the ideal makespan uses.
#include "results/runstats.h"
#include "run/strategy.h"
#include "run/strategyregistry.h"
#include "testscenario.h"

#include <gtest/gtest.h>

namespace reqlanes {
namespace {

Scenario scenarioFor(const QString &strategy, int n, int limit, int workers) {
    return reqlanes::testing::testScenario(
        {.strategy = strategy, .n = n, .limit = limit, .workers = workers, .latencyMs = 1000});
}

int concurrencyOf(const Scenario &scenario) {
    const StrategyInfo *info = StrategyRegistry::instance().find(scenario.strategy);
    EXPECT_NE(info, nullptr) << scenario.strategy.toStdString();
    return info ? clientConcurrency(*info, scenario) : -1;
}

TEST(ClientConcurrency, FollowsTheStrategysKindOfLimit) {
    EXPECT_EQ(concurrencyOf(scenarioFor(QStringLiteral("sync"), 9, 3, 3)), 1);
    EXPECT_EQ(concurrencyOf(scenarioFor(QStringLiteral("threads"), 9, 3, 3)), 9);
    EXPECT_EQ(concurrencyOf(scenarioFor(QStringLiteral("async-semaphore"), 9, 3, 3)), 3);
    // A limit above N cannot run more than N at once.
    EXPECT_EQ(concurrencyOf(scenarioFor(QStringLiteral("thread-pool"), 4, 10, 3)), 4);
}

TEST(ClientConcurrency, ProcessesAreCappedAndTheIdealKnowsIt) {
    // --strategy processes --limit 1000 against 1000 workers: the pool starts at most 256
    // processes, so 1000 requests take ceil(1000 / 256) = 4 rounds, not 1.
    const Scenario scenario = scenarioFor(QStringLiteral("processes"), 1000, 1000, 1000);
    EXPECT_EQ(concurrencyOf(scenario), 256);
    EXPECT_DOUBLE_EQ(idealMakespanSeconds(scenario), 4.0);
}

} // namespace
} // namespace reqlanes
