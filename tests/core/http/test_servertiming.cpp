// The W3C Server-Timing reader, one table row per rule of its grammar and processing
// (https://www.w3.org/TR/server-timing/ §3; list syntax RFC 9110 §5.6.1, token §5.6.2,
// quoted-string §5.6.4). queue and app are what reqlanes lays back from the first byte.
#include "http/servertiming.h"

#include <gtest/gtest.h>

#include <ostream>

using namespace reqlanes;

namespace {

struct TimingRow {
    const char *name;
    const char *rule;
    const char *value;
    double queueMs; // -1: no usable queue metric
    double appMs;   // -1: no usable app metric
};

void PrintTo(const TimingRow &row, std::ostream *out) {
    *out << row.name << " (" << row.rule << "): " << row.value;
}

const TimingRow kTimingRows[] = {
    {"QueueAndApp", "W3C §3", "queue;dur=12.5, app;dur=1000", 12.5, 1000},
    {"Empty", "W3C §3", "", -1, -1},
    {"OtherMetricsOnly", "W3C §3", "cache;dur=3, db;dur=4", -1, -1},
    {"FirstDurWins", "W3C §3 (only the first occurrence of a param counts)", "app;dur=300;dur=5",
     -1, 300},
    {"ParamNamesAreCaseInsensitive", "W3C §3, RFC 9110 §5.6.6", "app;DUR=7", -1, 7},
    {"OwsAroundSemicolonsAndEquals", "W3C §3 (OWS \";\" OWS, OWS \"=\" OWS)",
     "queue \t; dur = 2 ,app ;dur= 3", 2, 3},
    {"QuotedDuration", "W3C §3 (value = token / quoted-string)", "app;dur=\"7.5\"", -1, 7.5},
    {"QuotedDescWithCommaAndSemicolon", "RFC 9110 §5.6.4, §5.6.1",
     "app;desc=\"a, b; c\";dur=9, queue;dur=1", 1, 9},
    {"QuotedDescWithEscapes", "RFC 9110 §5.6.4 (quoted-pair)",
     "app;desc=\"say \\\"hi\\\", \\\\ ok\";dur=9", -1, 9},
    {"UnterminatedQuoteSkipsOnlyThatMetric", "RFC 9110 §5.6.4",
     "queue;dur=1, app;desc=\"open;dur=9", 1, -1},
    {"DescBeforeDur", "W3C §3", "app;desc=work;dur=11", -1, 11},
    {"UnknownParamsAreIgnored", "W3C §3 (unrecognised params ignored)", "app;foo=bar;dur=4", -1, 4},
    {"InvalidMetricNameSkippedOthersKept", "W3C §3 (metric-name = token)",
     "bad metric;dur=1, app;dur=2", -1, 2},
    {"ParamWithoutValueIsInvalid", "W3C §3 (param-name OWS \"=\" OWS value)",
     "app;dur, queue;dur=3", 3, -1},
    {"GarbageAfterValueIsInvalid", "W3C §3", "app;dur=5 x, queue;dur=6", 6, -1},
    {"DurNotANumber", "W3C §3", "app;dur=abc", -1, -1},
    {"NegativeDur", "W3C §3 (a duration)", "app;dur=-5", -1, -1},
    {"NanDur", "W3C §3 (found by fuzz_http_response)", ",queue;dur=nan, app;dur=nan", -1, -1},
    {"ExponentDur", "W3C §3 (floating-point number)", "app;dur=1e3", -1, 1000},
    {"EmptyListElements", "RFC 9110 §5.6.1 (empty elements accepted)", ", ,app;dur=1,,", -1, 1},
    {"FirstMetricOfANameWins", "W3C §3 (every entry exposed; reqlanes takes the first)",
     "app;dur=1, app;dur=2", -1, 1},
    {"MetricWithoutParams", "W3C §3", "miss, app;dur=8", -1, 8},
    {"CombinedFieldLines", "RFC 9110 §5.3 (lines joined with \", \")", "queue;dur=100, app;dur=300",
     100, 300},
};

class ServerTimingGrammar : public ::testing::TestWithParam<TimingRow> {};

} // namespace

TEST_P(ServerTimingGrammar, Row) {
    const TimingRow &row = GetParam();
    const ServerTiming timing = parseServerTiming(row.value);
    EXPECT_DOUBLE_EQ(timing.queueMs, row.queueMs);
    EXPECT_DOUBLE_EQ(timing.appMs, row.appMs);
    EXPECT_EQ(timing.valid(), row.appMs >= 0);
}

INSTANTIATE_TEST_SUITE_P(W3c, ServerTimingGrammar, ::testing::ValuesIn(kTimingRows),
                         [](const ::testing::TestParamInfo<TimingRow> &info) {
                             return std::string(info.param.name);
                         });

TEST(ServerTimingMetrics, KeepNamesDescriptionsAndUnescapedValues) {
    const QList<ServerTimingMetric> metrics = parseServerTimingMetrics(
        "miss, db;dur=53;desc=\"read \\\"users\\\"\", cache;desc=hit, bad@name;dur=1");
    ASSERT_EQ(metrics.size(), 3);
    EXPECT_EQ(metrics[0].name, "miss");
    EXPECT_EQ(metrics[0].durMs, -1);
    EXPECT_EQ(metrics[1].name, "db");
    EXPECT_DOUBLE_EQ(metrics[1].durMs, 53);
    EXPECT_EQ(metrics[1].desc, "read \"users\"");
    EXPECT_EQ(metrics[2].name, "cache");
    EXPECT_EQ(metrics[2].desc, "hit");
}
