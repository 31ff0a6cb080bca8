// Lane labels on the timeline's left axis: one tick per lane centre, thinned to every 2nd, 5th,
// 10th... lane when more lanes are visible than labels fit, so 100,000 lanes cost as much as 30.
#pragma once

#include <qcustomplot.h>

#include <QString>

#include <vector>

namespace reqlanes {

class LaneTicker : public QCPAxisTicker {
public:
    void setLabels(std::vector<QString> labels) { m_labels = std::move(labels); }
    // How many labels fit on the axis; TimelinePlot sets it from the axis height and font.
    void setMaxLabels(int count) { m_maxLabels = std::max(1, count); }

    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
                  QVector<double> &ticks, QVector<double> *subTicks,
                  QVector<QString> *tickLabels) override;

private:
    std::vector<QString> m_labels;
    int m_maxLabels = 30;
};

} // namespace reqlanes
