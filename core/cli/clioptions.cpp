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
    const std::optional<FrontEndStart> start = startParse(parser, arguments, error);
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

    for (const FileFormat &format : fileFormats())
        if (format.write && parser.isSet(format.id))
            options.exports.emplace_back(format.id, parser.value(format.id));
    options.summaryJsonPath = parser.value(QStringLiteral("summary-json"));
    options.exportOptions.laneGrouping = parser.value(QStringLiteral("lanes"));
    if (!laneGroupingFromName(options.exportOptions.laneGrouping))
        return fail(QStringLiteral("--lanes must be %1 (got \"%2\")")
                        .arg(laneGroupingChoices(), options.exportOptions.laneGrouping));
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
