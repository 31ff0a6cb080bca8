// The open-file limit: raising the soft limit, counting what a scenario needs, and refusing a run
// the hard limit cannot hold before it starts (rather than ~2000 "Too many open files").
#include "run/filelimit.h"
#include "run/runner.h"
#include "run/strategyregistry.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <fstream>
#include <string>

using namespace reqlanes;

namespace {

const StrategyInfo &strategy(const char *id) {
    return *StrategyRegistry::instance().find(QString::fromLatin1(id));
}

Scenario scenario(const char *id, int n, int limit = 3) {
    Scenario s;
    s.strategy = QString::fromLatin1(id);
    s.n = n;
    s.limit = limit;
    return s;
}

// The size of this process's descriptor table ("FDSize:" in /proc/self/status), 0 if unknown.
long descriptorTableSize() {
    std::ifstream status("/proc/self/status");
    std::string key;
    long value = 0;
    while (status >> key) {
        if (key == "FDSize:" && status >> value)
            return value;
        status.ignore(1 << 16, '\n');
    }
    return 0;
}

} // namespace

TEST(OpenFileLimit, ReservingGrowsTheDescriptorTableOnceForTheRun) {
    const std::uint64_t soft = raiseOpenFileLimit();
    const long before = descriptorTableSize();
    if (before == 0)
        GTEST_SKIP() << "no FDSize in /proc/self/status";
    // Twice the table as it is, within the soft limit: a size the table has not reached yet.
    const long wanted = std::min<long>(before * 2, long(std::min<std::uint64_t>(soft, 1 << 20)));
    if (wanted <= before)
        GTEST_SKIP() << "the soft limit leaves no room to grow the table";
    reserveDescriptorTable(std::uint64_t(wanted));
    EXPECT_GE(descriptorTableSize(), wanted);
    const long grown = descriptorTableSize();
    reserveDescriptorTable(std::uint64_t(wanted)); // already there: nothing changes
    EXPECT_EQ(descriptorTableSize(), grown);
}

TEST(OpenFileLimit, RaiseLiftsTheSoftLimitToTheHardOne) {
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    if (saved.rlim_max == RLIM_INFINITY || saved.rlim_max < 256)
        GTEST_SKIP() << "needs a finite hard limit of at least 256";
    rlimit lowered = saved;
    lowered.rlim_cur = 128;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    const std::uint64_t now = raiseOpenFileLimit();
    rlimit after{};
    ::getrlimit(RLIMIT_NOFILE, &after);
    ::setrlimit(RLIMIT_NOFILE, &saved);
    EXPECT_EQ(now, std::uint64_t(saved.rlim_max));
    EXPECT_EQ(after.rlim_cur, saved.rlim_max);
}

TEST(OpenFileLimit, CountsAClientAndAServerSocketPerRequestInFlight) {
    const std::uint64_t async3000 = openFilesNeeded(scenario("async", 3000), strategy("async"));
    EXPECT_GE(async3000, 6000u);
    EXPECT_LT(async3000, 6200u);
    Scenario remote = scenario("async", 3000);
    remote.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    EXPECT_LT(openFilesNeeded(remote, strategy("async")), 3200u); // no server socket here
    // Bounded strategies hold `limit` connections, sync one, qnam its 6.
    EXPECT_LT(openFilesNeeded(scenario("async-semaphore", 3000, 10), strategy("async-semaphore")),
              200u);
    EXPECT_LT(openFilesNeeded(scenario("sync", 3000), strategy("sync")), 100u);
    EXPECT_LT(openFilesNeeded(scenario("qnam", 3000), strategy("qnam")), 100u);
}

TEST(OpenFileLimit, ErrorNamesTheNeedTheLimitAndTheFix) {
    const QString error = openFileLimitError(scenario("async", 3000), strategy("async"), 4096);
    EXPECT_TRUE(error.contains(QLatin1String("N=3000"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("hard limit is 4096"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("ulimit -Hn"))) << error.toStdString();
    EXPECT_TRUE(openFileLimitError(scenario("async", 1000), strategy("async"), 4096).isEmpty());
    EXPECT_TRUE(
        openFileLimitError(scenario("async-semaphore", 3000, 10), strategy("async-semaphore"), 4096)
            .isEmpty());
}

// Against this process's real hard limit: a run that cannot fit fails at once, naming the limit,
// without starting the server or opening a socket.
TEST(OpenFileLimit, RunnerRefusesARunTheHardLimitCannotHold) {
    const std::uint64_t hard = hardOpenFileLimit();
    const std::uint64_t n = hard / 2 + 1;
    if (n > std::uint64_t(limits::kMaxRequests))
        GTEST_SKIP() << "the hard limit " << hard << " fits any allowed N";
    Scenario s = scenario("async", int(n));
    Runner runner;
    QString error;
    EXPECT_FALSE(runner.start(s, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("hard limit is %1").arg(qulonglong(hard))))
        << error.toStdString();
    const reqlanes::Run run = runScenario(s);
    EXPECT_TRUE(run.error.contains(QLatin1String("ulimit -Hn"))) << run.error.toStdString();
}
