// The one QCustomPlot plottable that draws every phase span of every request in a single
// draw() pass (hotspot's TimelineDelegate idea): per row it binary-searches the visible time
// range, draws wide spans as exact rectangles and folds spans narrower than a pixel into one;
// rows thinner than a couple of pixels are painted together as pixel-high bands coloured by the
// phase most of their requests are in (over ~12 rows per pixel row, an even sample of them decides;
// every row's errors still show). Brushes and pens are built once per theme.
//
// Value axis: lane i occupies [i, i+1]; its bars sit inside with a small gap, split evenly
// between the lane's sub-rows. TimelinePlot reverses that axis so lane 0 is on top.
#pragma once

#include "results/timelinespans.h"
#include "style/theme.h"

#include <qcustomplot.h>

#include <memory>
#include <optional>
#include <vector>

namespace reqlanes {

class SpanPlottable : public QCPAbstractPlottable {
    Q_OBJECT
public:
    SpanPlottable(QCPAxis *timeAxis, QCPAxis *laneAxis);

    void setSpans(TimelineSpans spans);
    // Draws spans owned elsewhere (a RunAnalysis the window shares with every view), no copy.
    // The owner may update them in place; call this again after it did. sameLanes: the lanes and
    // their sub-rows are those drawn last (RunAnalysis::lanesChanged false), so the rows keep their
    // places and are not placed again (100k rows a live frame).
    void setSpans(std::shared_ptr<const TimelineSpans> spans, bool sameLanes = false);
    const TimelineSpans &spans() const { return *m_spans; }
    void setTheme(const Theme &theme);

    // The request under a widget pixel, if any (hover tooltips).
    std::optional<int> requestAt(const QPointF &pixel) const;
    // The lane at a widget pixel's height, if any (its label's tooltip).
    std::optional<int> laneAt(const QPointF &pixel) const;
    // Value-axis extent of a row (lane units), for hit tests and tests.
    QCPRange rowRange(int row) const;

    double selectTest(const QPointF &pos, bool onlySelectable,
                      QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain,
                           const QCPRange &inKeyRange) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    // Linear time and lane mapping in pixels, fixed for one draw() pass.
    struct Mapping {
        double x0 = 0, xScale = 1, y0 = 0, yScale = 1;
        double visibleStart = 0, visibleEnd = 0; // seconds
        double clipLeft = 0, clipRight = 0;
        double x(double seconds) const { return x0 + seconds * xScale; }
        double y(double laneUnits) const { return y0 + laneUnits * yScale; }
    };
    Mapping currentMapping() const;
    void drawRowExact(QCPPainter *painter, const TimelineRow &row, double top, double bottom,
                      const Mapping &map);
    void drawBars(QCPPainter *painter, const TimelineRow &row, double top, double bottom,
                  const Mapping &map);
    // phases: the row's spans count towards the band's colours (a sampled row), else only its
    // errors do.
    void addToBand(const TimelineRow &row, const Mapping &map, bool phases);
    void flushBand(QCPPainter *painter, double top, double bottom);
    void sortByColumn(); // m_bandEdges, by x
    void drawMarks(QCPPainter *painter, const Mapping &map);
    void drawFailureLabel(QCPPainter *painter, const Bar &bar, const QRectF &rect);

    void placeRows();

    std::shared_ptr<const TimelineSpans> m_spans = std::make_shared<const TimelineSpans>();
    std::vector<QCPRange> m_rowRanges; // value-axis extent of each row

    // Cached drawing tools, one per span kind plus the error pseudo-kind of dense bands.
    std::array<QBrush, kSpanKindCount + 1> m_brushes;
    QPen m_separatorPen, m_errorPen, m_cancelledPen, m_markPen, m_crashPen;
    QBrush m_errorHatch, m_cancelledHatch;
    QFont m_labelFont;
    QFontMetricsF m_labelMetrics{QFont()};
    QColor m_labelColor;

    // Scratch for dense bands: (pixel column, kind, +1/-1) edges; reused across draws.
    struct BandEdge {
        int x;
        std::uint8_t kind;
        std::int8_t delta;
    };
    std::vector<BandEdge> m_bandEdges;
    std::vector<BandEdge> m_sortedEdges;
    std::vector<int> m_columnStarts;
};

} // namespace reqlanes
