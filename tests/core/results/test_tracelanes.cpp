// Lanes by service, by host and by trace for runs read from OpenTelemetry traces, offered for
// traced runs and watch sessions, never for strategy runs.
#include "results/tracelanes.h"

#include "formats/otlprun.h"
#include "results/lanegroupings.h"
#include "results/timelinespans.h"

#include <QFile>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

reqlanes::Run collectorRun() {
    QFile file(QStringLiteral(REQLANES_TEST_DATA_DIR "/otlp/collector-file-exporter.jsonl"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    QString error;
    return runFromOtlpJson(file.readAll(), &error).value_or(reqlanes::Run{});
}

} // namespace

TEST(TraceLanes, ByServiceOneLanePerServiceInOrderOfFirstRequest) {
    const reqlanes::Run run = collectorRun();
    const LaneLayout layout = layoutByService(run);
    EXPECT_EQ(layout.meaning, LaneMeaning::ClientExecutor);
    EXPECT_EQ(layout.labels,
              (std::vector<QString>{QStringLiteral("frontend"), QStringLiteral("checkout"),
                                    QStringLiteral("payments")}));
    EXPECT_EQ(layout.keys[0], QStringLiteral("service:frontend"));
    for (std::size_t i = 0; i < run.requests.size(); ++i)
        EXPECT_EQ(layout.labels[std::size_t(layout.laneOfRequest[i])], run.spans[i].service);
    // The frontend's calls overlap: its lane stacks them, with server work drawn inside.
    const TimelineSpans spans = buildTimelineSpans(run, layout);
    EXPECT_TRUE(spans.lanes[0].stacked);
}

TEST(TraceLanes, ByHostAndByTraceNameTheServerCalledAndTheTrace) {
    const reqlanes::Run run = collectorRun();
    const LaneLayout hosts = layoutBySpanHost(run);
    EXPECT_EQ(hosts.labels, (std::vector<QString>{
                                QStringLiteral("checkout:8080"), QStringLiteral("payments:9000"),
                                QStringLiteral("catalog:8081"), QStringLiteral("payments-7d9f")}));
    const LaneLayout traces = layoutByTrace(run);
    EXPECT_EQ(traces.laneCount(), 8); // 3 orders, 4 catalog pages, 1 untraced client's call
    EXPECT_TRUE(traces.labels[0].startsWith(QStringLiteral("trace ")));
    EXPECT_EQ(traces.keys[0], QStringLiteral("trace:") + run.spans[0].traceId);
}

TEST(TraceLanes, RequestsNoSpanDescribedShareTheUnknownLane) {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("watch");
    for (int i = 0; i < 2; ++i) {
        RequestRecord record;
        record.id = i;
        record.at[int(Phase::Created)] = i;
        run.requests.push_back(record);
    }
    run.spans.resize(2);
    run.spans[1].service = QStringLiteral("web");
    run.spans[1].traceId = QStringLiteral("5b8efff798038103d269b633813fc60c");
    EXPECT_EQ(layoutByService(run).labels,
              (std::vector<QString>{QStringLiteral("unknown service"), QStringLiteral("web")}));
    EXPECT_EQ(layoutByTrace(run).keys[0], QStringLiteral("trace:"));
    EXPECT_EQ(layoutBySpanHost(run).labels, (std::vector<QString>{QStringLiteral("unknown host")}));
}

TEST(TraceLanes, TracedRunsAreOfferedServiceHostAndTraceButNoExecutorsOfOurs) {
    const auto ids = [](RunKind kind) {
        QStringList result;
        for (const LaneGrouping grouping : laneGroupingsFor(kind))
            result << laneGroupingName(grouping);
        return result;
    };
    EXPECT_EQ(ids(RunKind::TracedRun),
              (QStringList{QStringLiteral("request"), QStringLiteral("service"),
                           QStringLiteral("host"), QStringLiteral("trace")}));
    EXPECT_FALSE(ids(RunKind::StrategyRun).contains(QStringLiteral("service")));
    EXPECT_TRUE(ids(RunKind::WatchSession).contains(QStringLiteral("service")));
}
