#include "appsettings.h"
#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "controls/sliderspin.h"
#include "controls/strategylist.h"
#include "mainwindow.h"
#include "timeline/timelineplot.h"

#include <QSettings>

#include <gtest/gtest.h>

using namespace reqlanes;

TEST(AppSettings, RoundTripsTheScenarioAndTheView) {
    AppSettings saved;
    saved.scenario.strategy = QStringLiteral("async-semaphore");
    saved.scenario.n = 9;
    saved.scenario.limit = 3;
    saved.scenario.server.latencyMs = 250;
    saved.scenario.server.mode = ServerMode::Async;
    saved.grouping = LaneGrouping::ServerWorker;
    saved.theme = QStringLiteral("slides");
    saved.liveRerun = true;
    saved.save();
    const AppSettings loaded = AppSettings::load();
    EXPECT_EQ(loaded.scenario, saved.scenario);
    EXPECT_EQ(loaded.grouping, LaneGrouping::ServerWorker);
    EXPECT_EQ(loaded.theme, QStringLiteral("slides"));
    EXPECT_TRUE(loaded.liveRerun);
}

TEST(AppSettings, NonsenseFallsBackToDefaults) {
    QSettings settings;
    settings.setValue(QStringLiteral("scenario/n"), QStringLiteral("lots"));
    settings.setValue(QStringLiteral("scenario/limit"), -4);
    settings.setValue(QStringLiteral("view/lanes"), QStringLiteral("sideways"));
    settings.sync();
    const AppSettings loaded = AppSettings::load();
    EXPECT_EQ(loaded.scenario.n, Scenario().n);
    EXPECT_EQ(loaded.scenario.limit, Scenario().limit);
    EXPECT_EQ(loaded.grouping, LaneGrouping::Request);
}

TEST(AppSettings, TheWindowRemembersItsSettings) {
    {
        MainWindow window;
        window.controls()->requestsControl()->setValue(7);
        window.controls()->limitControl()->setValue(2);
        window.strategyList()->setCurrentStrategy(QStringLiteral("thread-pool"));
        window.setGrouping(LaneGrouping::Thread);
        window.close(); // saves
    }
    MainWindow again;
    EXPECT_EQ(again.currentScenario().n, 7);
    EXPECT_EQ(again.currentScenario().limit, 2);
    EXPECT_EQ(again.currentScenario().strategy, QStringLiteral("thread-pool"));
    EXPECT_EQ(again.timeline()->grouping(), LaneGrouping::Thread);
}
