#include "timeline/statspanel.h"

#include "i18n/runtext.h"

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
        m_tips[QString::fromLatin1(row.key)] = tr(row.tip);
        ++index;
    }
    clear();
}

void StatsPanel::set(const QString &key, const QString &text, const QString &whyNot) {
    QLabel *value = m_values.at(key);
    value->setText(text);
    // A value that was not measured says why where the row's explanation would be.
    value->setToolTip(whyNot.isEmpty() ? m_tips.at(key) : whyNot);
}

QString StatsPanel::valueText(const QString &key) const {
    const auto it = m_values.find(key);
    return it == m_values.end() ? QString() : it->second->text();
}

QString StatsPanel::valueToolTip(const QString &key) const {
    const auto it = m_values.find(key);
    return it == m_values.end() ? QString() : it->second->toolTip();
}

void StatsPanel::clear() {
    for (auto &[key, label] : m_values) {
        label->setText(QStringLiteral("–"));
        label->setToolTip(m_tips.at(key));
    }
}

void StatsPanel::setSeconds(const QString &key, double seconds, const QString &whyNot) {
    if (measured(seconds))
        set(key, formatSeconds(seconds));
    else
        set(key, tr("not measured"), whyNot);
}

void StatsPanel::setIdeal(const RunStats &stats) {
    switch (stats.idealBasis) {
    case IdealBasis::Computed:
        set(QStringLiteral("ideal"), formatSeconds(stats.idealS));
        return;
    case IdealBasis::ZeroLatency:
        set(QStringLiteral("ideal"), tr("0 ms (latency 0: not meaningful)"),
            tr("The server answers at once, so the ideal is 0 and no ratio to it means "
               "anything. Set a latency to compare."));
        return;
    case IdealBasis::ExternalTarget:
        set(QStringLiteral("ideal"), tr("unknown (external target)"),
            tr("The target's workers and latency are unknown, so no ideal can be computed."));
        return;
    case IdealBasis::WatchSession:
        set(QStringLiteral("ideal"), tr("not applicable for a watch session"),
            tr("Another program sent these requests: how many it meant to run at once is "
               "unknown, so there is no ideal to compare with."));
        return;
    case IdealBasis::NoStrategy:
        break;
    }
    set(QStringLiteral("ideal"), tr("unknown"),
        tr("The run's strategy is not one this build knows, so no ideal can be computed."));
}

QString StatsPanel::outcomeText(const Run &run, const RunStats &stats) const {
    QString outcome;
    if (isWatchSession(run.scenario)) {
        // Nobody planned N requests here: the session has as many as the other program sent.
        outcome = tr("%1 requests: %2 ok, %3 failed")
                      .arg(run.requests.size())
                      .arg(stats.ok)
                      .arg(stats.errors);
        // The stats count every finished request (two walks over a 100k session a frame less).
        const int finished = stats.ok + stats.errors + stats.cancelled;
        if (!run.finished && finished < int(run.requests.size()))
            outcome += tr(", %1 in progress").arg(int(run.requests.size()) - finished);
        else if (stats.cancelled > 0)
            outcome += tr(", %1 still in progress when the session ended").arg(stats.cancelled);
    } else {
        outcome = tr("%1 ok, %2 failed, %3 cancelled")
                      .arg(stats.ok)
                      .arg(stats.errors)
                      .arg(stats.cancelled);
    }
    if (stats.abandonedCount > 0)
        outcome += tr("; %1 s abandoned server work (%2 requests)")
                       .arg(stats.abandonedServerWorkS, 0, 'f', 2)
                       .arg(stats.abandonedCount);
    if (stats.outsideRequests > 0)
        outcome += tr("; %1 requests from other clients").arg(stats.outsideRequests);
    if (stats.earlierRunRequests > 0)
        outcome += tr("; %1 requests of the stopped run still in the server")
                       .arg(stats.earlierRunRequests);
    return outcome;
}

void StatsPanel::setRun(const Run &run) {
    setRun(run, computeStats(run));
}

void StatsPanel::setRun(const Run &run, const RunStats &stats) {
    QString makespan = formatSeconds(stats.makespanS);
    // A stopped or failed run did not do the work the ideal assumes: say how it ended instead.
    if (stats.complete && stats.idealS > 0 && stats.makespanS > 0)
        makespan += tr("  (%1× ideal)").arg(stats.makespanS / stats.idealS, 0, 'f', 2);
    else if (run.finished && !stats.complete)
        makespan += tr("  (%1)").arg(stats.outcome.words);
    if (!run.finished)
        makespan = tr("running… %1").arg(formatSeconds(nanosToSeconds(run.elapsed)));
    set(QStringLiteral("makespan"), makespan);
    setIdeal(stats);
    set(QStringLiteral("throughput"), tr("%1 req/s").arg(stats.throughputRps, 0, 'f', 1));
    if (measured(stats.p50S))
        set(QStringLiteral("latency"),
            QStringLiteral("%1 / %2").arg(formatSeconds(stats.p50S), formatSeconds(stats.p95S)));
    else
        set(QStringLiteral("latency"), tr("not measured"),
            run.finished ? tr("No request succeeded: there is no latency to report.")
                         : tr("No request has succeeded yet."));
    set(QStringLiteral("peak"), QString::number(stats.peakInFlight));
    setSeconds(QStringLiteral("wait"), stats.meanSlotWaitS,
               isWatchSession(run.scenario)
                   ? tr("The server cannot see what a client waited for before it sent a "
                        "request.")
                   : tr("No request reported when it got its slot."));
    setSeconds(QStringLiteral("queue"), stats.meanServerQueueS,
               tr("The server reported no accept and handler start for any request (an external "
                  "target without Server-Timing)."));
    set(QStringLiteral("outcome"), outcomeText(run, stats));
    // A watch session knows its clients' processes, not their threads.
    const QString processes =
        stats.processes == 1 ? tr("1 process") : tr("%1 processes").arg(stats.processes);
    if (stats.threads > 0)
        set(QStringLiteral("placement"),
            tr("%1, %2").arg(stats.threads == 1 ? tr("1 thread")
                                                : tr("%1 threads").arg(stats.threads),
                             processes));
    else if (stats.processes > 0)
        set(QStringLiteral("placement"), processes);
    else
        set(QStringLiteral("placement"), tr("not measured"),
            tr("No request reported the thread or process that ran it."));
}

} // namespace reqlanes
