// reqlanes: the GUI by default; --export and --screenshot for scripts (see AppOptions).
#include "appoptions.h"
#include "controls/controlspanel.h"
#include "controls/strategylist.h"
#include "export/scriptedexport.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "watch/watchcontroller.h"
#include "watch/watchserver.h"

#include "run/filelimit.h"

#include <reqlanesversion.h>

#include <QApplication>
#include <QIcon>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// Help, version and --export need no screen: they get the offscreen platform, so they work over
// ssh and in CI. The window without a display would end in Qt's abort; say it plainly instead.
// Returns false when there is nothing to show the window on.
bool choosePlatform(int argc, char *argv[]) {
    if (std::getenv("QT_QPA_PLATFORM"))
        return true;
    for (int i = 1; i < argc; ++i)
        for (const char *headless : {"--help", "-h", "--version", "--export"})
            if (std::strcmp(argv[i], headless) == 0 || std::strncmp(argv[i], "--export=", 9) == 0) {
                ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
                return true;
            }
    return std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char *argv[]) {
    if (!choosePlatform(argc, argv)) {
        std::fputs("reqlanes: no display to open the window on (DISPLAY is not set).\n"
                   "Run it in a desktop session, under xvfb-run, or use --export FILE to render "
                   "without a window; see 'reqlanes --help'.\n",
                   stderr);
        return 2;
    }
    reqlanes::raiseOpenFileLimit(); // every connection is a descriptor; 1024 is too few
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
    // Before any widget or export exists: texts are translated when they are made.
    reqlanes::AppLanguage language;
    const QString languageCode = reqlanes::chooseLanguage(
        options->language, reqlanes::savedLanguageChoice(), QLocale::system());
    if (QString languageError; !language.install(languageCode, &languageError))
        std::fprintf(stderr, "reqlanes: %s; using English\n", qPrintable(languageError));
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
    // Wanted before a run is shown: an opened run of its kind is drawn so (--lanes service).
    window.setGrouping(options->grouping);
    QString openError;
    if (!options->openPath.isEmpty() && !window.openRun(options->openPath, &openError))
        std::fprintf(stderr, "reqlanes: cannot open %s: %s\n", qPrintable(options->openPath),
                     qPrintable(openError));
    else if (!options->openPath.isEmpty())
        window.setGrouping(options->grouping); // offered once the run's kind is known
    // The slow server is up while the window is open, on a known port, for any program to use.
    reqlanes::watch::WatchServerOptions server;
    server.port = std::uint16_t(options->port);
    server.portRequired = options->portGiven;
    server.bindAddress = options->bindAddress;
    if (window.startWatchServer(server) && options->watch)
        window.watchController()->setWatching(true);
    window.show();
    return QApplication::exec();
}
