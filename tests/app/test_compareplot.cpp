#include "apptestenvironment.h"
#include "compareplot.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::syntheticRun;

TEST(CompareLabel, SaysTheMakespanAndTheSpeedUpAgainstSync) {
    const reqlanes::Run threads = syntheticRun(3, 3, 100); // ~0.102 s
    const QString label = compareLabel(threads, 0.306);
    EXPECT_TRUE(label.contains(QStringLiteral("102 ms"))) << label.toStdString();
    EXPECT_TRUE(label.contains(QStringLiteral("3.00× faster than sync"))) << label.toStdString();
}

TEST(CompareLabel, SyncItselfHasNoSpeedUp) {
    const QString label = compareLabel(syntheticRun(3, 3, 100, true), 0.306);
    EXPECT_FALSE(label.contains(QStringLiteral("×"))) << label.toStdString();
}

TEST(CompareLabel, AFailedRunSaysWhy) {
    reqlanes::Run failed;
    failed.scenario.strategy = QStringLiteral("processes");
    failed.finished = true;
    failed.error = QStringLiteral("worker binary not found");
    EXPECT_TRUE(compareLabel(failed, 1).contains(QStringLiteral("worker binary not found")));
}

TEST(ComparePlot, StacksOneBlockPerRunOnOneTimeAxis) {
    ComparePlot plot;
    plot.resize(1200, 900);
    plot.setRuns({syntheticRun(3, 3, 100, true), syntheticRun(3, 3, 100)}, LaneGrouping::Request);
    ASSERT_EQ(plot.blockCount(), 2);
    EXPECT_TRUE(plot.blockLabel(1).contains(QStringLiteral("faster than sync")));
    EXPECT_GT(plot.spanCount(), 6u);
    plot.replot();
    // Moving one block's time axis moves them all.
    QList<QCPAxisRect *> rects = plot.axisRects();
    ASSERT_EQ(rects.size(), 2);
    rects[1]->axis(QCPAxis::atBottom)->setRange(0.05, 0.1);
    EXPECT_DOUBLE_EQ(rects[0]->axis(QCPAxis::atBottom)->range().lower, 0.05);
}
