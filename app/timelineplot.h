// The timeline: lanes over time with every request's phases (one SpanPlottable), a legend, lane
// labels, the ideal-makespan marker and, while live, a "now" line the view follows; under it the
// concurrency strip on the same time axis. Feed it Run snapshots; it never touches the network.
// The same class renders exports and comparison rows, so what is exported is what is seen.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "theme.h"

#include <qcustomplot.h>

#include <memory>

namespace reqlanes {

class ConcurrencyRect;
class LaneTicker;
class SpanPlottable;

class TimelinePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit TimelinePlot(QWidget *parent = nullptr);
    ~TimelinePlot() override;

    void setRun(const Run &run); // a live snapshot or a finished run
    const Run &run() const { return m_run; }
    void clearRun(const QString &placeholder);

    void setGrouping(LaneGrouping grouping);
    LaneGrouping grouping() const { return m_grouping; }
    void setTheme(const Theme &theme);
    const Theme &theme() const { return m_theme; }

    // While a run is live the time axis follows "now" until the user pans or zooms.
    bool followsLive() const { return m_follow; }
    void showWholeRun(); // back to the whole run on both axes; follow again if live
    void setTimeRange(const QCPRange &seconds);
    QCPRange timeRange() const;

    // Lay out legend wrap and lane-label density for a size (the widget's, or an export's).
    void layoutFor(const QSize &size);

    int laneCount() const;
    std::size_t spanCount() const;
    int barCount() const; // requests drawn
    const SpanPlottable *spanPlottable() const { return m_spans; }
    QString message() const; // what the plot says besides bars: a problem or a placeholder

signals:
    void followChanged(bool following);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildLayout();
    void rebuildSpans();
    void rebuildLegend();
    void updateMarkers();
    void showProblemRow(bool show);
    void updateRanges();
    void setFollow(bool follow);

    Run m_run;
    LaneGrouping m_grouping = LaneGrouping::Request;
    Theme m_theme = Theme::screen();
    bool m_follow = true;
    bool m_userMovedView = false;
    unsigned m_legendContent = ~0u; // what the legend shows (timelinelegend.h): rebuilt on change
    QString m_placeholder;

    QCPTextElement *m_title = nullptr;
    QCPTextElement *m_caption = nullptr;
    QCPTextElement *m_problem = nullptr; // what went wrong, in plain words
    QCPAxisRect *m_lanesRect = nullptr;
    SpanPlottable *m_spans = nullptr;
    QSharedPointer<LaneTicker> m_laneTicker;
    std::unique_ptr<ConcurrencyRect> m_concurrency;
    QCPItemStraightLine *m_nowLine = nullptr;
    QCPItemStraightLine *m_idealLine = nullptr;
    QCPItemText *m_idealLabel = nullptr;
    QCPItemText *m_message = nullptr;
};

} // namespace reqlanes
