#include "apptestenvironment.h"
#include "compare/compareplot.h"
#include "compare/compareview.h"
#include "run/strategyregistry.h"
#include "testscenario.h"

#include "syntheticrun.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

Scenario quickScenario() {
    return reqlanes::testing::testScenario({.latencyMs = 100});
}

} // namespace

TEST(CompareView, AllStrategiesAreChosenByDefault) {
    CompareView view;
    EXPECT_EQ(view.chosenStrategies(), StrategyRegistry::instance().ids());
}

TEST(CompareView, RunsOnlyTheChosenStrategies) {
    CompareView view;
    // Unticked by hand, as a user does; the rest by the API.
    view.setChosenStrategies(
        {QStringLiteral("sync"), QStringLiteral("threads"), QStringLiteral("async")});
    auto *async = view.findChild<QCheckBox *>(QStringLiteral("compare-async"));
    ASSERT_TRUE(async);
    static_cast<QWidget &>(view).show(); // CompareView::show(const Run *) hides it
    QTest::mouseClick(async, Qt::LeftButton, {}, async->rect().center());
    EXPECT_FALSE(async->isChecked());
    EXPECT_EQ(view.chosenStrategies(),
              QStringList({QStringLiteral("sync"), QStringLiteral("threads")}));

    QSignalSpy finished(&view, &CompareView::finished);
    view.start(quickScenario(), LaneGrouping::Request);
    ASSERT_TRUE(finished.wait(30000));
    ASSERT_EQ(view.runs().size(), 2u);
    EXPECT_EQ(view.runs()[0].scenario.strategy, QStringLiteral("sync"));
    EXPECT_EQ(view.runs()[1].scenario.strategy, QStringLiteral("threads"));
    EXPECT_EQ(view.plot()->blockCount(), 2);
    EXPECT_TRUE(view.plot()->blockLabel(1).contains(QStringLiteral("than sync")))
        << view.plot()->blockLabel(1).toStdString();
}

TEST(CompareView, NothingChosenRunsNothingAndSaysSo) {
    CompareView view;
    view.setChosenStrategies({});
    QSignalSpy status(&view, &CompareView::statusChanged);
    view.start(quickScenario(), LaneGrouping::Request);
    EXPECT_FALSE(view.isRunning());
    EXPECT_TRUE(view.runs().empty());
    ASSERT_EQ(status.count(), 1);
    EXPECT_TRUE(status.first().at(0).toString().contains(QStringLiteral("at least one")));
}

TEST(CompareView, ShowsGivenSessionsSideBySideWithoutRunning) {
    CompareView view;
    // Two sessions as watch mode records them: the talk's threads script (9 requests at once,
    // 3 workers, 1 s: 3 s) and its asyncio + semaphore script (9 through 3 slots: 3 s too).
    reqlanes::Run threads = reqlanes::testing::syntheticRun(9, 3, 1000);
    threads.scenario.strategy.clear();
    threads.strategyName = QStringLiteral("watch session 1");
    reqlanes::Run asyncio = reqlanes::testing::syntheticRun(9, 3, 1000, true);
    asyncio.scenario.strategy.clear();
    asyncio.strategyName = QStringLiteral("watch session 2");
    QSignalSpy status(&view, &CompareView::statusChanged);
    view.showRuns({threads, asyncio});
    EXPECT_FALSE(view.isRunning());
    ASSERT_EQ(view.runs().size(), 2u);
    EXPECT_EQ(view.runs()[0], threads);
    EXPECT_EQ(view.runs()[1], asyncio);
    ASSERT_EQ(view.plot()->blockCount(), 2);
    EXPECT_TRUE(view.plot()->blockLabel(0).contains(QStringLiteral("watch session 1")))
        << view.plot()->blockLabel(0).toStdString();
    EXPECT_TRUE(view.plot()->blockLabel(1).contains(QStringLiteral("watch session 2")))
        << view.plot()->blockLabel(1).toStdString();
    EXPECT_GT(view.plot()->spanCount(), 0u);
    ASSERT_EQ(status.count(), 1);
    EXPECT_EQ(status.front().front().toString(),
              QStringLiteral("Comparing 2 runs on one time axis."));
}

TEST(CompareView, StrategyChoicesHideWhileSessionsAreCompared) {
    CompareView view;
    static_cast<QWidget &>(view).show(); // CompareView::show(const Run *) hides it
    auto *sync = view.findChild<QCheckBox *>(QStringLiteral("compare-sync"));
    ASSERT_TRUE(sync);
    reqlanes::Run session = reqlanes::testing::syntheticRun(3, 3, 100);
    session.scenario.strategy = QStringLiteral("watch");
    session.strategyName = QStringLiteral("watch session 1");
    view.showRuns({session, session});
    EXPECT_FALSE(sync->isVisible()) << "sessions of other programs ran no strategy of ours";
    // Saved strategy runs side by side are still strategies.
    view.showRuns({reqlanes::testing::syntheticRun(3, 3, 100, true),
                   reqlanes::testing::syntheticRun(3, 3, 100)});
    EXPECT_TRUE(sync->isVisible());
    view.showRuns({session});
    QSignalSpy finished(&view, &CompareView::finished);
    view.setChosenStrategies({QStringLiteral("sync")});
    view.start(quickScenario(), LaneGrouping::Request);
    EXPECT_TRUE(sync->isVisible()) << "a comparison of ours runs the chosen strategies";
    ASSERT_TRUE(finished.wait(30000));
}
