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
    {"makespan", "Makespan", "First request created to last one done"},
    {"ideal", "Ideal", "ceil(N / min(workers, client concurrency)) × latency"},
    {"throughput", "Throughput", "Successful requests per second of makespan"},
    {"latency", "Latency p50 / p95", "Created to done, successful requests"},
    {"peak", "Peak in flight", "Most requests on the wire at once (client side)"},
    {"wait", "Mean slot wait", "Time spent waiting for a semaphore, pool thread or process"},
    {"queue", "Mean server queue", "Time spent accepted by the server but not yet served"},
    {"outcome", "Outcome", "Succeeded / failed / cancelled"},
    {"placement", "Ran on", "Distinct OS threads and processes that ran requests"},
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
        auto *label = new QLabel(QStringLiteral("%1:").arg(QString::fromUtf8(row.label)), this);
        label->setToolTip(QString::fromUtf8(row.tip));
        value->setToolTip(QString::fromUtf8(row.tip));
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
        makespan += QStringLiteral("  (%1× ideal)").arg(stats.makespanS / stats.idealS, 0, 'f', 2);
    else if (run.finished && !stats.complete)
        makespan += tr("  (%1)").arg(stats.outcome.words);
    if (!run.finished)
        makespan = QStringLiteral("running… %1").arg(formatSeconds(nanosToSeconds(run.elapsed)));
    set(QStringLiteral("makespan"), makespan);
    set(QStringLiteral("ideal"), stats.idealS > 0 ? formatSeconds(stats.idealS)
                                                  : QStringLiteral("unknown (external target)"));
    set(QStringLiteral("throughput"),
        QStringLiteral("%1 req/s").arg(stats.throughputRps, 0, 'f', 1));
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
    set(QStringLiteral("outcome"), outcome);
    set(QStringLiteral("placement"),
        QStringLiteral("%1 thread%2, %3 process%4")
            .arg(stats.threads)
            .arg(stats.threads == 1 ? QString() : QStringLiteral("s"))
            .arg(stats.processes)
            .arg(stats.processes == 1 ? QString() : QStringLiteral("es")));
}

} // namespace reqlanes
