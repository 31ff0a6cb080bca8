#include "timeline/laneticker.h"

#include <cmath>

namespace reqlanes {

namespace {

// 1, 2, 5, 10, 20, 50...: strides that keep labels on round lane numbers while panning.
int niceStride(double lanesPerLabel) {
    int stride = 1;
    for (int decade = 1;; decade *= 10)
        for (int step : {1, 2, 5})
            if ((stride = step * decade) >= lanesPerLabel)
                return stride;
}

constexpr double kLabelSpacing = 1.3; // label pitch in label heights: a gap between labels

} // namespace

void LaneTicker::setLabels(std::vector<QString> labels) {
    const int count = int(labels.size());
    setLabels(count, [labels = std::move(labels)](int lane) { return labels[std::size_t(lane)]; });
}

void LaneTicker::setLabels(int count, std::function<QString(int lane)> labelOf) {
    m_laneCount = count;
    m_labelOf = std::move(labelOf);
}

void LaneTicker::generate(const QCPRange &range, const QLocale &, QChar, int,
                          QVector<double> &ticks, QVector<double> *subTicks,
                          QVector<QString> *tickLabels) {
    ticks.clear();
    if (subTicks)
        subTicks->clear();
    if (tickLabels)
        tickLabels->clear();
    const int laneCount = m_labelOf ? m_laneCount : 0;
    const int first = std::max(0, int(std::floor(range.lower)));
    const int last = std::min(laneCount - 1, int(std::ceil(range.upper)));
    if (last < first || range.size() <= 0)
        return;

    int maxLabels = m_maxLabels;
    double halfLabelLanes = 0; // half a label's height, in lanes
    if (m_axis && m_axis->axisRect() && m_axis->axisRect()->height() > 0) {
        const double axisPx = m_axis->axisRect()->height();
        const double labelPx = QFontMetricsF(m_axis->tickLabelFont()).height();
        maxLabels = std::max(1, int(axisPx / (labelPx * kLabelSpacing)));
        halfLabelLanes = labelPx / 2 / (axisPx / range.size());
    }
    const int stride = niceStride(double(last - first + 1) / maxLabels);
    for (int lane = (first + stride - 1) / stride * stride; lane <= last; lane += stride) {
        const double centre = lane + 0.5;
        if (centre - halfLabelLanes < range.lower || centre + halfLabelLanes > range.upper)
            continue;
        ticks.append(centre);
        if (tickLabels)
            tickLabels->append(m_labelOf(lane));
    }
    if (m_everyLaneOrNone && ticks.size() != last - first + 1) {
        ticks.clear();
        if (tickLabels)
            tickLabels->clear();
    }
}

} // namespace reqlanes
