#include "results/speedup.h"

#include <gtest/gtest.h>

#include <limits>

using namespace reqlanes;

namespace {
const QString kSync = QStringLiteral("sync");
QString text(double baselineS, double makespanS) {
    return speedUpText(baselineS, makespanS, kSync);
}
} // namespace

TEST(SpeedUp, FasterReadsAsAFactorWithOneDecimal) {
    EXPECT_EQ(text(9.0, 3.0), QStringLiteral("3.0× faster than sync"));
    EXPECT_EQ(text(9.03, 1.01), QStringLiteral("8.9× faster than sync"));
}

TEST(SpeedUp, LargeFactorsHaveNoDecimals) {
    EXPECT_EQ(text(9.0, 0.75), QStringLiteral("12× faster than sync"));
    EXPECT_EQ(text(100.0, 1.0), QStringLiteral("100× faster than sync"));
}

TEST(SpeedUp, WithinFivePercentIsTheSame) {
    EXPECT_EQ(text(3.0, 3.0), QStringLiteral("same as sync"));
    EXPECT_EQ(text(3.0, 3.14), QStringLiteral("same as sync")); // 4.7 % slower
    EXPECT_EQ(text(3.0, 2.86), QStringLiteral("same as sync")); // 4.7 % faster
    EXPECT_EQ(text(3.0, 3.15), QStringLiteral("same as sync")); // exactly 5 %
}

TEST(SpeedUp, SlowerReadsAsAFactorAndNeverOnePointZero) {
    EXPECT_EQ(text(2.0, 3.0), QStringLiteral("1.5× slower than sync"));
    // 5.3 % slower: outside the band, so it must not read "1.0× slower".
    EXPECT_EQ(text(3.0, 3.16), QStringLiteral("1.1× slower than sync"));
    EXPECT_EQ(text(3.16, 3.0), QStringLiteral("1.1× faster than sync"));
}

TEST(SpeedUp, NothingToCompareGivesNoText) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_TRUE(text(0, 1).isEmpty());
    EXPECT_TRUE(text(1, 0).isEmpty());
    EXPECT_TRUE(text(-1, 1).isEmpty());
    EXPECT_TRUE(text(nan, 1).isEmpty());
    EXPECT_TRUE(text(1, inf).isEmpty());
}

TEST(SpeedUp, NamesTheBaseline) {
    EXPECT_EQ(speedUpText(2.0, 1.0, QStringLiteral("threads")),
              QStringLiteral("2.0× faster than threads"));
}

namespace {
RunStats statsOf(double makespanS, bool complete = true) {
    RunStats stats;
    stats.makespanS = makespanS;
    stats.complete = complete;
    return stats;
}
} // namespace

TEST(SpeedUpBaseline, IsSyncWhereverItStands) {
    const RunStats threads = statsOf(1.0), sync = statsOf(3.0);
    const auto baseline = speedUpBaseline({{QStringLiteral("threads"), &threads}, {kSync, &sync}});
    ASSERT_TRUE(baseline);
    EXPECT_EQ(baseline->index, 1u);
    EXPECT_EQ(baseline->name, kSync);
    EXPECT_DOUBLE_EQ(baseline->makespanS, 3.0);
    EXPECT_DOUBLE_EQ(speedUpFactor(*baseline, threads).value_or(-1), 3.0);
}

TEST(SpeedUpBaseline, WithoutSyncIsTheFirstRun) {
    const RunStats threads = statsOf(2.0), async = statsOf(1.0);
    const auto baseline =
        speedUpBaseline({{QStringLiteral("threads"), &threads}, {QStringLiteral("async"), &async}});
    ASSERT_TRUE(baseline);
    EXPECT_EQ(baseline->name, QStringLiteral("threads"));
    EXPECT_DOUBLE_EQ(speedUpFactor(*baseline, async).value_or(-1), 2.0);
}

TEST(SpeedUpBaseline, AStoppedOrSingleRunIsNoBaseline) {
    const RunStats stoppedSync = statsOf(1.0, false), threads = statsOf(0.5);
    EXPECT_FALSE(speedUpBaseline({{kSync, &stoppedSync}, {QStringLiteral("threads"), &threads}}));
    EXPECT_FALSE(speedUpBaseline({{QStringLiteral("threads"), &threads}}));
}

TEST(SpeedUpBaseline, AStoppedRunGetsNoFactor) {
    const RunStats sync = statsOf(3.0), stopped = statsOf(0.5, false);
    const auto baseline = speedUpBaseline({{kSync, &sync}, {QStringLiteral("threads"), &stopped}});
    ASSERT_TRUE(baseline);
    EXPECT_FALSE(speedUpFactor(*baseline, stopped));
}
