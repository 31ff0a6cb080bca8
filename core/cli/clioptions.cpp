#include "clioptions.h"

#include "strategyregistry.h"
#include "target.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace reqlanes::cli {

namespace {

struct NumberOption {
    const char *name;
    int Scenario::*field = nullptr;
    int ServerSettings::*serverField = nullptr;
};

// Each --name N: the scenario field it sets (range checks are validateScenario's, shared with
// the app and the run file).
const NumberOption kNumberOptions[] = {
    {"n", &Scenario::n, nullptr},
    {"limit", &Scenario::limit, nullptr},
    {"timeout-ms", &Scenario::timeoutMs, nullptr},
    {"workers", nullptr, &ServerSettings::workers},
    {"latency-ms", nullptr, &ServerSettings::latencyMs},
    {"jitter-ms", nullptr, &ServerSettings::jitterMs},
};

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
        {QStringLiteral("n"), QStringLiteral("Number of requests."), QStringLiteral("N"),
         QString::number(defaults.n)},
        {QStringLiteral("limit"),
         QStringLiteral("Semaphore / pool size for strategies that use one."), QStringLiteral("K"),
         QString::number(defaults.limit)},
        {QStringLiteral("workers"), QStringLiteral("Embedded server workers."), QStringLiteral("W"),
         QString::number(defaults.server.workers)},
        {QStringLiteral("latency-ms"), QStringLiteral("Embedded server time per request."),
         QStringLiteral("L"), QString::number(defaults.server.latencyMs)},
        {QStringLiteral("jitter-ms"), QStringLiteral("Random +- jitter on the latency."),
         QStringLiteral("J"), QString::number(defaults.server.jitterMs)},
        {QStringLiteral("server-mode"),
         QStringLiteral("Embedded server: sync (W workers) or async (no worker limit)."),
         QStringLiteral("sync|async"), serverModeName(defaults.server.mode)},
        {QStringLiteral("timeout-ms"), QStringLiteral("Per-request timeout."), QStringLiteral("T"),
         QString::number(defaults.timeoutMs)},
        {QStringLiteral("target"),
         QStringLiteral("Use this http:// server instead of the embedded one."),
         QStringLiteral("URL")},
        {QStringLiteral("json"), QStringLiteral("Save the run file (JSON)."),
         QStringLiteral("FILE")},
        {QStringLiteral("trace"), QStringLiteral("Save a Chrome trace (opens in Perfetto)."),
         QStringLiteral("FILE")},
        {QStringLiteral("csv"), QStringLiteral("Save one CSV row per request."),
         QStringLiteral("FILE")},
        {QStringLiteral("summary-json"), QStringLiteral("Save the summary as JSON; - for stdout."),
         QStringLiteral("FILE")},
    });
}

std::optional<int> parseNumber(const QString &text) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
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
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"")
                        .arg(parser.positionalArguments().constFirst()));

    CliOptions options;
    if (parser.isSet(QStringLiteral("help"))) {
        options.action = Action::Help;
        options.helpText = parser.helpText();
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

    Scenario scenario;
    for (const NumberOption &option : kNumberOptions) {
        const QString name = QLatin1String(option.name);
        const auto value = parseNumber(parser.value(name));
        if (!value)
            return fail(
                QStringLiteral("--%1: \"%2\" is not a whole number").arg(name, parser.value(name)));
        if (option.field)
            scenario.*option.field = *value;
        else
            scenario.server.*option.serverField = *value;
    }
    const QString mode = parser.value(QStringLiteral("server-mode"));
    if (mode != serverModeName(ServerMode::Sync) && mode != serverModeName(ServerMode::Async))
        return fail(QStringLiteral("--server-mode must be sync or async (got \"%1\")").arg(mode));
    scenario.server.mode =
        mode == serverModeName(ServerMode::Async) ? ServerMode::Async : ServerMode::Sync;
    if (parser.isSet(QStringLiteral("target"))) {
        scenario.targetUrl = parser.value(QStringLiteral("target"));
        QString reason;
        if (!Target::fromUrl(scenario.targetUrl, &reason))
            return fail(QStringLiteral("--target: %1").arg(reason));
    }

    const StrategyRegistry &registry = StrategyRegistry::instance();
    options.compare = parser.isSet(QStringLiteral("all"));
    if (options.compare && parser.isSet(QStringLiteral("strategy")))
        return fail(QStringLiteral("give either --strategy or --all, not both"));
    const QStringList ids =
        options.compare ? registry.ids() : QStringList{parser.value(QStringLiteral("strategy"))};
    for (const QString &id : ids) {
        if (!registry.find(id))
            return fail(QStringLiteral("unknown strategy \"%1\"; valid strategies: %2")
                            .arg(id, registry.ids().join(QStringLiteral(", "))));
        scenario.strategy = id;
        if (const QString invalid = validateScenario(scenario); !invalid.isEmpty())
            return fail(invalid);
        options.scenarios.push_back(scenario);
    }

    options.jsonPath = parser.value(QStringLiteral("json"));
    options.tracePath = parser.value(QStringLiteral("trace"));
    options.csvPath = parser.value(QStringLiteral("csv"));
    options.summaryJsonPath = parser.value(QStringLiteral("summary-json"));
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
