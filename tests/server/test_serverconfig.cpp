// ServerConfig validation and the reqlanes-server command line that fills it: every flag, both
// spellings, defaults, and a clear message for anything out of range.
#include "servercommandline.h"
#include "serverconfig.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace reqlanes::server;

namespace {

CommandLine parse(std::vector<std::string> arguments) {
    return parseCommandLine(arguments);
}

} // namespace

TEST(ServerConfig, DefaultsAreValid) {
    EXPECT_EQ(validate(ServerConfig{}), "");
}

TEST(ServerConfig, OutOfRangeValuesExplainThemselves) {
    auto reason = [](auto change) {
        ServerConfig config;
        change(config);
        return validate(config);
    };
    EXPECT_EQ(reason([](ServerConfig &c) { c.workers = 0; }), "workers must be 1..1024");
    EXPECT_EQ(reason([](ServerConfig &c) { c.workers = 1025; }), "workers must be 1..1024");
    EXPECT_EQ(reason([](ServerConfig &c) { c.latencyMs = -1; }), "latency-ms must be 0..60000");
    EXPECT_EQ(reason([](ServerConfig &c) { c.jitterMs = 60001; }), "jitter-ms must be 0..60000");
    EXPECT_EQ(reason([](ServerConfig &c) { c.errorRate = 1.5; }), "error-rate must be 0..1");
    EXPECT_EQ(reason([](ServerConfig &c) { c.errorRate = std::nan(""); }),
              "error-rate must be 0..1");
    EXPECT_NE(reason([](ServerConfig &c) { c.rateLimitPerSecond = -1; }), "");
    EXPECT_NE(reason([](ServerConfig &c) { c.headerTimeoutMs = 0; }), "");
    EXPECT_NE(reason([](ServerConfig &c) { c.maxConnections = 0; }), "");
    EXPECT_NE(reason([](ServerConfig &c) { c.maxHeaderBytes = 10; }), "");
    EXPECT_NE(reason([](ServerConfig &c) { c.bindAddress = "localhost"; }), "");
    EXPECT_EQ(reason([](ServerConfig &c) { c.bindAddress = "::1"; }), "");
}

TEST(ServerCommandLine, NoArgumentsGiveTheDefaults) {
    const CommandLine line = parse({});
    EXPECT_EQ(line.error, "");
    EXPECT_FALSE(line.help);
    EXPECT_TRUE(line.config == ServerConfig{});
    // The talk's server: gunicorn -w 3 with a one-second handler, on loopback only.
    EXPECT_EQ(line.config.workers, 3);
    EXPECT_EQ(line.config.latencyMs, 1000);
    EXPECT_EQ(line.config.bindAddress, "127.0.0.1");
}

TEST(ServerCommandLine, ReadsEveryFlagInBothSpellings) {
    const CommandLine line =
        parse({"--workers", "7", "--latency-ms=250", "--jitter-ms", "20", "--mode=async", "--port",
               "8080", "--bind", "0.0.0.0", "--error-rate", "0.25", "--rate-limit=9.5",
               "--header-timeout-ms", "300", "--max-connections=50"});
    ASSERT_EQ(line.error, "");
    EXPECT_EQ(line.config.workers, 7);
    EXPECT_EQ(line.config.latencyMs, 250);
    EXPECT_EQ(line.config.jitterMs, 20);
    EXPECT_EQ(line.config.mode, ServerMode::Async);
    EXPECT_EQ(line.config.port, 8080);
    EXPECT_EQ(line.config.bindAddress, "0.0.0.0");
    EXPECT_DOUBLE_EQ(line.config.errorRate, 0.25);
    EXPECT_DOUBLE_EQ(line.config.rateLimitPerSecond, 9.5);
    EXPECT_EQ(line.config.headerTimeoutMs, 300);
    EXPECT_EQ(line.config.maxConnections, 50);
}

TEST(ServerCommandLine, HelpWinsAndDocumentsEveryFlag) {
    EXPECT_TRUE(parse({"--workers", "0", "--help"}).help);
    EXPECT_TRUE(parse({"-h"}).help);
    const std::string help = commandLineHelp();
    for (const char *flag :
         {"--workers", "--latency-ms", "--jitter-ms", "--mode", "--port", "--bind", "--error-rate",
          "--rate-limit", "--header-timeout-ms", "--max-connections", "--help", "?delay="})
        EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

TEST(ServerCommandLine, VersionIsAFlagOfItsOwnAndDocumented) {
    const CommandLine line = parse({"--workers", "0", "--version"});
    EXPECT_TRUE(line.version);
    EXPECT_FALSE(line.help);
    EXPECT_EQ(line.error, "");
    EXPECT_FALSE(parse({"--workers", "2"}).version);
    EXPECT_NE(commandLineHelp().find("--version"), std::string::npos);
}

TEST(ServerCommandLine, BadArgumentsAreExplained) {
    EXPECT_EQ(parse({"--workers", "0"}).error, "workers must be 1..1024");
    EXPECT_EQ(parse({"--workers", "99999999999999999999"}).error, "workers must be 1..1024");
    EXPECT_EQ(parse({"--workers"}).error, "--workers needs a value");
    EXPECT_EQ(parse({"--workers", "three"}).error, "--workers: \"three\" is not a whole number");
    EXPECT_EQ(parse({"--latency-ms", "1.5"}).error, "--latency-ms: \"1.5\" is not a whole number");
    EXPECT_EQ(parse({"--frobnicate"}).error, "unknown option --frobnicate");
    EXPECT_EQ(parse({"stray"}).error, "unexpected argument \"stray\"");
    EXPECT_EQ(parse({"--mode", "fast"}).error, "--mode: \"fast\" must be sync or async");
    EXPECT_NE(parse({"--port", "65536"}).error, "");
    EXPECT_NE(parse({"--port", "-1"}).error, "");
    EXPECT_EQ(parse({"--error-rate", "2"}).error, "error-rate must be 0..1");
    EXPECT_NE(parse({"--error-rate", "nan"}).error, "");
    EXPECT_NE(parse({"--rate-limit", "-3"}).error, "");
    EXPECT_NE(parse({"--bind", "example.org"}).error, "");
}
