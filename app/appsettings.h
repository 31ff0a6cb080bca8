// What the app remembers between sessions (QSettings): the scenario knobs, the selected
// strategy, lane grouping, theme, live re-run and the window's geometry and layout.
#pragma once

#include "model/scenario.h"
#include "results/lanelayout.h"

#include <QByteArray>
#include <QRect>
#include <QString>

namespace reqlanes {

struct AppSettings {
    Scenario scenario; // including the selected strategy
    LaneGrouping grouping = LaneGrouping::Request;
    QString theme = QStringLiteral("screen");
    bool liveRerun = false;
    // The window's normal (not maximised) client-area geometry in global screen pixels
    // (QWidget::normalGeometry), invalid when none was saved; placeMainWindow() decides whether
    // it still fits the screen. Not QWidget::saveGeometry(): that restores a window wider than
    // a smaller screen as it was.
    QRect windowGeometry;
    bool windowMaximized = false;
    QByteArray windowState; // QMainWindow::saveState(): toolbars and docks

    static AppSettings load();
    void save() const;
};

} // namespace reqlanes
