// "Compare": runs the chosen strategies (checkboxes, all by default) in turn with the same
// settings and shows them as small multiples (ComparePlot), updating as each run progresses.
// Running again, or any other run, cancels the comparison.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "runsession.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;

namespace reqlanes {

class ComparePlot;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);

    // `base` without its strategy: each chosen strategy is run with it in turn, in the
    // registry's order. Nothing chosen: says so and runs nothing.
    void start(const Scenario &base, LaneGrouping grouping);
    QStringList chosenStrategies() const;
    void setChosenStrategies(const QStringList &ids); // unknown ids are ignored
    // Shows given runs side by side on one time axis instead of running anything (watch sessions:
    // the threads script next to the asyncio one). Cancels a comparison in progress. The strategy
    // checkboxes are hidden while every run shown is a watch session, until the next start().
    void showRuns(std::vector<Run> runs);
    void cancel();
    bool isRunning() const { return m_session.isRunning(); }
    void setGrouping(LaneGrouping grouping);
    const std::vector<Run> &runs() const { return m_runs; }
    ComparePlot *plot() const { return m_plot; }

signals:
    void statusChanged(const QString &text);
    void finished();

private:
    void runNext();
    void show(const Run *live);

    RunSession m_session;
    ComparePlot *m_plot;
    QLabel *m_status;
    QWidget *m_choicesBox =
        nullptr; // the checkboxes; hidden while sessions of other programs are shown
    std::vector<QCheckBox *> m_choices; // one per registered strategy, in the registry's order
    Scenario m_base;
    LaneGrouping m_grouping = LaneGrouping::Request;
    QStringList m_pending;
    std::vector<Run> m_runs;
    QElapsedTimer m_sinceRedraw;
};

} // namespace reqlanes
