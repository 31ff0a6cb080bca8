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

namespace {

// What `reqlanes --compare` stacks: sync and seven concurrent strategies, nine requests each.
std::vector<reqlanes::Run> eightStrategies() {
    std::vector<reqlanes::Run> runs{syntheticRun(9, 3, 300, true)};
    for (int i = 0; i < 7; ++i) {
        runs.push_back(syntheticRun(9, 3, 300));
        runs.back().strategyName = QStringLiteral("Async + semaphore");
        runs.back().scenario.strategy = QStringLiteral("async-semaphore");
    }
    return runs;
}

// Whether `element` got at least the room it asks for, inside `bounds`: a squeezed text row or
// legend entry is drawn cut off.
::testing::AssertionResult fits(const QCPLayoutElement *element, const QRect &bounds) {
    const QRect rect = element->outerRect();
    const QSize wanted = element->minimumOuterSizeHint();
    if (!bounds.contains(rect))
        return ::testing::AssertionFailure()
               << element->metaObject()->className() << " at " << rect.x() << "," << rect.y() << " "
               << rect.width() << "x" << rect.height() << " is outside the plot";
    if (rect.height() < wanted.height() || rect.width() < wanted.width())
        return ::testing::AssertionFailure()
               << element->metaObject()->className() << " got " << rect.width() << "x"
               << rect.height() << ", needs " << wanted.width() << "x" << wanted.height();
    return ::testing::AssertionSuccess();
}

} // namespace

TEST(ComparePlot, TitleLegendAndLabelsFitTheCommonSlideSizes) {
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080), QSize(1280, 1080)}) {
        SCOPED_TRACE(QStringLiteral("%1x%2").arg(size.width()).arg(size.height()).toStdString());
        ComparePlot plot;
        plot.setTheme(Theme::slides());
        plot.setRuns(eightStrategies(), LaneGrouping::Request);
        plot.layoutFor(size);
        plot.toPixmap(size.width(), size.height()); // lays the plot out at that size
        const QRect bounds(QPoint(0, 0), size);
        QCPLegend *legend = nullptr;
        for (int row = 0; row < plot.plotLayout()->rowCount(); ++row) {
            QCPLayoutElement *element = plot.plotLayout()->element(row, 0);
            if (!qobject_cast<QCPAxisRect *>(element)) { // lanes may shrink; text may not
                EXPECT_TRUE(fits(element, bounds)) << "row " << row;
            }
            if (auto *found = qobject_cast<QCPLegend *>(element))
                legend = found;
        }
        ASSERT_TRUE(legend);
        EXPECT_LE(legend->rowCount(), 2) << "seven phases wrap into two rows at most";
        for (int i = 0; i < legend->itemCount(); ++i) {
            if (const QCPAbstractLegendItem *item = legend->item(i)) { // a wrapped grid has gaps
                EXPECT_TRUE(fits(item, bounds)) << "legend entry " << i;
            }
        }
    }
}

TEST(ComparePlot, SettingsLineWrapsInANarrowWindow) {
    ComparePlot plot;
    plot.resize(1200, 700);
    plot.setRuns({syntheticRun(3, 3, 100, true), syntheticRun(3, 3, 100)}, LaneGrouping::Request);
    EXPECT_TRUE(plot.caption().startsWith(QStringLiteral("N 3"))) << plot.caption().toStdString();
    EXPECT_FALSE(plot.caption().contains(QLatin1Char('\n')));
    plot.resize(160, 700);
    plot.layoutFor(plot.size());
    EXPECT_TRUE(plot.caption().contains(QLatin1Char('\n'))) << plot.caption().toStdString();
}
