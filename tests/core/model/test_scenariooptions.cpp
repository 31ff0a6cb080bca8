// The scenario options shared by reqlanes-cli and the app: parsing, range errors and help.
#include "model/scenariooptions.h"
#include "qtcoreenvironment.h" // helpText() names the running executable

#include <QCommandLineParser>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

struct Parsed {
    std::optional<Scenario> scenario;
    bool given = false;
    QString error;
};

Parsed parse(QStringList arguments) {
    QCommandLineParser parser;
    addScenarioOptions(parser);
    arguments.prepend(QStringLiteral("reqlanes"));
    Parsed parsed;
    if (!parser.parse(arguments)) {
        parsed.error = parser.errorText();
        return parsed;
    }
    parsed.scenario = scenarioFromOptions(parser, &parsed.error);
    parsed.given = scenarioOptionsGiven(parser);
    return parsed;
}

} // namespace

TEST(ScenarioOptions, NothingGivenIsTheDefaultScenario) {
    const Parsed parsed = parse({});
    ASSERT_TRUE(parsed.scenario) << parsed.error.toStdString();
    EXPECT_EQ(*parsed.scenario, Scenario());
    EXPECT_FALSE(parsed.given);
}

TEST(ScenarioOptions, ReadsEveryOption) {
    const Parsed parsed =
        parse({"--n", "9", "--limit", "3", "--workers", "4", "--latency-ms", "300", "--jitter-ms",
               "20", "--server-mode", "async", "--timeout-ms", "5000"});
    ASSERT_TRUE(parsed.scenario) << parsed.error.toStdString();
    EXPECT_TRUE(parsed.given);
    EXPECT_EQ(parsed.scenario->n, 9);
    EXPECT_EQ(parsed.scenario->limit, 3);
    EXPECT_EQ(parsed.scenario->server.workers, 4);
    EXPECT_EQ(parsed.scenario->server.latencyMs, 300);
    EXPECT_EQ(parsed.scenario->server.jitterMs, 20);
    EXPECT_EQ(parsed.scenario->server.mode, ServerMode::Async);
    EXPECT_EQ(parsed.scenario->timeoutMs, 5000);
    EXPECT_TRUE(parsed.scenario->usesEmbeddedServer());
}

// The docs and the issues write "--n 9"; Qt also takes "-n 9" and "--n=9".
TEST(ScenarioOptions, RequestCountTakesOneOrTwoDashes) {
    for (const QStringList &arguments :
         {QStringList{"--n", "9"}, QStringList{"-n", "9"}, QStringList{"--n=9"}}) {
        const Parsed parsed = parse(arguments);
        ASSERT_TRUE(parsed.scenario)
            << arguments.join(' ').toStdString() << ": " << parsed.error.toStdString();
        EXPECT_EQ(parsed.scenario->n, 9) << arguments.join(' ').toStdString();
    }
}

TEST(ScenarioOptions, HelpSpellsTheRequestCountWithTwoDashes) {
    QCommandLineParser parser;
    addScenarioOptions(parser);
    const QString help = scenarioHelpText(parser);
    EXPECT_TRUE(help.contains(QStringLiteral("\n  --n <N> "))) << help.toStdString();
    EXPECT_FALSE(help.contains(QStringLiteral("\n  -n <N>"))) << help.toStdString();
    // The descriptions still start in one column.
    const auto descriptionColumn = [&help](const QString &option) -> qsizetype {
        for (const QString &line : help.split(QLatin1Char('\n')))
            if (line.startsWith(QStringLiteral("  ") + option + QLatin1Char(' '))) {
                qsizetype at = 2 + option.size();
                while (at < line.size() && line[at] == QLatin1Char(' '))
                    ++at;
                return at;
            }
        return -1;
    };
    EXPECT_GT(descriptionColumn(QStringLiteral("--n <N>")), 0);
    EXPECT_EQ(descriptionColumn(QStringLiteral("--n <N>")),
              descriptionColumn(QStringLiteral("--limit <K>")));
}

TEST(ScenarioOptions, BadValuesNameTheOption) {
    const std::vector<std::pair<QStringList, const char *>> cases = {
        {{"--n", "many"}, "--n: \"many\" is not a whole number"},
        {{"--n", "0"}, "n must be 1..100000 (got 0)"},
        {{"--workers", "0"}, "workers must be"},
        {{"--latency-ms", "-5"}, "latency-ms must be"},
        {{"--server-mode", "fast"}, "--server-mode must be sync or async (got \"fast\")"},
        {{"--target", "https://example.org/"}, "--target: "},
    };
    for (const auto &[arguments, message] : cases) {
        const Parsed parsed = parse(arguments);
        EXPECT_FALSE(parsed.scenario) << arguments.join(' ').toStdString();
        EXPECT_TRUE(parsed.error.contains(QLatin1String(message)))
            << arguments.join(' ').toStdString() << ": " << parsed.error.toStdString();
    }
}

TEST(ScenarioOptions, ATargetReplacesTheEmbeddedServer) {
    const Parsed parsed = parse({"--target", "http://127.0.0.1:8080/slow"});
    ASSERT_TRUE(parsed.scenario) << parsed.error.toStdString();
    EXPECT_TRUE(parsed.given);
    EXPECT_FALSE(parsed.scenario->usesEmbeddedServer());
    EXPECT_EQ(parsed.scenario->targetUrl, QStringLiteral("http://127.0.0.1:8080/slow"));
}

TEST(ScenarioOptions, ParsingRefusesUnknownOptionsAndStrayArguments) {
    QCommandLineParser parser;
    addScenarioOptions(parser);
    QString error;
    EXPECT_FALSE(parseArguments(parser, {"reqlanes", "--frobnicate"}, &error));
    EXPECT_TRUE(error.contains(QLatin1String("frobnicate"))) << error.toStdString();
    EXPECT_FALSE(parseArguments(parser, {"reqlanes", "--n", "9", "extra"}, &error));
    EXPECT_EQ(error, QStringLiteral("unexpected argument \"extra\""));
    EXPECT_TRUE(parseArguments(parser, {"reqlanes", "--n", "9"}, &error));
}
