#include "cli/clioptions.h"

#include "model/scenariooptions.h"
#include "results/lanegroupings.h"
#include "run/strategyregistry.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace reqlanes::cli {

namespace {

void addOptions(QCommandLineParser &parser) {
    parser.setApplicationDescription(QStringLiteral(
        "Runs HTTP client strategies against a slow server and reports what the clients did.\n"
        "Exit status: 0 every request succeeded, 1 some failed or the run was cancelled,\n"
        "2 bad arguments."));
    parser.addHelpOption();
    parser.addVersionOption();
    const Scenario defaults;
    parser.addOptions({
        {QStringLiteral("strategy"), QStringLiteral("Strategy to run (see --list)."),
         QStringLiteral("id"), defaults.strategy},
        {QStringLiteral("all"), QStringLiteral("Run every strategy in turn and compare them.")},
        {QStringLiteral("list"), QStringLiteral("List the strategies and exit.")},
        {QStringLiteral("open"),
         QStringLiteral("Summarise (and re-export) a saved run file instead of running."),
         QStringLiteral("FILE")},
    });
    addScenarioOptions(parser);
    for (const FileFormat &format : fileFormats())
        if (format.write)
            parser.addOption({format.id, format.cliHelp, QStringLiteral("FILE")});
    parser.addOptions({
        {QStringLiteral("lanes"),
         QStringLiteral("Lane grouping for --spans: %1.")
             .arg(laneGroupingIds().join(QStringLiteral(", "))),
         QStringLiteral("grouping"), laneGroupingIds().value(0)},
        {QStringLiteral("summary-json"), QStringLiteral("Save the summary as JSON; - for stdout."),
         QStringLiteral("FILE")},
        {QStringLiteral("explain"),
         QStringLiteral("After the table, say in plain words what each run shows, most important "
                        "first.")},
        {QStringLiteral("watch"),
         QStringLiteral("Serve and record the requests other programs send, one run per "
                        "session (exports numbered run-1.json, ...); Ctrl-C ends. With "
                        "\"-- PROGRAM ARGS\" at the end: start PROGRAM with the server's URL as "
                        "its first argument (a Python script runs traced: python3 -m "
                        "reqlanes_trace), record one session and exit with its status.")},
        {QStringLiteral("port"),
         QStringLiteral(
             "--watch: serve on this port (default 8000, else the next free one; 0: any)."),
         QStringLiteral("P")},
        {QStringLiteral("bind"),
         QStringLiteral("--watch: listen on this address (default 127.0.0.1, loopback only)."),
         QStringLiteral("ADDRESS")},
        {QStringLiteral("idle-ms"),
         QStringLiteral("--watch: a session ends after this idle gap (default 2000)."),
         QStringLiteral("MS")},
        {QStringLiteral("sessions"),
         QStringLiteral("--watch: exit after K sessions (default: until Ctrl-C)."),
         QStringLiteral("K")},
    });
}

std::optional<int> boundedNumber(const QCommandLineParser &parser, const QString &name, int low,
                                 int high, QString *error) {
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (ok && value >= low && value <= high)
        return value;
    if (error)
        *error = QStringLiteral("--%1 must be a whole number %2..%3 (got \"%4\")")
                     .arg(name)
                     .arg(low)
                     .arg(high)
                     .arg(parser.value(name));
    return std::nullopt;
}

// The formats table's output flags and --lanes, the same for runs and watch sessions.
bool readExports(const QCommandLineParser &parser, CliOptions &options, QString *error) {
    for (const FileFormat &format : fileFormats())
        if (format.write && parser.isSet(format.id))
            options.exports.emplace_back(format.id, parser.value(format.id));
    options.exportOptions.laneGrouping = parser.value(QStringLiteral("lanes"));
    if (laneGroupingFromName(options.exportOptions.laneGrouping))
        return true;
    if (error)
        *error = QStringLiteral("--lanes must be %1 (got \"%2\")")
                     .arg(laneGroupingChoices(), options.exportOptions.laneGrouping);
    return false;
}

std::optional<CliOptions> parseWatch(const QCommandLineParser &parser, const Scenario &scenario,
                                     const QStringList &program, QString *error) {
    const auto fail = [error](const QString &reason) {
        return refuseOptions<CliOptions>(error, reason);
    };
    for (const char *runOnly : {"strategy", "all", "open", "target", "summary-json"})
        if (parser.isSet(QLatin1String(runOnly)))
            return fail(QStringLiteral("--watch records other programs; it takes no --%1")
                            .arg(QLatin1String(runOnly)));
    CliOptions options;
    options.action = CliOptions::Action::Watch;
    options.scenarios.push_back(scenario); // its server settings
    auto &watch = options.watch;
    const QString port = QStringLiteral("port"), idle = QStringLiteral("idle-ms"),
                  sessions = QStringLiteral("sessions"), bind = QStringLiteral("bind");
    if (parser.isSet(port)) {
        const auto value = boundedNumber(parser, port, 0, 65535, error);
        if (!value)
            return std::nullopt;
        watch.port = *value;
        watch.portGiven = true;
    }
    if (parser.isSet(idle)) {
        const auto value = boundedNumber(parser, idle, 10, 3'600'000, error);
        if (!value)
            return std::nullopt;
        watch.idleMs = *value;
    }
    if (parser.isSet(sessions)) {
        const auto value = boundedNumber(parser, sessions, 1, 100000, error);
        if (!value)
            return std::nullopt;
        watch.sessions = *value;
    }
    if (parser.isSet(bind))
        watch.bindAddress = parser.value(bind);
    watch.program = program;
    if (!program.isEmpty() && watch.sessions != 0)
        return fail(QStringLiteral("--sessions does not go with a program: its exit ends the "
                                   "session"));
    if (!readExports(parser, options, error))
        return std::nullopt;
    options.explain = parser.isSet(QStringLiteral("explain"));
    return options;
}

} // namespace

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error) {
    const auto fail = [error](const QString &reason) {
        return refuseOptions<CliOptions>(error, reason);
    };
    // `--watch [options] -- PROGRAM ARGS`: what follows "--" is the program's, never ours.
    const qsizetype dashes = arguments.indexOf(QStringLiteral("--"));
    const QStringList ours = dashes < 0 ? arguments : arguments.mid(0, dashes);
    const QStringList program = dashes < 0 ? QStringList() : arguments.mid(dashes + 1);
    if (dashes >= 0 && program.isEmpty())
        return fail(QStringLiteral("\"--\" must be followed by a program to run"));
    QCommandLineParser parser;
    addOptions(parser);
    const std::optional<FrontEndStart> start = startParse(parser, ours, error);
    if (!start)
        return std::nullopt;

    CliOptions options;
    if (start->action != FrontEndStart::Action::Continue) {
        options.action =
            start->action == FrontEndStart::Action::Help ? Action::Help : Action::Version;
        options.helpText = start->helpText;
        return options;
    }
    if (parser.isSet(QStringLiteral("list"))) {
        options.action = Action::List;
        return options;
    }

    std::optional<Scenario> scenario = start->scenario;
    if (parser.isSet(QStringLiteral("watch")))
        return parseWatch(parser, *scenario, program, error);
    if (!program.isEmpty())
        return fail(QStringLiteral("a program after \"--\" goes with --watch"));
    for (const char *watchOnly : {"port", "bind", "idle-ms", "sessions"})
        if (parser.isSet(QLatin1String(watchOnly)))
            return fail(QStringLiteral("--%1 goes with --watch").arg(QLatin1String(watchOnly)));

    const StrategyRegistry &registry = StrategyRegistry::instance();
    options.compare = parser.isSet(QStringLiteral("all"));
    if (options.compare && parser.isSet(QStringLiteral("strategy")))
        return fail(QStringLiteral("give either --strategy or --all, not both"));
    options.openPath = parser.value(QStringLiteral("open"));
    if (!options.openPath.isEmpty() &&
        (options.compare || parser.isSet(QStringLiteral("strategy"))))
        return fail(QStringLiteral("--open shows a saved run; it takes no --strategy or --all"));
    const QStringList ids =
        options.compare ? registry.ids() : QStringList{parser.value(QStringLiteral("strategy"))};
    for (const QString &id : ids) {
        if (QString unknown = registry.unknownIdError(id); !unknown.isEmpty())
            return fail(unknown);
        scenario->strategy = id;
        options.scenarios.push_back(*scenario);
    }

    if (!readExports(parser, options, error))
        return std::nullopt;
    options.summaryJsonPath = parser.value(QStringLiteral("summary-json"));
    options.explain = parser.isSet(QStringLiteral("explain"));
    return options;
}

QString CliOptions::outputPath(const QString &path, const Scenario &scenario) const {
    if (path.isEmpty() || !compare)
        return path;
    const QFileInfo info(path);
    const QString suffix = info.completeSuffix();
    const QString stem = suffix.isEmpty() ? info.fileName() : info.baseName();
    return info.dir().filePath(stem + QLatin1Char('-') + scenario.strategy +
                               (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix));
}

} // namespace reqlanes::cli
