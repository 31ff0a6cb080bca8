#include "timeline/plotlayout.h"

#include <qcustomplot.h>

namespace reqlanes {

void layOutPlotAt(QCustomPlot *plot, QSize size) {
    if (size.isEmpty())
        return;
    const QRect before = plot->viewport();
    plot->setViewport(QRect(QPoint(0, 0), size));
    for (auto phase :
         {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plot->plotLayout()->update(phase);
    plot->setViewport(before);
}

} // namespace reqlanes
