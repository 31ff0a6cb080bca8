#include "model/scenariooptions.h"

#include "model/target.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace reqlanes {

namespace {

// The client's whole-number options; the server's come from server::settings().
struct NumberOption {
    const char *name;
    int Scenario::*field;
};

const NumberOption kNumberOptions[] = {
    {"n", &Scenario::n},
    {"limit", &Scenario::limit},
    {"timeout-ms", &Scenario::timeoutMs},
};

QString optionName(const server::Setting &setting) {
    return QString::fromLatin1(setting.name.data(), qsizetype(setting.name.size()));
}

// "Embedded server: time each request takes (...)." from the server's own help line.
QString optionHelp(const server::Setting &setting) {
    QString help = QString::fromLatin1(setting.help.data(), qsizetype(setting.help.size()));
    help[0] = help[0].toUpper();
    return QStringLiteral("Embedded server: %1, %2.")
        .arg(help, QString::fromStdString(setting.rangeText()));
}

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

std::optional<FrontEndStart> startParse(QCommandLineParser &parser, const QStringList &arguments,
                                        QString *error) {
    if (!parseArguments(parser, arguments, error))
        return std::nullopt;
    FrontEndStart start;
    // addHelpOption() also adds --help-all (Qt's own options too); isSet("help") misses it.
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        start.action = FrontEndStart::Action::Help;
        start.helpText = scenarioHelpText(parser);
    } else if (parser.isSet(QStringLiteral("version"))) {
        start.action = FrontEndStart::Action::Version;
    } else {
        std::optional<Scenario> scenario = scenarioFromOptions(parser, error);
        if (!scenario)
            return std::nullopt;
        start.scenario = *scenario;
        start.scenarioGiven = scenarioOptionsGiven(parser);
    }
    return start;
}

void addScenarioOptions(QCommandLineParser &parser) {
    const Scenario defaults;
    parser.addOptions({
        {QStringLiteral("n"), QStringLiteral("Number of requests."), QStringLiteral("N"),
         QString::number(defaults.n)},
        {QStringLiteral("limit"),
         QStringLiteral("Semaphore / pool size for strategies that use one."), QStringLiteral("K"),
         QString::number(defaults.limit)},
        {kServerMode,
         QStringLiteral("Embedded server: sync (W workers) or async (no worker limit)."),
         QStringLiteral("sync|async"), serverModeName(defaults.server.mode)},
        {QStringLiteral("timeout-ms"), QStringLiteral("Per-request timeout."), QStringLiteral("T"),
         QString::number(defaults.timeoutMs)},
        {kTarget, QStringLiteral("Use this http:// server instead of the embedded one."),
         QStringLiteral("URL")},
    });
    for (const server::Setting &setting : server::settings())
        if (setting.perScenario)
            parser.addOption(
                {optionName(setting), optionHelp(setting),
                 QString::fromLatin1(setting.valueName.data(), qsizetype(setting.valueName.size())),
                 QString::fromStdString(server::valueText(setting.get(defaults.server)))});
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
        scenario.*option.field = *value;
    }
    for (const server::Setting &setting : server::settings()) {
        if (!setting.perScenario)
            continue;
        const QString name = optionName(setting);
        bool ok = false;
        const double value = setting.isInteger() ? double(parser.value(name).trimmed().toInt(&ok))
                                                 : parser.value(name).trimmed().toDouble(&ok);
        if (!ok)
            return fail(QStringLiteral("--%1: \"%2\" is not a %3")
                            .arg(name, parser.value(name),
                                 setting.isInteger() ? QStringLiteral("whole number")
                                                     : QStringLiteral("number")));
        setting.set(scenario.server, value);
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
    for (const server::Setting &setting : server::settings())
        if (setting.perScenario && parser.isSet(optionName(setting)))
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
