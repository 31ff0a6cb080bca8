#include "cli/clioptions.h"

#include "model/scenariooptions.h"
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
    parser.addOptions({
        {QStringLiteral("json"), QStringLiteral("Save the run file (JSON)."),
         QStringLiteral("FILE")},
        {QStringLiteral("trace"), QStringLiteral("Save a Chrome trace (opens in Perfetto)."),
         QStringLiteral("FILE")},
        {QStringLiteral("csv"), QStringLiteral("Save one CSV row per request."),
         QStringLiteral("FILE")},
        {QStringLiteral("summary-json"), QStringLiteral("Save the summary as JSON; - for stdout."),
         QStringLiteral("FILE")},
        {QStringLiteral("explain"),
         QStringLiteral("After the table, say in plain words what each run shows, most important "
                        "first.")},
    });
}

} // namespace

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error) {
    auto fail = [error](const QString &reason) -> std::optional<CliOptions> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    QCommandLineParser parser;
    addOptions(parser);
    if (!parseArguments(parser, arguments, error))
        return std::nullopt;

    CliOptions options;
    if (parser.isSet(QStringLiteral("help"))) {
        options.action = Action::Help;
        options.helpText = scenarioHelpText(parser);
        return options;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        options.action = Action::Version;
        return options;
    }
    if (parser.isSet(QStringLiteral("list"))) {
        options.action = Action::List;
        return options;
    }

    std::optional<Scenario> scenario = scenarioFromOptions(parser, error);
    if (!scenario)
        return std::nullopt;

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

    options.jsonPath = parser.value(QStringLiteral("json"));
    options.tracePath = parser.value(QStringLiteral("trace"));
    options.csvPath = parser.value(QStringLiteral("csv"));
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
