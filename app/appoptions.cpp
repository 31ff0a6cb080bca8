#include "appoptions.h"

#include "i18n/language.h"
#include "model/scenariooptions.h"
#include "results/lanegroupings.h"
#include "run/strategyregistry.h"
#include "style/theme.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace reqlanes {

namespace {

void addOptions(QCommandLineParser &parser) {
    parser.setApplicationDescription(QStringLiteral(
        "reqlanes: watch HTTP client concurrency strategies fill lanes over time.\n"
        "\n"
        "Without --export or --screenshot the window opens. With --export the scenario runs\n"
        "headless and the timeline is written as PNG, SVG or PDF (by the file's extension):\n"
        "  reqlanes --strategy threads --n 9 --limit 3 --workers 3 --latency-ms 1000 \\\n"
        "           --export threads.png --size 1920x1080 --lanes thread\n"
        "  reqlanes --compare --n 9 --limit 3 --export compare.pdf\n"
        "  reqlanes --open run.json --export run.svg\n"
        "\n"
        "Exit status: 0 written, 1 the run or the export failed, 2 bad arguments."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("strategy"),
                      QStringLiteral("Strategy id: %1.")
                          .arg(StrategyRegistry::instance().ids().join(QStringLiteral(", "))),
                      QStringLiteral("id"), Scenario().strategy});
    addScenarioOptions(parser);
    parser.addOptions({
        {QStringLiteral("open"), QStringLiteral("Show (or export) a saved run instead of running."),
         QStringLiteral("FILE")},
        {QStringLiteral("watch"),
         QStringLiteral("Start with Watch on: draw other programs' requests to the server.")},
        {QStringLiteral("port"),
         QStringLiteral("The window's server port (default 8000, else the next free one)."),
         QStringLiteral("P")},
        {QStringLiteral("bind"),
         QStringLiteral("The window's server address (default 127.0.0.1, loopback only)."),
         QStringLiteral("ADDRESS")},
        {QStringLiteral("export"),
         QStringLiteral("Run headless and write the timeline to FILE (.png, .svg or .pdf)."),
         QStringLiteral("FILE")},
        {QStringLiteral("size"), QStringLiteral("Export size in pixels, e.g. 1280x720."),
         QStringLiteral("WxH"), QStringLiteral("1920x1080")},
        {QStringLiteral("scale"), QStringLiteral("PNG pixel scale: 1, 2 or 3."),
         QStringLiteral("S"), QStringLiteral("1")},
        {QStringLiteral("lanes"),
         QStringLiteral("Lane grouping: %1.").arg(laneGroupingIds().join(QStringLiteral(", "))),
         QStringLiteral("grouping"), laneGroupingIds().value(0)},
        {QStringLiteral("compare"),
         QStringLiteral("Export: run every strategy and stack them on one time axis.")},
        {QStringLiteral("strategies"),
         QStringLiteral("With --compare: the strategies to compare, comma-separated, "
                        "in order (default: all)."),
         QStringLiteral("a,b,c")},
        {QStringLiteral("theme"), QStringLiteral("Export theme: slides, slides-dark or screen."),
         QStringLiteral("name"), QStringLiteral("slides")},
        {QStringLiteral("caption"),
         QStringLiteral("Export: a caption under the timeline: auto (what the run shows, in plain "
                        "words), none, or your own TEXT."),
         QStringLiteral("auto|none|TEXT"), QStringLiteral("none")},
        {QStringLiteral("lang"),
         QStringLiteral("Window and export language: %1 (default: View > Language, else the "
                        "system's).")
             .arg(availableLanguageCodes().join(QStringLiteral(", "))),
         QStringLiteral("code")},
        {QStringLiteral("screenshot"),
         QStringLiteral("Open the window, run --strategy, save the window as FILE (PNG), exit."),
         QStringLiteral("FILE")},
    });
}

std::optional<QSize> parseSize(const QString &text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{2,5})[xX×](\\d{2,5})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < 200 || size.height() < 150 || size.width() > 16384 || size.height() > 16384)
        return std::nullopt;
    return size;
}

} // namespace

std::optional<AppOptions> AppOptions::parse(const QStringList &arguments, QString *error) {
    const auto fail = [error](const QString &reason) {
        return refuseOptions<AppOptions>(error, reason);
    };
    QCommandLineParser parser;
    addOptions(parser);
    const std::optional<FrontEndStart> start = startParse(parser, arguments, error);
    if (!start)
        return std::nullopt;

    AppOptions options;
    if (start->action != FrontEndStart::Action::Continue) {
        options.mode = start->action == FrontEndStart::Action::Help ? Mode::Help : Mode::Version;
        options.helpText = start->helpText;
        return options;
    }

    options.scenario = start->scenario;
    options.scenarioGiven = start->scenarioGiven;
    options.scenario.strategy = parser.value(QStringLiteral("strategy"));
    options.scenarioGiven |= parser.isSet(QStringLiteral("strategy"));
    if (QString unknown = StrategyRegistry::instance().unknownIdError(options.scenario.strategy);
        !unknown.isEmpty())
        return fail(unknown);

    const auto size = parseSize(parser.value(QStringLiteral("size")));
    if (!size)
        return fail(QStringLiteral("--size: \"%1\" is not WIDTHxHEIGHT between 200x150 and "
                                   "16384x16384")
                        .arg(parser.value(QStringLiteral("size"))));
    options.size = *size;
    bool scaleOk = false;
    options.scale = parser.value(QStringLiteral("scale")).toDouble(&scaleOk);
    if (!scaleOk || options.scale < 1 || options.scale > 3)
        return fail(QStringLiteral("--scale must be 1, 2 or 3"));
    const auto grouping = laneGroupingFromName(parser.value(QStringLiteral("lanes")));
    if (!grouping)
        return fail(QStringLiteral("--lanes must be %1 (got \"%2\")")
                        .arg(laneGroupingChoices(), parser.value(QStringLiteral("lanes"))));
    options.grouping = *grouping;
    options.theme = parser.value(QStringLiteral("theme"));
    if (!Theme::byId(options.theme))
        return fail(QStringLiteral("--theme must be slides, slides-dark or screen"));
    options.caption = parser.value(QStringLiteral("caption"));
    if (options.caption.trimmed().isEmpty())
        return fail(QStringLiteral("--caption needs auto, none or a text"));
    options.language = parser.value(QStringLiteral("lang"));
    if (parser.isSet(QStringLiteral("lang")) && !isAvailableLanguage(options.language))
        return fail(
            QStringLiteral("--lang must be %1 (got \"%2\")")
                .arg(availableLanguageCodes().join(QStringLiteral(" or ")), options.language));
    options.compare = parser.isSet(QStringLiteral("compare"));
    options.openPath = parser.value(QStringLiteral("open"));
    options.watch = parser.isSet(QStringLiteral("watch"));
    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        options.port = parser.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || options.port < 0 || options.port > 65535)
            return fail(QStringLiteral("--port must be a whole number 0..65535 (got \"%1\")")
                            .arg(parser.value(QStringLiteral("port"))));
        options.portGiven = true;
    }
    if (parser.isSet(QStringLiteral("bind")))
        options.bindAddress = parser.value(QStringLiteral("bind"));

    const bool exporting = parser.isSet(QStringLiteral("export"));
    const bool screenshot = parser.isSet(QStringLiteral("screenshot"));
    if (exporting && screenshot)
        return fail(QStringLiteral("give either --export or --screenshot, not both"));
    if (options.compare && !options.openPath.isEmpty())
        return fail(QStringLiteral("--compare runs every strategy; it cannot use --open"));
    if (exporting) {
        options.mode = Mode::Export;
        options.outputPath = parser.value(QStringLiteral("export"));
        const QString suffix = options.outputPath.section(QLatin1Char('.'), -1).toLower();
        if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
            suffix != QLatin1String("pdf"))
            return fail(QStringLiteral("--export: \"%1\" must end in .png, .svg or .pdf")
                            .arg(options.outputPath));
    } else if (screenshot) {
        options.mode = Mode::Screenshot;
        options.outputPath = parser.value(QStringLiteral("screenshot"));
        if (!options.outputPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
            return fail(QStringLiteral("--screenshot writes a PNG: give a .png file"));
    } else if (options.compare) {
        return fail(QStringLiteral("--compare needs --export FILE"));
    }
    if (parser.isSet(QStringLiteral("strategies"))) {
        if (!options.compare)
            return fail(QStringLiteral("--strategies goes with --compare"));
        for (QString id : parser.value(QStringLiteral("strategies")).split(QLatin1Char(','))) {
            id = id.trimmed();
            if (QString unknown = StrategyRegistry::instance().unknownIdError(id);
                !unknown.isEmpty())
                return fail(QStringLiteral("--strategies: %1").arg(unknown));
            if (options.compareStrategies.contains(id))
                return fail(QStringLiteral("--strategies: \"%1\" is listed twice").arg(id));
            options.compareStrategies << id;
        }
    }
    return options;
}

} // namespace reqlanes
