// Whether every lane label of a plot axis is drawn inside its axis rect, shared by the timeline
// and comparison tests.
#pragma once

#include <qcustomplot.h>

#include <gtest/gtest.h>

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

} // namespace reqlanes::testing
