// QCustomPlot generates an axis's ticks in the first phase of a layout pass, before that pass gives
// the axis rect its new size. A ticker that thins labels by the rect's height (LaneTicker) then
// thins for the previous height: for a block that was just built, none, so every lane is labelled
// and the labels overlap until something replots again. Laying the plot out once at the size it
// is about to be drawn at gives the next pass the real heights.
#pragma once

#include <QSize>

class QCustomPlot;

namespace reqlanes {

// Runs the layout phases (preparation, margins, layout) of `plot` as if its viewport were `size`
// logical pixels, then restores the viewport. Draws nothing. An empty `size` does nothing.
void layOutPlotAt(QCustomPlot *plot, QSize size);

} // namespace reqlanes
