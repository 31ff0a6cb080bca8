// The numbers next to the picture, from core's computeStats: makespan beside the ideal,
// throughput, p50/p95, peak in flight, mean slot wait, mean server queue, outcomes. A value that
// was not measured (or has no meaning for this run) says so, with the reason as its tooltip.
#pragma once

#include "model/run.h"
#include "model/watchsession.h"
#include "results/runstats.h"

#include <QWidget>

#include <map>

class QLabel;

namespace reqlanes {

class StatsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatsPanel(QWidget *parent = nullptr);
    void setRun(const Run &run);
    // The same with the statistics already computed (the window's shared RunAnalysis).
    void setRun(const Run &run, const RunStats &stats);
    void clear();
    QString valueText(const QString &key) const; // for tests: "makespan", "ideal", ...
    QString valueToolTip(const QString &key) const;

private:
    // `whyNot`: for a value that is not measured or not applicable, the reason, as its tooltip.
    void set(const QString &key, const QString &text, const QString &whyNot = {});
    void setSeconds(const QString &key, double seconds, const QString &whyNot);
    void setIdeal(const RunStats &stats);
    QString outcomeText(const Run &run, const RunStats &stats) const;
    std::map<QString, QLabel *> m_values;
    std::map<QString, QString> m_tips; // each row's explanation, translated
};

} // namespace reqlanes
