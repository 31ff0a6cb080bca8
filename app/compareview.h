// "Compare all": runs every registered strategy in turn with the same settings and shows them
// as small multiples (ComparePlot), updating as each run progresses. Running again, or any other
// run, cancels the comparison.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "runsession.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;

namespace reqlanes {

class ComparePlot;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);

    // `base` without its strategy: each registered strategy is run with it in turn.
    void start(const Scenario &base, LaneGrouping grouping);
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
    Scenario m_base;
    LaneGrouping m_grouping = LaneGrouping::Request;
    QStringList m_pending;
    std::vector<Run> m_runs;
    QElapsedTimer m_sinceRedraw;
};

} // namespace reqlanes
