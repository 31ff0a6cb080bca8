// reqlanes: the GUI by default; --export and --screenshot for scripts (see AppOptions).
#include "appoptions.h"
#include "controlspanel.h"
#include "mainwindow.h"
#include "scriptedexport.h"
#include "strategylist.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("reqlanes"));
    QApplication::setApplicationName(QStringLiteral("reqlanes"));
    QApplication::setApplicationVersion(QStringLiteral(REQLANES_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("reqlanes"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/reqlanes/reqlanes.svg")));

    QString error;
    const std::optional<reqlanes::AppOptions> options =
        reqlanes::AppOptions::parse(QApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "reqlanes: %s\nTry 'reqlanes --help'.\n", qPrintable(error));
        return 2;
    }
    using Mode = reqlanes::AppOptions::Mode;
    switch (options->mode) {
    case Mode::Help:
        std::fputs(qPrintable(options->helpText), stdout);
        return 0;
    case Mode::Version:
        std::printf("reqlanes %s\n", REQLANES_VERSION);
        return 0;
    case Mode::Export:
        return reqlanes::runScriptedExport(*options);
    case Mode::Screenshot:
        return reqlanes::runScreenshot(*options);
    case Mode::Gui:
        break;
    }

    reqlanes::MainWindow window;
    if (options->scenarioGiven) {
        window.controls()->setScenario(options->scenario);
        window.strategyList()->setCurrentStrategy(options->scenario.strategy);
    }
    QString openError;
    if (!options->openPath.isEmpty() && !window.openRun(options->openPath, &openError))
        std::fprintf(stderr, "reqlanes: cannot open %s: %s\n", qPrintable(options->openPath),
                     qPrintable(openError));
    window.show();
    return QApplication::exec();
}
