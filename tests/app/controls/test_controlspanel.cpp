#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "controls/sliderspin.h"
#include "serverconfig.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {
QString nameOf(const server::Setting &row) {
    return QString::fromUtf8(row.name.data(), qsizetype(row.name.size()));
}
} // namespace

TEST(ControlsPanel, EveryPerRunServerSettingHasAKnobWithTheRowsBounds) {
    ControlsPanel panel;
    int knobs = 0;
    for (const server::Setting &row : server::settings()) {
        SliderSpin *knob = panel.serverSettingControl(row.name);
        if (!row.perScenario) {
            EXPECT_EQ(knob, nullptr) << row.name;
            continue;
        }
        ASSERT_NE(knob, nullptr) << row.name;
        EXPECT_EQ(knob->objectName(), nameOf(row));
        EXPECT_EQ(knob->minimum(), int(row.min)) << row.name;
        EXPECT_EQ(knob->maximum(), int(row.max)) << row.name;
        ++knobs;
    }
    EXPECT_GE(knobs, 3); // workers, latency, jitter at least
}

TEST(ControlsPanel, ServerSettingsRoundTripThroughTheScenario) {
    ControlsPanel panel;
    Scenario scenario;
    int step = 1;
    // A value inside each row's range that is not its default, so a knob that ignored it shows.
    for (const server::Setting &row : server::settings())
        if (row.perScenario)
            row.set(scenario.server, std::min(row.max, row.min + 7 * step++));
    QSignalSpy changed(&panel, &ControlsPanel::scenarioChanged);
    panel.setScenario(scenario);
    EXPECT_EQ(changed.count(), 1);
    const Scenario shown = panel.scenario();
    for (const server::Setting &row : server::settings()) {
        if (row.perScenario) {
            EXPECT_EQ(row.get(shown.server), row.get(scenario.server)) << row.name;
        }
    }
}

TEST(ControlsPanel, AValueBeyondARowIsClampedToItsBound) {
    ControlsPanel panel;
    Scenario scenario;
    scenario.server.workers = server::kMaxWorkers + 5; // e.g. from an old settings file
    panel.setScenario(scenario);
    EXPECT_EQ(panel.scenario().server.workers, server::kMaxWorkers);
}

TEST(ControlsPanel, ServerKnobsAreOffForAUrlTarget) {
    ControlsPanel panel;
    Scenario scenario;
    scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    panel.setScenario(scenario);
    EXPECT_FALSE(panel.workersControl()->isEnabled());
    EXPECT_FALSE(panel.latencyControl()->isEnabled());
}
