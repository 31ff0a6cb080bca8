// Lane labels on the timeline's left axis: one tick per lane centre, thinned to every 2nd, 5th,
// 10th... lane when more lanes are visible than labels fit, so 100,000 lanes cost as much as 30.
// A label is only placed where all of its text lies inside the axis range, so labels never spill
// over the legend, the concurrency strip or a comparison block's title, however far the lanes
// are zoomed or however thin they are.
#pragma once

#include <qcustomplot.h>

#include <QString>

#include <functional>
#include <vector>

namespace reqlanes {

class LaneTicker : public QCPAxisTicker {
public:
    void setLabels(std::vector<QString> labels);
    // `count` lanes whose labels are made only for the lanes a replot labels (about 30, however
    // many lanes there are): translating 1M lane labels up front was a fifth of a rebuild.
    void setLabels(int count, std::function<QString(int lane)> labelOf);
    // How many labels fit on the axis when it cannot measure itself (no axis set yet).
    void setMaxLabels(int count) { m_maxLabels = std::max(1, count); }
    // The axis the ticker labels: its rect's height and tick-label font say how many labels fit
    // and how far from the ends they must stay. Not owned; the axis owns the ticker.
    void setAxis(QCPAxis *axis) { m_axis = axis; }
    // Label every lane or none: in a comparison block of a few thin lanes, one lone "request 5"
    // reads as the block's name rather than one lane's.
    void setEveryLaneOrNone(bool everyOrNone) { m_everyLaneOrNone = everyOrNone; }

    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
                  QVector<double> &ticks, QVector<double> *subTicks,
                  QVector<QString> *tickLabels) override;

private:
    int m_laneCount = 0;
    std::function<QString(int lane)> m_labelOf;
    int m_maxLabels = 30;
    QCPAxis *m_axis = nullptr;
    bool m_everyLaneOrNone = false;
};

} // namespace reqlanes
