// The numbers next to the picture, from core's computeStats: makespan beside the ideal,
// throughput, p50/p95, peak in flight, mean slot wait, mean server queue, outcomes.
#pragma once

#include "model/run.h"

#include <QWidget>

#include <map>

class QLabel;

namespace reqlanes {

class StatsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatsPanel(QWidget *parent = nullptr);
    void setRun(const Run &run);
    void clear();
    QString valueText(const QString &key) const; // for tests: "makespan", "ideal", ...

private:
    void set(const QString &key, const QString &text);
    std::map<QString, QLabel *> m_values;
};

} // namespace reqlanes
