#include "apptestenvironment.h"
#include "compare/compareplot.h"
#include "compare/compareview.h"
#include "export/slideexporter.h"
#include "i18n/language.h"
#include "i18n/runtext.h"
#include "lanelabelchecks.h"
#include "mainwindow.h"
#include "results/timelinespans.h"
#include "run/runner.h"
#include "syntheticrun.h"
#include "timeline/legendswatch.h"

#include <QSignalSpy>
#include <QTabWidget>

#include <gtest/gtest.h>

#include <cstdio>

using namespace reqlanes;
using reqlanes::testing::syntheticRun;

TEST(CompareLabel, SaysTheMakespanAndTheSpeedUpAgainstSync) {
    const reqlanes::Run threads = syntheticRun(3, 3, 100); // ~0.102 s
    const QString label = compareLabel(threads, 0.306);
    EXPECT_TRUE(label.contains(QStringLiteral("102 ms"))) << label.toStdString();
    EXPECT_TRUE(label.contains(QStringLiteral("3.0× faster than sync"))) << label.toStdString();
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

TEST(CompareLabel, ARefusedRunSaysItDidNotStart) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("threads");
    const QString label = compareLabel(refusedRun(scenario, QStringLiteral("too many files")), 1);
    EXPECT_TRUE(label.endsWith(QStringLiteral(": not started (too many files)")))
        << label.toStdString();
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
            if (auto *blocks = qobject_cast<QCPLayoutGrid *>(element)) {
                // label | lanes: each label's text at the top of its block's row.
                for (int block = 0; block < blocks->rowCount(); ++block) {
                    const QCPLayoutElement *label = blocks->element(block, 0);
                    const QSize wanted = label->minimumOuterSizeHint();
                    const QRect text(label->outerRect().topLeft(), wanted);
                    EXPECT_TRUE(bounds.contains(text)) << "block " << block;
                    EXPECT_GE(label->outerRect().width(), wanted.width()) << "block " << block;
                    EXPECT_LT(label->outerRect().width(), size.width() / 2) << "block " << block;
                }
            } else if (!qobject_cast<QCPAxisRect *>(element)) { // lanes may shrink; text may not
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

TEST(ComparePlot, EightStrategiesOnA720pSlideHaveReadableLanesAndNoCollidingLabels) {
    for (const QSize size : {SlideExporter::kHd, SlideExporter::kFullHd}) {
        SCOPED_TRACE(QStringLiteral("%1x%2").arg(size.width()).arg(size.height()).toStdString());
        ComparePlot plot;
        plot.setTheme(SlideExporter::exportTheme(size));
        plot.setRuns(eightStrategies(), LaneGrouping::Request);
        plot.layoutFor(size);
        SlideExporter::renderImage(&plot, size); // lays the plot out at that size
        EXPECT_GE(plot.thinnestLanePx(), ComparePlot::kMinLanePx);
        std::printf("compare %dx%d: thinnest lane %.1f px, packed %d\n", size.width(),
                    size.height(), plot.thinnestLanePx(), int(plot.packedLanes()));
        // Every lane label inside its block; every block label beside its own lanes only.
        const QList<QCPAxisRect *> rects = plot.axisRects();
        ASSERT_EQ(rects.size(), 8);
        QRect allLaneLabels; // the lane labels' margin column and the lanes
        for (QCPAxisRect *rect : rects) {
            EXPECT_TRUE(reqlanes::testing::laneLabelsInside(rect->axis(QCPAxis::atLeft)));
            allLaneLabels |= rect->outerRect();
        }
        for (int block = 0; block < plot.blockCount(); ++block) {
            const QRect label = plot.blockLabelRect(block);
            EXPECT_FALSE(label.intersects(allLaneLabels)) << "block " << block;
            for (int other = block + 1; other < plot.blockCount(); ++other)
                EXPECT_FALSE(label.intersects(plot.blockLabelRect(other))) << block << "/" << other;
        }
    }
}

TEST(ComparePlot, ABlockLabelsEveryLaneOrNone) {
    // Eight blocks of nine request lanes on a 720-pixel slide: no room for nine labels a block,
    // and a lone "request 5" beside a block reads as the block's name.
    ComparePlot plot;
    plot.setTheme(SlideExporter::exportTheme(SlideExporter::kHd));
    plot.setRuns(eightStrategies(), LaneGrouping::Request);
    plot.layoutFor(SlideExporter::kHd);
    SlideExporter::renderImage(&plot, SlideExporter::kHd);
    for (QCPAxisRect *rect : plot.axisRects()) {
        const QCPAxis *lanes = rect->axis(QCPAxis::atLeft);
        const auto labelled = lanes->tickVector().size();
        EXPECT_TRUE(labelled == 0 || labelled == qsizetype(lanes->range().size()))
            << labelled << " labels for " << lanes->range().size() << " lanes";
    }

    // Three thread lanes a block fit their labels: every one is named.
    ComparePlot threads;
    threads.setTheme(SlideExporter::exportTheme(SlideExporter::kFullHd));
    threads.setRuns({syntheticRun(3, 3, 300), syntheticRun(3, 3, 300)}, LaneGrouping::Thread);
    threads.layoutFor(SlideExporter::kFullHd);
    SlideExporter::renderImage(&threads, SlideExporter::kFullHd);
    for (QCPAxisRect *rect : threads.axisRects())
        EXPECT_EQ(rect->axis(QCPAxis::atLeft)->tickVector().size(), 3);
}

TEST(ComparePlot, TheLegendListsThePhasesSomeBlockShows) {
    // Synthetic runs have 0.5 ms connects and receives: slivers on a 2.7 s axis, not listed.
    ComparePlot plot;
    plot.setRuns(eightStrategies(), LaneGrouping::Request);
    QStringList texts;
    for (QCPLayoutElement *element : plot.plotLayout()->elements(false))
        if (auto *legend = qobject_cast<QCPLegend *>(element))
            for (int i = 0; i < legend->itemCount(); ++i)
                if (const auto *swatch = qobject_cast<const LegendSwatch *>(legend->item(i)))
                    texts << swatch->text();
    const std::string listed = texts.join(u", ").toStdString();
    EXPECT_TRUE(texts.contains(spanKindText(SpanKind::ServerWork))) << listed;
    EXPECT_TRUE(texts.contains(spanKindText(SpanKind::Queued))) << listed;
    for (SpanKind hidden : {SpanKind::Connecting, SpanKind::Receiving, SpanKind::StartUp})
        EXPECT_FALSE(texts.contains(spanKindText(hidden))) << listed;
}

TEST(ComparePlot, PacksRequestLanesOnlyWhenTheyWouldBeTooThin) {
    ComparePlot plot;
    plot.setTheme(SlideExporter::exportTheme(SlideExporter::kHd));
    // 240 request lanes do not fit 720 px; one after another, each block packs onto one row.
    plot.setRuns(std::vector<reqlanes::Run>(8, syntheticRun(30, 3, 100, true)),
                 LaneGrouping::Request);
    plot.layoutFor(SlideExporter::kHd);
    EXPECT_TRUE(plot.packedLanes());
    EXPECT_TRUE(plot.title().contains(QStringLiteral("share rows")));
    SlideExporter::renderImage(&plot, SlideExporter::kHd);
    EXPECT_GE(plot.thinnestLanePx(), ComparePlot::kMinLanePx);
    // Eight strategies of nine requests fit without packing.
    plot.setRuns(eightStrategies(), LaneGrouping::Request);
    plot.layoutFor(SlideExporter::kHd);
    EXPECT_FALSE(plot.packedLanes());
    plot.setRuns({syntheticRun(3, 3, 100, true), syntheticRun(3, 3, 100)}, LaneGrouping::Request);
    plot.layoutFor(SlideExporter::kHd);
    EXPECT_FALSE(plot.packedLanes());
    EXPECT_FALSE(plot.title().contains(QStringLiteral("share rows")));
}

TEST(PackRequestLanes, ReusesARowOnceItsRequestHasEnded) {
    // sync: one after another -> one row; threads against 3 workers: all at once -> nine rows.
    TimelineSpans sync = buildTimelineSpans(syntheticRun(9, 3, 100, true), LaneGrouping::Request);
    const std::size_t spans = sync.spanCount;
    packRequestLanes(sync);
    EXPECT_EQ(sync.laneCount(), 1);
    EXPECT_EQ(sync.rowCount(), 1);
    EXPECT_EQ(sync.rows[0].bars.size(), 9u);
    EXPECT_EQ(sync.spanCount, spans);
    for (std::size_t i = 1; i < sync.rows[0].bars.size(); ++i)
        EXPECT_GE(sync.rows[0].bars[i].start, sync.rows[0].bars[i - 1].end);
    TimelineSpans threads = buildTimelineSpans(syntheticRun(9, 3, 100), LaneGrouping::Request);
    packRequestLanes(threads);
    EXPECT_EQ(threads.laneCount(), 9);
}

TEST(ComparePlot, WithoutSyncTheFirstStrategyIsTheBaseline) {
    ComparePlot plot;
    reqlanes::Run slow = syntheticRun(3, 1, 100); // one worker: ~0.3 s
    reqlanes::Run fast = syntheticRun(3, 3, 100); // ~0.1 s
    fast.scenario.strategy = QStringLiteral("async");
    plot.setRuns({slow, fast}, LaneGrouping::Request);
    EXPECT_FALSE(plot.blockLabel(0).contains(QStringLiteral("×")));
    EXPECT_TRUE(plot.blockLabel(1).contains(QStringLiteral("faster than threads")))
        << plot.blockLabel(1).toStdString();
}

namespace {

// A watch session as WatchRecorder finishes it: its requests on connections of client processes.
reqlanes::Run watchSession(int number, const std::vector<std::pair<int, QString>> &clients) {
    reqlanes::Run run = syntheticRun(int(clients.size()), 3, 100);
    run.scenario.strategy = QStringLiteral("watch");
    run.strategyName = QStringLiteral("watch session %1").arg(number);
    run.origins.clear();
    for (std::size_t i = 0; i < clients.size(); ++i) {
        ClientConnection connection;
        connection.processId = clients[i].first;
        connection.command = clients[i].second;
        run.connections.push_back(connection);
        RequestOrigin origin;
        origin.connection = int(i);
        run.origins.push_back(origin);
    }
    return run;
}

} // namespace

TEST(ComparePlot, SessionsAreComparedAsSessionsEachNamedAfterItsClient) {
    ComparePlot plot;
    plot.resize(1200, 900);
    plot.setRuns({watchSession(1, {{5077, QStringLiteral("python3 /home/me/sequential.py 8000")}}),
                  watchSession(2, {{5080, QStringLiteral("/usr/bin/python3 threads.py")},
                                   {5081, QStringLiteral("curl -s http://localhost:8000/")}})},
                 LaneGrouping::Request);
    plot.layoutFor(plot.size());
    EXPECT_EQ(plot.title(), QStringLiteral("Compare sessions"));
    EXPECT_FALSE(plot.caption().contains(QStringLiteral("limit"))) << plot.caption().toStdString();
    ASSERT_EQ(plot.blockCount(), 2);
    EXPECT_TRUE(
        plot.blockLabel(0).startsWith(QStringLiteral("Session 1 — sequential.py (pid 5077)\n")))
        << plot.blockLabel(0).toStdString();
    EXPECT_TRUE(plot.blockLabel(1).startsWith(
        QStringLiteral("Session 2 — threads.py (pid 5080), curl (pid 5081)\n")))
        << plot.blockLabel(1).toStdString();
    // Sessions of other programs are not a race against sync.
    EXPECT_FALSE(plot.blockLabel(1).contains(QStringLiteral("×")));
}

TEST(ComparePlot, StrategiesAreStillComparedAsStrategies) {
    ComparePlot plot;
    plot.resize(1200, 900);
    plot.setRuns({syntheticRun(3, 3, 100, true), syntheticRun(3, 3, 100)}, LaneGrouping::Request);
    plot.layoutFor(plot.size());
    EXPECT_EQ(plot.title(), QStringLiteral("Compare strategies"));
}

TEST(DescribeRequest, AWatchedRequestIsNamedByItsXRequestIdWithItsClientsWholeCommandLine) {
    reqlanes::Run run =
        watchSession(1, {{5077, QStringLiteral("python3 /home/me/sequential.py 8000")}});
    run.origins[0].requestId = QStringLiteral("seq-0");
    run.origins[0].target = QStringLiteral("GET /");
    const QString text = describeRequest(run, 0);
    EXPECT_TRUE(text.startsWith(QStringLiteral("<b>seq-0</b>"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("pid 5077: python3 /home/me/sequential.py 8000")))
        << text.toStdString();
    EXPECT_TRUE(
        describeRequest(syntheticRun(3, 3, 100), 1).startsWith(QStringLiteral("<b>request 1</b>")));
}

namespace {

// Sync and seven concurrent strategies of `n` requests each, as Compare runs them.
std::vector<reqlanes::Run> eightStrategiesOf(int n) {
    std::vector<reqlanes::Run> runs{syntheticRun(n, 3, 200, true)};
    for (int i = 0; i < 7; ++i)
        runs.push_back(syntheticRun(n, 3, 200));
    return runs;
}

// Every label the comparison draws, its lane labels and its block labels: none overlaps another,
// each lane label lies inside its block's lanes (vertically) and its margin (horizontally), and
// each block label's text fits its cell. Returns how many lane labels were drawn.
int expectLabelsApart(ComparePlot &plot) {
    std::vector<QRectF> labels;
    int laneLabels = 0;
    for (QCPAxisRect *rect : plot.axisRects()) {
        QCPAxis *lanes = rect->axis(QCPAxis::atLeft);
        EXPECT_TRUE(reqlanes::testing::laneLabelsInside(lanes));
        for (const QRectF &label : reqlanes::testing::laneLabelRects(lanes)) {
            EXPECT_GE(label.left(), rect->outerRect().left()) << "lane label wider than its margin";
            labels.push_back(label);
            ++laneLabels;
        }
    }
    for (int block = 0; block < plot.blockCount(); ++block) {
        const QRect cell = plot.blockLabelRect(block);
        const QSize text = plot.blockLabelTextSize(block);
        EXPECT_GE(cell.width(), text.width()) << "block " << block;
        EXPECT_GE(cell.height(), text.height()) << "block " << block;
        labels.emplace_back(QRectF(cell.topLeft(), text));
    }
    for (std::size_t a = 0; a < labels.size(); ++a)
        for (std::size_t b = a + 1; b < labels.size(); ++b)
            EXPECT_FALSE(labels[a].intersects(labels[b]))
                << "labels " << a << " and " << b << " overlap at y " << labels[a].top() << ".."
                << labels[a].bottom() << " / " << labels[b].top() << ".." << labels[b].bottom();
    return laneLabels;
}

} // namespace

TEST(ComparePlot, InTheWindowLaneLabelsNeverOverlapOnCommonScreens) {
    for (const char *language : {"en", "ja"}) {
        AppLanguage installed;
        ASSERT_TRUE(installed.install(QString::fromLatin1(language), nullptr));
        for (const QSize screen :
             {QSize(1024, 768), QSize(1280, 720), QSize(1280, 1024), QSize(1920, 1080)}) {
            MainWindow window;
            window.resize(screen);
            window.show();
            auto *tabs = window.findChild<QTabWidget *>();
            ASSERT_TRUE(tabs);
            tabs->setCurrentWidget(window.compareView());
            QCoreApplication::processEvents();
            for (const int n : {3, 10, 30, 100}) {
                SCOPED_TRACE(QStringLiteral("%1 %2x%3, N %4")
                                 .arg(QString::fromLatin1(language))
                                 .arg(screen.width())
                                 .arg(screen.height())
                                 .arg(n)
                                 .toStdString());
                ComparePlot &plot = *window.compareView()->plot();
                QSignalSpy drawn(&plot, &QCustomPlot::afterReplot);
                window.compareView()->showRuns(eightStrategiesOf(n)); // as "Compare sessions" does
                ASSERT_TRUE(drawn.wait(5000));
                const int laneLabels = expectLabelsApart(plot);
                std::printf("window %s %dx%d, plot %dx%d, N %d: %d lane labels, thinnest lane "
                            "%.1f px\n",
                            language, screen.width(), screen.height(), plot.width(), plot.height(),
                            n, laneLabels, plot.thinnestLanePx());
                // Three thread-free request lanes a block have room for their names somewhere.
                if (n == 3 && screen.height() >= 1024) {
                    EXPECT_GT(laneLabels, 0);
                }
            }
        }
    }
}

// Compare all at N=10,000: the strategies the descriptor limit refused say why in a reason
// longer than the window is wide. It wraps within a third of the plot (the lanes keep the rest),
// and at most four lines of it show.
TEST(ComparePlot, ARefusedRunsLongReasonWrapsAndLeavesTheLanesTheirWidth) {
    const QString reason = QStringLiteral(
        "N=10000 with threads needs ~20064 open files (a client and a server socket per request), "
        "the hard limit is 20000; raise it with ulimit -Hn (or in /etc/security/limits.conf), or "
        "run fewer requests at once");
    std::vector<reqlanes::Run> runs = eightStrategies();
    runs[1] = refusedRun(runs[1].scenario, reason);
    for (const QSize size : {QSize(1024, 768), QSize(1280, 720), QSize(1920, 1080)}) {
        SCOPED_TRACE(QStringLiteral("%1x%2").arg(size.width()).arg(size.height()).toStdString());
        ComparePlot plot;
        plot.setRuns(runs, LaneGrouping::Request);
        plot.layoutFor(size);
        plot.toPixmap(size.width(), size.height());
        for (int block = 0; block < plot.blockCount(); ++block) {
            const QRect label = plot.blockLabelRect(block);
            EXPECT_LE(plot.blockLabelTextSize(block).width(), label.width()) << "block " << block;
            EXPECT_LE(label.width(), size.width() / 3 + 16) << "block " << block;
        }
        // Its title, its outcome and the start of the reason; the rest would push the blocks
        // below off a 768-pixel screen.
        const QString shown = plot.blockLabel(1);
        EXPECT_LE(shown.count(QLatin1Char('\n')), 3) << shown.toStdString();
        EXPECT_TRUE(QString(shown)
                        .replace(QLatin1Char('\n'), QLatin1Char(' '))
                        .contains(QStringLiteral("not started (N=10000 with threads needs")))
            << shown.toStdString();
    }
}
