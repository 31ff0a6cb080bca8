// The strip under the timeline, on the same time axis: requests in flight on the client and
// busy server workers over time (core's clientInFlight / busyServerWorkers), with the client's
// limit and the server's worker count as horizontal lines. Owned by TimelinePlot, whose legend
// lists the strip's lines too (addLegendItems), so the strip itself stays uncluttered.
#pragma once

#include "model/run.h"
#include "results/runstats.h"
#include "style/theme.h"

#include <qcustomplot.h>

namespace reqlanes {

class ConcurrencyRect {
public:
    ConcurrencyRect(QCustomPlot *plot, QCPAxisRect *rect);

    void setRun(const Run &run, double endS);
    // The same with the series already computed (a RunAnalysis's inFlight and busyWorkers).
    void setRun(const Run &run, const std::vector<Step> &inFlight, const std::vector<Step> &busy,
                double endS);
    void setTheme(const Theme &theme);
    void addLegendItems(QCPLegend *legend) const;
    // Which lines are drawn; a change means the legend needs rebuilding.
    unsigned shownLines() const;
    QCPAxisRect *rect() const { return m_rect; }
    int peak() const { return m_peak; }
    // The server worker count drawn as a line; 0 when none is (not our server, or async).
    int workersLine() const { return m_workers; }

private:
    QCPAxisRect *m_rect;
    QCPGraph *m_inFlight;
    QCPGraph *m_busyWorkers;
    QCPItemStraightLine *m_limitLine;
    QCPItemStraightLine *m_workersLine;
    QSharedPointer<QCPAxisTickerFixed> m_countTicker;
    int m_peak = 0;
    int m_limit = 0;
    int m_workers = 0;
    bool m_hasServerData = false; // some handler's start is known (embedded, Server-Timing)
};

} // namespace reqlanes
