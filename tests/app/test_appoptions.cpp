#include "appoptions.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

std::optional<AppOptions> parse(QStringList arguments, QString *error = nullptr) {
    arguments.prepend(QStringLiteral("reqlanes"));
    return AppOptions::parse(arguments, error);
}

} // namespace

TEST(AppOptions, NoArgumentsOpensTheWindow) {
    const auto options = parse({});
    ASSERT_TRUE(options);
    EXPECT_EQ(options->mode, AppOptions::Mode::Gui);
    EXPECT_FALSE(options->scenarioGiven);
}

TEST(AppOptions, ExportTakesTheWholeScenario) {
    QString error;
    const auto options = parse({"--strategy",    "async-semaphore",
                                "--n",           "9",
                                "--limit",       "3",
                                "--workers",     "3",
                                "--latency-ms",  "1000",
                                "--jitter-ms",   "20",
                                "--server-mode", "async",
                                "--export",      "out/deck.svg",
                                "--size",        "1280x720",
                                "--lanes",       "worker"},
                               &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(options->mode, AppOptions::Mode::Export);
    EXPECT_EQ(options->scenario.strategy, QStringLiteral("async-semaphore"));
    EXPECT_EQ(options->scenario.n, 9);
    EXPECT_EQ(options->scenario.limit, 3);
    EXPECT_EQ(options->scenario.server.workers, 3);
    EXPECT_EQ(options->scenario.server.latencyMs, 1000);
    EXPECT_EQ(options->scenario.server.jitterMs, 20);
    EXPECT_EQ(options->scenario.server.mode, ServerMode::Async);
    EXPECT_EQ(options->outputPath, QStringLiteral("out/deck.svg"));
    EXPECT_EQ(options->size, QSize(1280, 720));
    EXPECT_EQ(options->grouping, LaneGrouping::ServerWorker);
    EXPECT_FALSE(options->compare);
}

TEST(AppOptions, CompareAndScreenshotModes) {
    auto options = parse({"--compare", "--export", "all.pdf"});
    ASSERT_TRUE(options);
    EXPECT_TRUE(options->compare);
    options = parse({"--strategy", "threads", "--screenshot", "shot.png"});
    ASSERT_TRUE(options);
    EXPECT_EQ(options->mode, AppOptions::Mode::Screenshot);
    EXPECT_EQ(options->outputPath, QStringLiteral("shot.png"));
}

TEST(AppOptions, HelpDocumentsTheExportMode) {
    const auto options = parse({"--help"});
    ASSERT_TRUE(options);
    EXPECT_EQ(options->mode, AppOptions::Mode::Help);
    for (const char *word : {"--export", "--size", "--lanes", "--compare", "--screenshot",
                             "--latency-ms", "--server-mode", ".svg"})
        EXPECT_TRUE(options->helpText.contains(QLatin1String(word))) << word;
}

// Qt's addHelpOption() also adds --help-all; it must print help, never start a run.
TEST(AppOptions, HelpAllIsHelpToo) {
    const auto options = parse({"--help-all"});
    ASSERT_TRUE(options);
    EXPECT_EQ(options->mode, AppOptions::Mode::Help);
    EXPECT_TRUE(options->helpText.contains(QLatin1String("--export")));
}

TEST(AppOptions, BadArgumentsSayWhatIsWrong) {
    const std::vector<std::pair<QStringList, const char *>> cases = {
        {{"--strategy", "nope", "--export", "a.png"}, "unknown strategy"},
        {{"--n", "many", "--export", "a.png"}, "--n"},
        {{"--n", "0", "--export", "a.png"}, "n must"},
        {{"--export", "a.gif"}, ".png, .svg or .pdf"},
        {{"--export", "a.png", "--size", "huge"}, "--size"},
        {{"--export", "a.png", "--lanes", "fish"}, "--lanes"},
        {{"--export", "a.png", "--server-mode", "maybe"}, "--server-mode"},
        {{"--compare"}, "--export"},
        {{"--export", "a.png", "--screenshot", "b.png"}, "not both"},
        {{"--bogus"}, "bogus"},
    };
    for (const auto &[arguments, expected] : cases) {
        QString error;
        EXPECT_FALSE(parse(arguments, &error)) << arguments.join(' ').toStdString();
        EXPECT_TRUE(error.contains(QLatin1String(expected), Qt::CaseInsensitive))
            << arguments.join(' ').toStdString() << " -> " << error.toStdString();
    }
}

// The issues and the docs write "--n 9"; the help says so too, and "-n 9" still works.
TEST(AppOptions, RequestCountIsSpelledWithTwoDashes) {
    for (const char *spelling : {"--n", "-n"}) {
        QString error;
        const auto options = parse({spelling, "9", "--compare", "--export", "all.png"}, &error);
        ASSERT_TRUE(options) << spelling << ": " << error.toStdString();
        EXPECT_EQ(options->scenario.n, 9) << spelling;
        EXPECT_TRUE(options->scenarioGiven) << spelling;
    }
    const auto help = parse({"--help"});
    ASSERT_TRUE(help);
    EXPECT_TRUE(help->helpText.contains(QLatin1String("  --n <N> ")))
        << help->helpText.toStdString();
}

TEST(AppOptions, ServerModeAloneCountsAsAScenario) {
    const auto options = parse({"--server-mode", "async"});
    ASSERT_TRUE(options);
    EXPECT_TRUE(options->scenarioGiven);
    EXPECT_EQ(options->scenario.server.mode, ServerMode::Async);
}

TEST(AppOptions, CompareTakesAChoiceOfStrategiesInOrder) {
    QString error;
    auto options =
        parse({"--compare", "--strategies", "threads, sync,async", "--export", "c.png"}, &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(
        options->compareStrategies,
        QStringList({QStringLiteral("threads"), QStringLiteral("sync"), QStringLiteral("async")}));
    options = parse({"--compare", "--export", "c.png"});
    ASSERT_TRUE(options);
    EXPECT_TRUE(options->compareStrategies.isEmpty()); // all of them

    EXPECT_FALSE(parse({"--compare", "--strategies", "sync,fibers", "--export", "c.png"}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("fibers"))) << error.toStdString();
    EXPECT_FALSE(parse({"--compare", "--strategies", "sync,sync", "--export", "c.png"}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("twice"))) << error.toStdString();
    EXPECT_FALSE(parse({"--strategies", "sync", "--export", "c.png"}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("--compare"))) << error.toStdString();
}

TEST(AppOptions, CaptionIsAutoNoneOrTheUsersTextAndNoneByDefault) {
    const auto plain = parse({"--export", "out.png"});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->caption, QStringLiteral("none"));
    const auto automatic = parse({"--export", "out.png", "--caption", "auto"});
    ASSERT_TRUE(automatic);
    EXPECT_EQ(automatic->caption, QStringLiteral("auto"));
    const auto own = parse({"--export", "out.png", "--caption", "Six wait in the server."});
    ASSERT_TRUE(own);
    EXPECT_EQ(own->caption, QStringLiteral("Six wait in the server."));
    QString error;
    EXPECT_FALSE(parse({"--export", "out.png", "--caption", "  "}, &error));
    EXPECT_EQ(error, QStringLiteral("--caption needs auto, none or a text"));
    const auto dark = parse({"--export", "out.png", "--theme", "slides-dark"});
    ASSERT_TRUE(dark);
    EXPECT_EQ(dark->theme, QStringLiteral("slides-dark"));
}
