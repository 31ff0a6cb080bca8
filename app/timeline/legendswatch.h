// A legend entry that is not tied to a plottable: a colour box (a phase), a hatched box (an
// error kind) or a line (the in-flight graph, the limit). The span plottable draws many kinds
// of thing, so its legend is built from these rather than from QCPPlottableLegendItem.
#pragma once

#include <qcustomplot.h>

namespace reqlanes {

class LegendSwatch : public QCPAbstractLegendItem {
    Q_OBJECT
public:
    enum class Shape { Box, Line };
    LegendSwatch(QCPLegend *legend, const QString &text, Shape shape, const QBrush &fill,
                 const QPen &outline);

    void setStyle(const QBrush &fill, const QPen &outline);
    QString text() const { return m_text; }

protected:
    void draw(QCPPainter *painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString m_text;
    Shape m_shape;
    QBrush m_fill;
    QPen m_outline;
};

} // namespace reqlanes
