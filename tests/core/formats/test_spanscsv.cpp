#include "formats/spanscsv.h"
#include "results/timelinespans.h"
#include "scratchfile.h"
#include "syntheticrun.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

namespace {

QList<QByteArray> lines(const QByteArray &csv) {
    QList<QByteArray> out = csv.split('\n');
    if (!out.isEmpty() && out.back().isEmpty())
        out.pop_back();
    for (QByteArray &line : out)
        if (line.endsWith('\r'))
            line.chop(1);
    return out;
}

} // namespace

TEST(SpansCsv, OneRowPerDrawnSpanWithLaneRowRequestPhaseAndTimes) {
    const reqlanes::Run run = syntheticRun(3, 3, 100, true);
    const QList<QByteArray> rows = lines(runToSpansCsv(run, LaneGrouping::ServerWorker));
    ASSERT_FALSE(rows.isEmpty());
    EXPECT_EQ(rows[0], QByteArray("lane_key,lane_label,row,request_id,phase,start_ms,end_ms"));
    // syntheticRun puts request i on worker i % 3: one server_work span each, 100 ms long.
    ASSERT_EQ(rows.size(), 4);
    EXPECT_EQ(rows[1], QByteArray("worker:0,worker 0,0,0,server_work,1.000,101.000"));
    EXPECT_TRUE(rows[2].startsWith("worker:1,worker 1,0,1,server_work,"));
}

TEST(SpansCsv, WritesExactlyWhatTheTimelineDraws) {
    reqlanes::Run run = syntheticRun(9, 3, 100);
    for (LaneGrouping grouping : {LaneGrouping::Request, LaneGrouping::Thread,
                                  LaneGrouping::Process, LaneGrouping::ServerWorker}) {
        const TimelineSpans spans = buildTimelineSpans(run, grouping);
        const QList<QByteArray> rows = lines(runToSpansCsv(run, grouping));
        EXPECT_EQ(std::size_t(rows.size() - 1), spans.spanCount)
            << laneGroupingName(grouping).toStdString();
    }
}

TEST(SpansCsv, AbandonedWorkAndOutsideTrafficHaveTheirOwnPhases) {
    reqlanes::Run run = syntheticRun(1, 2, 1000);
    run.requests[0].at[int(Phase::FirstByte)] = kUnset;
    run.requests[0].at[int(Phase::Done)] = 500 * kMs;
    run.requests[0].status = RequestStatus::Timeout;
    OutsideRequest outside;
    outside.accepted = outside.started = 0;
    outside.ended = 200 * kMs;
    outside.worker = 1;
    run.outsideRequests.push_back(outside);
    const QByteArray csv = runToSpansCsv(run, LaneGrouping::ServerWorker);
    EXPECT_TRUE(csv.contains("worker:0,worker 0,0,0,abandoned,500.000,1001.000"))
        << csv.constData();
    EXPECT_TRUE(csv.contains("worker:1,worker 1,0,,other_client,0.000,200.000")) << csv.constData();
}

TEST(SpansCsv, WriterRejectsAnUnknownGroupingAndLeavesTheFileAlone) {
    QTemporaryDir dir;
    const QString path =
        reqlanes::testing::writeScratchFile(dir, QStringLiteral("spans.csv"), "keep me");
    ASSERT_FALSE(path.isEmpty());

    QFile existing(path);
    QString error;
    EXPECT_FALSE(writeSpansCsv(syntheticRun(3, 3, 100), QStringLiteral("sideways"), path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("sideways"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("worker"))) << "names the choices";
    ASSERT_TRUE(existing.open(QIODevice::ReadOnly));
    EXPECT_EQ(existing.readAll(), QByteArray("keep me"));
    existing.close();

    EXPECT_TRUE(writeSpansCsv(syntheticRun(3, 3, 100), QStringLiteral("thread"), path, &error))
        << error.toStdString();
    ASSERT_TRUE(existing.open(QIODevice::ReadOnly));
    EXPECT_TRUE(existing.readAll().startsWith("lane_key,"));
}

TEST(SpansCsv, WriterSaysWhyItCannotWrite) {
    QString error;
    EXPECT_FALSE(writeSpansCsv(syntheticRun(1, 1, 100), QStringLiteral("request"),
                               QStringLiteral("/nonexistent-dir/spans.csv"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("/nonexistent-dir/spans.csv")))
        << error.toStdString();
}
