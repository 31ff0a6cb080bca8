#include "apptestenvironment.h"
#include "syntheticrun.h"
#include "timeline/statspanel.h"

#include <QLayout>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::syntheticRun;

TEST(StatsPanel, LongValuesWrapInsteadOfWideningTheWindow) {
    // Every request of a 9-request run timed out, and the server worked on for all of them: the
    // makespan and outcome values are long sentences. Before, the panel asked for 1,375 px and
    // the window grew past a 1600-pixel screen when the run ended.
    reqlanes::Run run = syntheticRun(9, 3, 300);
    for (RequestRecord &record : run.requests) {
        record.status = RequestStatus::Timeout;
        record.httpStatus = 0;
        record.error = QStringLiteral("timed out after 500 ms while waiting for the response");
        record.at[int(Phase::Done)] = record.at[int(Phase::ServerStart)] + 1'000'000;
        record.at[int(Phase::FirstByte)] = kUnset;
    }
    StatsPanel panel;
    const int before = panel.minimumSizeHint().width();
    panel.setRun(run);
    EXPECT_TRUE(panel.valueText(QStringLiteral("makespan")).contains(QStringLiteral("timed out")))
        << "the whole text is still there";
    EXPECT_TRUE(panel.valueText(QStringLiteral("outcome")).contains(QStringLiteral("abandoned")));
    EXPECT_LE(panel.minimumSizeHint().width(), std::max(before, 600))
        << "a run's numbers never make the panel wider";
    panel.resize(700, 200);
    panel.show();
    EXPECT_LE(panel.layout()->minimumSize().width(), 700);
}

TEST(StatsPanel, TheIdealSaysWhyThereIsNoneInEachCase) {
    StatsPanel panel;
    reqlanes::Run run = syntheticRun(9, 3, 300);
    panel.setRun(run);
    EXPECT_EQ(panel.valueText(QStringLiteral("ideal")), QStringLiteral("900 ms"));
    const QString explanation = panel.valueToolTip(QStringLiteral("ideal"));

    run.scenario.server.latencyMs = 0;
    panel.setRun(run);
    EXPECT_EQ(panel.valueText(QStringLiteral("ideal")),
              QStringLiteral("0 ms (latency 0: not meaningful)"));
    EXPECT_FALSE(panel.valueText(QStringLiteral("makespan")).contains(QStringLiteral("ideal")))
        << "no ratio to an ideal of 0";

    run.scenario.server.latencyMs = 300;
    run.scenario.strategy = QStringLiteral("watch");
    panel.setRun(run);
    EXPECT_EQ(panel.valueText(QStringLiteral("ideal")),
              QStringLiteral("not applicable for a watch session"));
    EXPECT_NE(panel.valueToolTip(QStringLiteral("ideal")), explanation) << "the tooltip says why";

    run.scenario.strategy = QStringLiteral("threads");
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    panel.setRun(run);
    EXPECT_EQ(panel.valueText(QStringLiteral("ideal")),
              QStringLiteral("unknown (external target)"));

    run.scenario.targetUrl.clear();
    panel.setRun(run);
    EXPECT_EQ(panel.valueToolTip(QStringLiteral("ideal")), explanation)
        << "a computed ideal gets its formula back as the tooltip";
}

TEST(StatsPanel, LatencyIsNotMeasuredWhenNothingSucceeded) {
    reqlanes::Run run = syntheticRun(9, 3, 300);
    for (RequestRecord &record : run.requests) {
        record.status = RequestStatus::HttpError;
        record.httpStatus = 503;
    }
    StatsPanel panel;
    panel.setRun(run);
    EXPECT_EQ(panel.valueText(QStringLiteral("latency")), QStringLiteral("not measured"))
        << "never \"0.0 ms / 0.0 ms\"";
    EXPECT_TRUE(
        panel.valueToolTip(QStringLiteral("latency")).contains(QStringLiteral("succeeded")));
    EXPECT_NE(panel.valueText(QStringLiteral("queue")), QStringLiteral("not measured"))
        << "the server did report its queue";
}

TEST(StatsPanel, AWatchSessionCountsItsRequestsAndHasNoSlotWait) {
    reqlanes::Run run = syntheticRun(300, 100, 200);
    run.scenario.strategy = QStringLiteral("watch");
    for (RequestRecord &record : run.requests) {
        record.at[int(Phase::Acquired)] = kUnset;
        record.threadId = 0;
    }
    StatsPanel panel;
    panel.setRun(run);
    EXPECT_TRUE(panel.valueText(QStringLiteral("outcome"))
                    .startsWith(QStringLiteral("300 requests: 300 ok")))
        << panel.valueText(QStringLiteral("outcome")).toStdString();
    EXPECT_FALSE(panel.valueText(QStringLiteral("outcome")).contains(QStringLiteral("cancelled")));
    EXPECT_EQ(panel.valueText(QStringLiteral("wait")), QStringLiteral("not measured"));
    EXPECT_TRUE(panel.valueToolTip(QStringLiteral("wait")).contains(QStringLiteral("server")));
    EXPECT_EQ(panel.valueText(QStringLiteral("placement")), QStringLiteral("1 process"))
        << "no \"0 threads\": the server cannot see the client's threads";
}
