#include "results/lanegroupings.h"

#include <gtest/gtest.h>

#include <set>

using namespace reqlanes;

TEST(LaneGroupings, TheNamedGroupingsAreTheFirstRowsInOrder) {
    const auto &table = laneGroupings();
    ASSERT_GE(table.size(), 4u);
    EXPECT_EQ(table[std::size_t(LaneGrouping::Request)].id, QStringLiteral("request"));
    EXPECT_EQ(table[std::size_t(LaneGrouping::Thread)].id, QStringLiteral("thread"));
    EXPECT_EQ(table[std::size_t(LaneGrouping::Process)].id, QStringLiteral("process"));
    EXPECT_EQ(table[std::size_t(LaneGrouping::ServerWorker)].id, QStringLiteral("worker"));
}

TEST(LaneGroupings, EveryRowHasAUniqueIdALabelAndALayout) {
    std::set<QString> ids;
    for (const LaneGroupingInfo &info : laneGroupings()) {
        EXPECT_FALSE(info.id.isEmpty());
        EXPECT_FALSE(info.label.isEmpty());
        EXPECT_NE(info.layout, nullptr) << info.id.toStdString();
        EXPECT_TRUE(ids.insert(info.id).second) << "duplicate id " << info.id.toStdString();
        // The row's value round-trips through its id.
        const auto grouping = laneGroupingFromName(info.id);
        ASSERT_TRUE(grouping.has_value());
        EXPECT_EQ(laneGroupingInfo(*grouping), &info);
        EXPECT_EQ(laneGroupingName(*grouping), info.id);
    }
}

TEST(LaneGroupings, UnknownNamesAndValuesAreRejected) {
    EXPECT_FALSE(laneGroupingFromName(QStringLiteral("banana")).has_value());
    EXPECT_FALSE(laneGroupingFromName(QString()).has_value());
    EXPECT_EQ(laneGroupingInfo(LaneGrouping(-1)), nullptr);
    EXPECT_EQ(laneGroupingInfo(LaneGrouping(int(laneGroupings().size()))), nullptr);
    EXPECT_TRUE(laneGroupingName(LaneGrouping(int(laneGroupings().size()))).isEmpty());
    EXPECT_EQ(layoutLanes(reqlanes::Run{}, LaneGrouping(999)).laneCount(), 0);
}

TEST(LaneGroupings, ChoicesNameEveryIdForHelpAndErrors) {
    const QString choices = laneGroupingChoices();
    for (const QString &id : laneGroupingIds())
        EXPECT_TRUE(choices.contains(id)) << choices.toStdString();
    EXPECT_TRUE(choices.startsWith(QStringLiteral("request, thread")));
    EXPECT_TRUE(choices.endsWith(QStringLiteral(" or worker")) ||
                choices.contains(QStringLiteral(" or "))); // later rows may follow "worker"
}

TEST(LaneGroupings, ConnectionAndClientGroupingsAreOfferedForWatchSessionsOnly) {
    const auto ids = [](RunKind kind) {
        QStringList names;
        for (LaneGrouping grouping : laneGroupingsFor(kind))
            names << laneGroupingName(grouping);
        return names;
    };
    const QStringList strategyRun = ids(RunKind::StrategyRun);
    const QStringList watchSession = ids(RunKind::WatchSession);
    // The four a strategy run always had; a new row for every kind of run may join them.
    for (const char *id : {"request", "thread", "process", "worker"})
        EXPECT_TRUE(strategyRun.contains(QLatin1String(id))) << id;
    EXPECT_FALSE(strategyRun.contains(QStringLiteral("connection")));
    EXPECT_FALSE(strategyRun.contains(QStringLiteral("client")));
    EXPECT_TRUE(watchSession.contains(QStringLiteral("connection")));
    EXPECT_TRUE(watchSession.contains(QStringLiteral("client")));
    EXPECT_TRUE(watchSession.contains(QStringLiteral("request")));
}

TEST(LaneGroupings, ARunIsAWatchSessionWhenItHasNoStrategyOfOursOrRecordedConnections) {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async");
    EXPECT_EQ(runKindOf(run), RunKind::StrategyRun);
    run.scenario.strategy = QStringLiteral("watch");
    EXPECT_EQ(runKindOf(run), RunKind::WatchSession);
    run.scenario.strategy = QStringLiteral("threads");
    run.connections.push_back(ClientConnection{});
    EXPECT_EQ(runKindOf(run), RunKind::WatchSession);
}

// Side by side, a run keeps the grouping when it has it, else is drawn by request: the built-in
// async-semaphore beside a traced script shown by asyncio task.
TEST(LaneGroupings, ARunWithoutTheWantedGroupingIsDrawnByRequest) {
    reqlanes::Run builtIn;
    builtIn.scenario.strategy = QStringLiteral("async-semaphore");
    reqlanes::Run session;
    session.scenario.strategy = QStringLiteral("watch");
    const LaneGrouping task = *laneGroupingFromName(QStringLiteral("task"));
    EXPECT_EQ(groupingFor(session, task), task);
    EXPECT_EQ(groupingFor(builtIn, task), LaneGrouping::Request);
    EXPECT_EQ(groupingFor(builtIn, LaneGrouping::Thread), LaneGrouping::Thread);
    EXPECT_EQ(groupingFor(builtIn, LaneGrouping(999)), LaneGrouping::Request);
}
