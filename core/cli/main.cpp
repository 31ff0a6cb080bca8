// reqlanes-cli: runs client strategies against the slow server without a window, prints a
// summary table and writes the run file, a Chrome trace, CSV and summary JSON on request.
// Exit status: 0 all requests succeeded, 1 some failed (or an export failed), 2 bad arguments,
// 128 + signal when interrupted.

#include "cli/clioptions.h"
#include "cli/clisession.h"
#include "cli/signalnotifier.h"
#include "cli/summarytable.h"
#include "cli/watchclisession.h"
#include "run/filelimit.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace reqlanes::cli;

namespace {
constexpr int kExitBadArguments = 2;
}

int main(int argc, char *argv[]) {
    reqlanes::raiseOpenFileLimit(); // every connection is a descriptor; 1024 is too few
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("reqlanes-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REQLANES_VERSION));

    QString error;
    const auto options = CliOptions::parse(QCoreApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "reqlanes-cli: %s\nTry 'reqlanes-cli --help'.\n", qPrintable(error));
        return kExitBadArguments;
    }
    switch (options->action) {
    case CliOptions::Action::Help:
        std::fputs(qPrintable(options->helpText), stdout);
        return 0;
    case CliOptions::Action::Version:
        std::printf("reqlanes-cli %s\n", REQLANES_VERSION);
        return 0;
    case CliOptions::Action::List:
        std::fputs(qPrintable(SummaryTable::strategyList()), stdout);
        return 0;
    case CliOptions::Action::Run:
        break;
    case CliOptions::Action::Watch: {
        SignalNotifier signalNotifier;
        WatchCliSession watch(*options);
        QObject::connect(&signalNotifier, &SignalNotifier::signalled, &watch,
                         &WatchCliSession::interrupt);
        QObject::connect(&watch, &WatchCliSession::done, &app, &QCoreApplication::exit,
                         Qt::QueuedConnection);
        QTimer::singleShot(0, &watch, &WatchCliSession::start);
        return QCoreApplication::exec();
    }
    }

    SignalNotifier signalNotifier;
    CliSession session(*options);
    QObject::connect(&signalNotifier, &SignalNotifier::signalled, &session, &CliSession::interrupt);
    QObject::connect(&session, &CliSession::done, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    QTimer::singleShot(0, &session, &CliSession::start);
    return QCoreApplication::exec();
}
