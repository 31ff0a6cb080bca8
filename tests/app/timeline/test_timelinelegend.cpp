// The legend names what each strategy's requests wait for (StrategyInfo::slot), never "a slot"
// where there is none, and lists only the phases this run shows.
#include "apptestenvironment.h"
#include "i18n/runtext.h"
#include "results/slotwait.h"
#include "run/strategyregistry.h"
#include "syntheticrun.h"
#include "timeline/legendswatch.h"
#include "timeline/timelinelegend.h"

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::kMs;
using reqlanes::testing::syntheticRun;

namespace {

// Nine requests of `strategy`, three at a time, the rest waiting 300 ms and 600 ms in the client
// for whatever the strategy waits for; nothing queues in the server.
reqlanes::Run waitingRun(const QString &strategy) {
    // syntheticRun starts every handler of the w-th three at w × 300 ms + 1 ms: move the client's
    // side there too, so the requests wait in the client instead of in the server's queue.
    reqlanes::Run run = syntheticRun(9, 3, 300);
    run.scenario.strategy = strategy;
    for (RequestRecord &r : run.requests)
        for (int p = int(Phase::Acquired); p <= int(Phase::ServerAccept); ++p)
            r.at[std::size_t(p)] += (r.id / 3) * 300 * kMs;
    return run;
}

QStringList legendTexts(const reqlanes::Run &run) {
    QCustomPlot plot;
    QCPLegend *legend = plot.legend;
    legend->clearItems();
    addLegendEntries(legend,
                     legendContent(buildTimelineSpans(run, LaneGrouping::Request), slotOf(run)),
                     Theme::screen());
    QStringList texts;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const auto *swatch = qobject_cast<const LegendSwatch *>(legend->item(i)))
            texts << swatch->text();
    return texts;
}

} // namespace

TEST(TimelineLegend, NamesTheWaitAfterWhatEachStrategyWaitsFor) {
    const std::map<QString, QString> expected{
        {QStringLiteral("threads"), QStringLiteral("waiting for its thread to start")},
        {QStringLiteral("thread-pool"), QStringLiteral("waiting for a pool thread")},
        {QStringLiteral("async"), QStringLiteral("waiting for the event loop")},
        {QStringLiteral("async-semaphore"), QStringLiteral("waiting for the semaphore")},
        {QStringLiteral("coroutines"), QStringLiteral("waiting for the semaphore")},
        {QStringLiteral("processes"), QStringLiteral("waiting for a worker process")},
        {QStringLiteral("qnam"), QStringLiteral("waiting for a connection")},
    };
    for (const auto &[strategy, words] : expected) {
        const QStringList texts = legendTexts(waitingRun(strategy));
        const std::string listed = strategy.toStdString() + ": " + texts.join(u", ").toStdString();
        EXPECT_TRUE(texts.contains(words)) << listed;
        EXPECT_FALSE(texts.contains(QStringLiteral("waiting for a slot"))) << listed;
        EXPECT_EQ(texts.count(spanKindText(SpanKind::ServerWork)), 1) << listed;
        EXPECT_FALSE(texts.contains(spanKindText(SpanKind::Queued)))
            << listed << ": nothing queued, so no queue colour";
    }
}

TEST(TimelineLegend, EveryRegisteredStrategyThatWaitsHasAWaitOfItsOwnName) {
    for (const StrategyInfo &info : StrategyRegistry::instance().strategies()) {
        if (info.slot == StrategyInfo::Slot::None)
            continue; // creates each request only when it can go out: no wait to name
        EXPECT_NE(slotWaitLabel(info.slot), spanKindLabel(SpanKind::Waiting))
            << info.id.toStdString();
    }
}

TEST(TimelineLegend, ARunWithoutWaitsListsNoWait) {
    const QStringList texts = legendTexts(syntheticRun(9, 3, 300, true)); // sync, one at a time
    for (const QString &text : texts)
        EXPECT_FALSE(text.startsWith(QStringLiteral("waiting"))) << text.toStdString();
    EXPECT_TRUE(texts.contains(spanKindText(SpanKind::ServerWork)));
}

TEST(TimelineLegend, AComparisonNamesEachWaitItShows) {
    LegendContent content = legendContent(
        buildTimelineSpans(waitingRun(QStringLiteral("thread-pool")), LaneGrouping::Request),
        StrategyInfo::Slot::PoolThread);
    content |= legendContent(
        buildTimelineSpans(waitingRun(QStringLiteral("async-semaphore")), LaneGrouping::Request),
        StrategyInfo::Slot::Semaphore);
    QCustomPlot plot;
    plot.legend->clearItems();
    addLegendEntries(plot.legend, content, Theme::screen());
    QStringList texts;
    for (int i = 0; i < plot.legend->itemCount(); ++i)
        texts << qobject_cast<const LegendSwatch *>(plot.legend->item(i))->text();
    EXPECT_TRUE(texts.contains(QStringLiteral("waiting for a pool thread")));
    EXPECT_TRUE(texts.contains(QStringLiteral("waiting for the semaphore")));
}
