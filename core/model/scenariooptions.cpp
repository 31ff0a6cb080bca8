#include "model/scenariooptions.h"

#include "model/target.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace reqlanes {

namespace {

struct NumberOption {
    const char *name;
    int Scenario::*field = nullptr;
    int ServerSettings::*serverField = nullptr;
};

const NumberOption kNumberOptions[] = {
    {"n", &Scenario::n, nullptr},
    {"limit", &Scenario::limit, nullptr},
    {"timeout-ms", &Scenario::timeoutMs, nullptr},
    {"workers", nullptr, &ServerSettings::workers},
    {"latency-ms", nullptr, &ServerSettings::latencyMs},
    {"jitter-ms", nullptr, &ServerSettings::jitterMs},
};

const QString kServerMode = QStringLiteral("server-mode");
const QString kTarget = QStringLiteral("target");

std::optional<int> parseNumber(const QString &text) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

} // namespace

bool parseArguments(QCommandLineParser &parser, const QStringList &arguments, QString *error) {
    QString reason;
    if (!parser.parse(arguments))
        reason = parser.errorText();
    else if (!parser.positionalArguments().isEmpty())
        reason = QStringLiteral("unexpected argument \"%1\"")
                     .arg(parser.positionalArguments().constFirst());
    if (error && !reason.isEmpty())
        *error = reason;
    return reason.isEmpty();
}

void addScenarioOptions(QCommandLineParser &parser) {
    const Scenario defaults;
    parser.addOptions({
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
        {kServerMode,
         QStringLiteral("Embedded server: sync (W workers) or async (no worker limit)."),
         QStringLiteral("sync|async"), serverModeName(defaults.server.mode)},
        {QStringLiteral("timeout-ms"), QStringLiteral("Per-request timeout."), QStringLiteral("T"),
         QString::number(defaults.timeoutMs)},
        {kTarget, QStringLiteral("Use this http:// server instead of the embedded one."),
         QStringLiteral("URL")},
    });
}

std::optional<Scenario> scenarioFromOptions(const QCommandLineParser &parser, QString *error) {
    const auto fail = [error](const QString &reason) -> std::optional<Scenario> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
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
    const QString mode = parser.value(kServerMode);
    if (mode != serverModeName(ServerMode::Sync) && mode != serverModeName(ServerMode::Async))
        return fail(QStringLiteral("--server-mode must be sync or async (got \"%1\")").arg(mode));
    scenario.server.mode =
        mode == serverModeName(ServerMode::Async) ? ServerMode::Async : ServerMode::Sync;
    if (parser.isSet(kTarget)) {
        scenario.targetUrl = parser.value(kTarget);
        QString reason;
        if (!Target::fromUrl(scenario.targetUrl, &reason))
            return fail(QStringLiteral("--target: %1").arg(reason));
    }
    if (const QString invalid = validateScenario(scenario); !invalid.isEmpty())
        return fail(invalid);
    return scenario;
}

bool scenarioOptionsGiven(const QCommandLineParser &parser) {
    for (const NumberOption &option : kNumberOptions)
        if (parser.isSet(QLatin1String(option.name)))
            return true;
    return parser.isSet(kServerMode) || parser.isSet(kTarget);
}

QString scenarioHelpText(const QCommandLineParser &parser) {
    // Qt pads the names to one column, so the extra dash takes one space of the padding.
    static const QRegularExpression shortN(QStringLiteral("^  -n <N> "),
                                           QRegularExpression::MultilineOption);
    return parser.helpText().replace(shortN, QStringLiteral("  --n <N>"));
}

} // namespace reqlanes
