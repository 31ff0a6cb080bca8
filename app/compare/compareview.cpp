#include "compare/compareview.h"

#include "i18n/runtext.h"

#include "compare/compareplot.h"
#include "run/strategyregistry.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace reqlanes {

namespace {
// Rebuilding every block is cheap but not free: live comparison frames at 10 Hz are plenty.
constexpr int kLiveRedrawMs = 100;
constexpr int kChoiceColumns = 4; // eight strategies on two rows
constexpr const char *kIdProperty = "strategyId";
} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
    , m_plot(new ComparePlot(this))
    , m_status(new QLabel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_choicesBox = new QWidget(this);
    m_choicesBox->setObjectName(QStringLiteral("compare-choices"));
    auto *choices = new QGridLayout(m_choicesBox);
    choices->setContentsMargins(4, 4, 4, 0);
    for (const StrategyInfo &info : StrategyRegistry::instance().strategies()) {
        auto *choice = new QCheckBox(info.id, m_choicesBox);
        choice->setObjectName(QStringLiteral("compare-") + info.id);
        choice->setProperty(kIdProperty, info.id);
        choice->setChecked(true);
        choice->setToolTip(strategyText(info.name));
        const int index = int(m_choices.size());
        choices->addWidget(choice, index / kChoiceColumns, index % kChoiceColumns);
        m_choices.push_back(choice);
    }
    layout->addWidget(m_choicesBox);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);
    m_status->setText(tr("The chosen strategies, the same settings, one time axis."));

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
    m_choicesBox->setVisible(true);
    m_base = base;
    m_grouping = grouping;
    m_runs.clear();
    m_pending = chosenStrategies();
    if (m_pending.isEmpty()) {
        const QString text = tr("Choose at least one strategy to compare.");
        m_status->setText(text);
        emit statusChanged(text);
        show(nullptr);
        return;
    }
    runNext();
}

QStringList CompareView::chosenStrategies() const {
    QStringList ids;
    for (const QCheckBox *choice : m_choices)
        if (choice->isChecked())
            ids << choice->property(kIdProperty).toString();
    return ids;
}

void CompareView::setChosenStrategies(const QStringList &ids) {
    for (QCheckBox *choice : m_choices)
        choice->setChecked(ids.contains(choice->property(kIdProperty).toString()));
}

void CompareView::showRuns(std::vector<Run> runs) {
    cancel();
    m_runs = std::move(runs);
    // Sessions of other programs were not run with our strategies: their choice does not apply.
    m_choicesBox->setVisible(
        !(!m_runs.empty() && std::all_of(m_runs.begin(), m_runs.end(), isWatchSession)));
    show(nullptr);
    // Two strings, not a %n plural: no English translation file resolves plurals.
    const QString text = m_runs.size() == 1
                             ? tr("Showing one run.")
                             : tr("Comparing %1 runs on one time axis.").arg(m_runs.size());
    m_status->setText(text);
    emit statusChanged(text);
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
            const QString text = tr("Comparing: running %1 (%2 of %3)…")
                                     .arg(scenario.strategy)
                                     .arg(m_runs.size() + 1)
                                     .arg(m_runs.size() + 1 + std::size_t(m_pending.size()));
            m_status->setText(text);
            emit statusChanged(text);
            show(nullptr);
            return;
        }
        // Could not even start (invalid scenario, too many descriptors): the row says why.
        m_runs.push_back(refusedRun(scenario, error));
    }
    show(nullptr);
    const QString text = tr("Compared %n strategies.", nullptr, int(m_runs.size()));
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
