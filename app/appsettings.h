// What the app remembers between sessions (QSettings): the scenario knobs, the selected
// strategy, lane grouping, theme, live re-run and the window's geometry and layout.
#pragma once

#include "model/scenario.h"
#include "results/lanelayout.h"

#include <QByteArray>
#include <QString>

namespace reqlanes {

struct AppSettings {
    Scenario scenario; // including the selected strategy
    LaneGrouping grouping = LaneGrouping::Request;
    QString theme = QStringLiteral("screen");
    bool liveRerun = false;
    QByteArray geometry;
    QByteArray windowState;

    static AppSettings load();
    void save() const;
};

} // namespace reqlanes
