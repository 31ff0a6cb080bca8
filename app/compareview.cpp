#include "compareview.h"

#include "compareplot.h"
#include "run/strategyregistry.h"

#include <QLabel>
#include <QVBoxLayout>

namespace reqlanes {

namespace {
// Rebuilding every block is cheap but not free: live comparison frames at 10 Hz are plenty.
constexpr int kLiveRedrawMs = 100;
} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
    , m_plot(new ComparePlot(this))
    , m_status(new QLabel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);
    m_status->setText(QStringLiteral("Every strategy, the same settings, one time axis."));

    connect(&m_session, &RunSession::snapshot, this, [this](const Run &run) {
        if (m_sinceRedraw.isValid() && m_sinceRedraw.elapsed() < kLiveRedrawMs)
            return;
        show(&run);
    });
    connect(&m_session, &RunSession::finished, this, [this](const Run &run) {
        m_runs.push_back(run);
        runNext();
    });
}

void CompareView::start(const Scenario &base, LaneGrouping grouping) {
    cancel();
    m_base = base;
    m_grouping = grouping;
    m_runs.clear();
    m_pending = StrategyRegistry::instance().ids();
    runNext();
}

void CompareView::cancel() {
    m_pending.clear();
    m_session.cancel();
}

void CompareView::setGrouping(LaneGrouping grouping) {
    m_grouping = grouping;
    show(nullptr);
}

void CompareView::runNext() {
    while (!m_pending.isEmpty()) {
        Scenario scenario = m_base;
        scenario.strategy = m_pending.takeFirst();
        QString error;
        if (m_session.start(scenario, &error)) {
            const QString text = QStringLiteral("Comparing: running %1 (%2 of %3)…")
                                     .arg(scenario.strategy)
                                     .arg(m_runs.size() + 1)
                                     .arg(m_runs.size() + 1 + std::size_t(m_pending.size()));
            m_status->setText(text);
            emit statusChanged(text);
            show(nullptr);
            return;
        }
        // Could not even start (invalid scenario): record it, so the row says why.
        Run failed;
        failed.scenario = scenario;
        failed.finished = true;
        failed.error = error;
        m_runs.push_back(failed);
    }
    show(nullptr);
    const QString text = QStringLiteral("Compared %1 strategies.").arg(m_runs.size());
    m_status->setText(text);
    emit statusChanged(text);
    emit finished();
}

void CompareView::show(const Run *live) {
    std::vector<Run> runs = m_runs;
    if (live)
        runs.push_back(*live);
    m_plot->setRuns(runs, m_grouping);
    m_sinceRedraw.start();
}

} // namespace reqlanes
