// The window as the watch and presenter's-path tests start it: `scenario` in its controls,
// shown, and its own server (the watch server runs share) up on a free port with the scenario's
// server settings.
#pragma once

#include "controls/controlspanel.h"
#include "mainwindow.h"
#include "watch/watchserver.h"

#include <QTest>

#include <gtest/gtest.h>

namespace reqlanes::testing {

inline ::testing::AssertionResult showWithWatchServer(MainWindow &window,
                                                      const Scenario &scenario) {
    window.controls()->setScenario(scenario);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return ::testing::AssertionFailure() << "the window was never exposed";
    watch::WatchServerOptions options;
    options.port = 0; // any free port
    options.server = scenario.server;
    if (!window.startWatchServer(options))
        return ::testing::AssertionFailure() << "the watch server did not start";
    return ::testing::AssertionSuccess();
}

} // namespace reqlanes::testing
