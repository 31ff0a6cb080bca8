#include "model/requestrecord.h"
#include "model/scenario.h"
#include "model/target.h"
#include "run/strategy.h"

#include <gtest/gtest.h>

using namespace reqlanes;

TEST(Target, ParsesHostPortAndPathWithQuery) {
    auto target = Target::fromUrl(QStringLiteral("http://127.0.0.1:8080/slow?delay=5"));
    ASSERT_TRUE(target);
    EXPECT_EQ(target->host, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(target->port, 8080);
    EXPECT_EQ(target->path, QStringLiteral("/slow?delay=5"));
    EXPECT_EQ(target->url(), QStringLiteral("http://127.0.0.1:8080/slow?delay=5"));
}

TEST(Target, DefaultsToPortEightyAndRootPath) {
    auto target = Target::fromUrl(QStringLiteral("http://localhost"));
    ASSERT_TRUE(target);
    EXPECT_EQ(target->port, 80);
    EXPECT_EQ(target->path, QStringLiteral("/"));
}

TEST(Target, RejectsWhatItCannotFetchWithAReason) {
    for (const char *bad : {"", "https://127.0.0.1/", "ftp://x/", "http://", "not a url at all",
                            "http://user:pw@127.0.0.1/", "http://127.0.0.1:99999/"}) {
        QString error;
        EXPECT_FALSE(Target::fromUrl(QString::fromLatin1(bad), &error)) << bad;
        EXPECT_FALSE(error.isEmpty()) << bad;
    }
}

TEST(Scenario, DefaultsAreValidAndOutOfRangeValuesAreNamed) {
    Scenario scenario;
    EXPECT_TRUE(validateScenario(scenario).isEmpty());
    scenario.n = 0;
    EXPECT_TRUE(validateScenario(scenario).startsWith(QStringLiteral("n must be")));
    scenario.n = 3;
    scenario.server.workers = 0;
    EXPECT_TRUE(validateScenario(scenario).startsWith(QStringLiteral("workers must be")));
    scenario.targetUrl = QStringLiteral("http://127.0.0.1:1/");
    EXPECT_TRUE(validateScenario(scenario).isEmpty()) << "server settings do not apply to a URL";
}

TEST(Names, RoundTripEveryEnumValue) {
    for (int p = 0; p < kPhaseCount; ++p)
        EXPECT_EQ(phaseFromName(phaseName(static_cast<Phase>(p))), static_cast<Phase>(p));
    for (int s = 0; s <= static_cast<int>(RequestStatus::ProtocolError); ++s)
        EXPECT_EQ(statusFromName(statusName(static_cast<RequestStatus>(s))),
                  static_cast<RequestStatus>(s));
    for (int k = 0; k <= static_cast<int>(LaneEventKind::ProcessCrashed); ++k)
        EXPECT_EQ(laneEventFromName(laneEventName(static_cast<LaneEventKind>(k))),
                  static_cast<LaneEventKind>(k));
    EXPECT_FALSE(phaseFromName(QStringLiteral("nope")));
}

TEST(ClientConcurrency, FollowsTheStrategysKind) {
    Scenario scenario;
    scenario.n = 9;
    scenario.limit = 3;
    StrategyInfo info;
    info.concurrency = StrategyInfo::Concurrency::One;
    EXPECT_EQ(clientConcurrency(info, scenario), 1);
    info.concurrency = StrategyInfo::Concurrency::All;
    EXPECT_EQ(clientConcurrency(info, scenario), 9);
    info.concurrency = StrategyInfo::Concurrency::Limit;
    EXPECT_EQ(clientConcurrency(info, scenario), 3);
    scenario.limit = 50;
    EXPECT_EQ(clientConcurrency(info, scenario), 9) << "a limit above N changes nothing";
}
