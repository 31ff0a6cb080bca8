#include "statspanel.h"

#include "results/runstats.h"
#include "runtext.h"

#include <QGridLayout>
#include <QLabel>

namespace reqlanes {

namespace {

struct Row {
    const char *key;
    const char *label;
    const char *tip;
};
constexpr Row kRows[] = {
    {"makespan", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Makespan"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "First request created to last one done")},
    {"ideal", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Ideal"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel",
                       "ceil(N / min(workers, client concurrency)) × latency")},
    {"throughput", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Throughput"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Successful requests per second of makespan")},
    {"latency", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Latency p50 / p95"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Created to done, successful requests")},
    {"peak", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Peak in flight"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Most requests on the wire at once (client side)")},
    {"wait", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Mean slot wait"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel",
                       "Time spent waiting for a semaphore, pool thread or process")},
    {"queue", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Mean server queue"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel",
                       "Time spent accepted by the server but not yet served")},
    {"outcome", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Outcome"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Succeeded / failed / cancelled")},
    {"placement", QT_TRANSLATE_NOOP("reqlanes::StatsPanel", "Ran on"),
     QT_TRANSLATE_NOOP("reqlanes::StatsPanel",
                       "Distinct OS threads and processes that ran requests")},
};

} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent) {
    // Three label/value pairs per row: the panel sits under the timeline, short and wide.
    constexpr int kPairsPerRow = 3;
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(6, 2, 6, 2);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(2);
    int index = 0;
    for (const Row &row : kRows) {
        auto *value = new QLabel(this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // A failed run's outcome ("9 of 9 failed: timed out after 500 ms while waiting for the
        // response") must wrap, not widen the window past the screen: the values take the width
        // the window has and grow downwards.
        value->setWordWrap(true);
        value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        auto *label = new QLabel(tr("%1:").arg(tr(row.label)), this);
        label->setToolTip(tr(row.tip));
        value->setToolTip(tr(row.tip));
        const int gridRow = index / kPairsPerRow, column = 2 * (index % kPairsPerRow);
        grid->addWidget(label, gridRow, column);
        grid->addWidget(value, gridRow, column + 1);
        grid->setColumnStretch(column + 1, 1);
        m_values[QString::fromLatin1(row.key)] = value;
        ++index;
    }
    clear();
}

void StatsPanel::set(const QString &key, const QString &text) {
    m_values.at(key)->setText(text);
}

QString StatsPanel::valueText(const QString &key) const {
    const auto it = m_values.find(key);
    return it == m_values.end() ? QString() : it->second->text();
}

void StatsPanel::clear() {
    for (auto &[key, label] : m_values)
        label->setText(QStringLiteral("–"));
}

void StatsPanel::setRun(const Run &run) {
    const RunStats stats = computeStats(run);
    QString makespan = formatSeconds(stats.makespanS);
    // A stopped or failed run did not do the work the ideal assumes: say how it ended instead.
    if (stats.complete && stats.idealS > 0 && stats.makespanS > 0)
        makespan += tr("  (%1× ideal)").arg(stats.makespanS / stats.idealS, 0, 'f', 2);
    else if (run.finished && !stats.complete)
        makespan += tr("  (%1)").arg(stats.outcome.words);
    if (!run.finished)
        makespan = tr("running… %1").arg(formatSeconds(nanosToSeconds(run.elapsed)));
    set(QStringLiteral("makespan"), makespan);
    set(QStringLiteral("ideal"),
        stats.idealS > 0 ? formatSeconds(stats.idealS) : tr("unknown (external target)"));
    set(QStringLiteral("throughput"), tr("%1 req/s").arg(stats.throughputRps, 0, 'f', 1));
    set(QStringLiteral("latency"),
        QStringLiteral("%1 / %2").arg(formatSeconds(stats.p50S), formatSeconds(stats.p95S)));
    set(QStringLiteral("peak"), QString::number(stats.peakInFlight));
    set(QStringLiteral("wait"), formatSeconds(stats.meanSlotWaitS));
    set(QStringLiteral("queue"), formatSeconds(stats.meanServerQueueS));
    QString outcome =
        tr("%1 ok, %2 failed, %3 cancelled").arg(stats.ok).arg(stats.errors).arg(stats.cancelled);
    if (stats.abandonedCount > 0)
        outcome += tr("; %1 s abandoned server work (%2 requests)")
                       .arg(stats.abandonedServerWorkS, 0, 'f', 2)
                       .arg(stats.abandonedCount);
    if (stats.outsideRequests > 0)
        outcome += tr("; %1 requests from other clients").arg(stats.outsideRequests);
    if (stats.earlierRunRequests > 0)
        outcome += tr("; %1 requests of the stopped run still in the server")
                       .arg(stats.earlierRunRequests);
    set(QStringLiteral("outcome"), outcome);
    set(QStringLiteral("placement"),
        tr("%1, %2").arg(stats.threads == 1 ? tr("1 thread") : tr("%1 threads").arg(stats.threads),
                         stats.processes == 1 ? tr("1 process")
                                              : tr("%1 processes").arg(stats.processes)));
}

} // namespace reqlanes
