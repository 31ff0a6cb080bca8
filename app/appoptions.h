// The app's command line: the GUI by default; `--export FILE` runs (or `--open`s) a scenario and
// writes the timeline as PNG/SVG/PDF without showing a window; `--screenshot FILE` shows the
// window, runs the strategy and grabs the window. Any error message here means exit code 2.
// Help and errors are English, like reqlanes-cli's: they are made while parsing, before the
// language (itself an option, --lang) is chosen and installed.
#pragma once

#include "model/scenario.h"
#include "results/lanelayout.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace reqlanes {

struct AppOptions {
    enum class Mode { Gui, Export, Screenshot, Help, Version };
    Mode mode = Mode::Gui;
    Scenario scenario;
    bool scenarioGiven = false; // any scenario option on the command line
    QString openPath;           // a saved run to show or export instead of running
    QString outputPath;         // --export / --screenshot
    QSize size{1920, 1080};
    double scale = 1;
    LaneGrouping grouping = LaneGrouping::Request;
    bool compare = false;
    QStringList compareStrategies; // --strategies a,b,c: which to compare, in order; all if empty
    QString theme = QStringLiteral("slides");
    // --caption: "auto" (the run's findings), "none", or the user's own text.
    QString caption = QStringLiteral("none");
    QString language; // --lang: a code from availableLanguages(), empty when not given
    QString helpText;
    // The window's server for watch mode: --port (default 8000, else the next free one),
    // --bind (default loopback), --watch (start with Watch on).
    int port = 8000;
    bool portGiven = false;
    QString bindAddress = QStringLiteral("127.0.0.1");
    bool watch = false;

    static std::optional<AppOptions> parse(const QStringList &arguments, QString *error);
};

} // namespace reqlanes
