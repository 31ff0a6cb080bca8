// The human summary `reqlanes-cli` prints: one row per run (makespan against the ideal, ok and
// failed requests, peak in flight, threads, processes, p50/p95), plain text in aligned columns;
// with several runs, each one's speed-up against the baseline (results/speedup.h: sync, else the
// first run). Also the --list text.
#pragma once

#include "model/run.h"
#include "results/runstats.h"

#include <QString>

#include <vector>

namespace reqlanes::cli {

class SummaryTable {
public:
    void addRun(const Run &run, const RunStats &stats);
    QString text() const;

    static QString strategyList();

private:
    struct Row {
        QString strategy;
        int n = 0;
        RunStats stats;
    };
    std::vector<Row> m_rows;
};

} // namespace reqlanes::cli
