// Whether every lane label of a plot axis is drawn inside its axis rect, shared by the timeline
// and comparison tests.
#pragma once

#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <vector>

namespace reqlanes::testing {

// Half a label height around each tick centre must stay inside the rect: a label outside
// spills over the legend, the counts strip or a block's title.
inline ::testing::AssertionResult laneLabelsInside(QCPAxis *axis) {
    const QRect rect = axis->axisRect()->rect();
    const double half = QFontMetricsF(axis->tickLabelFont()).height() / 2;
    for (double tick : axis->tickVector()) {
        const double y = axis->coordToPixel(tick);
        if (y - half < rect.top() - 0.5 || y + half > rect.bottom() + 1.5)
            return ::testing::AssertionFailure()
                   << "lane label at " << tick << " spans y " << y - half << ".." << y + half
                   << ", rect " << rect.top() << ".." << rect.bottom();
    }
    return ::testing::AssertionSuccess();
}

// Where each lane label of a left axis is drawn, in widget pixels: right-aligned against the
// axis (no tick marks on lane axes) and centred on its tick, one tick-label-font line high.
inline std::vector<QRectF> laneLabelRects(QCPAxis *axis) {
    std::vector<QRectF> rects;
    const QFontMetricsF metrics(axis->tickLabelFont());
    const double right = axis->axisRect()->left() - axis->offset() -
                         std::max(0, axis->tickLengthOut()) - axis->tickLabelPadding();
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    for (qsizetype i = 0; i < ticks.size() && i < labels.size(); ++i) {
        const double width = metrics.horizontalAdvance(labels[i]);
        const double y = axis->coordToPixel(ticks[i]);
        rects.emplace_back(right - width, y - metrics.height() / 2, width, metrics.height());
    }
    return rects;
}

} // namespace reqlanes::testing
