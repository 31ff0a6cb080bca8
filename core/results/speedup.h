// How one strategy's makespan compares with a baseline's, and which run is the baseline: the one
// rule for the comparison's block labels ("3.0× faster than sync", "same as sync", "1.5× slower
// than sync") and the CLI summary's "vs sync" column. Plain functions, tested without a window.
#pragma once

#include "results/runstats.h"

#include <QString>

#include <optional>
#include <vector>

namespace reqlanes {

// One run of a comparison: its strategy id and its stats (not owned).
struct ComparedRun {
    QString strategy;
    const RunStats *stats = nullptr;
};

// The run the others are compared with, by its strategy id and makespan in seconds.
struct SpeedUpBaseline {
    std::size_t index = 0; // in the runs given
    QString name;          // the strategy id the words name: "sync"
    double makespanS = 0;
};

// The baseline of a comparison of `runs`: sync, the talk's baseline, else the first run. None for
// fewer than two runs, or when that run did not do all its work (stopped, failed: a makespan of
// less work is no baseline) or has no positive makespan.
std::optional<SpeedUpBaseline> speedUpBaseline(const std::vector<ComparedRun> &runs);

// baseline / run makespan ("2.9" = 2.9 times faster); none for a run that did not do all its work
// (its makespan means nothing against another) or has no positive makespan.
std::optional<double> speedUpFactor(const SpeedUpBaseline &baseline, const RunStats &run);

// Makespans within ±kSameWithin of the baseline's read "same as …": run-to-run noise on a loaded
// machine is a few percent, and "1.02× faster" would claim a difference nobody measured.
inline constexpr double kSameWithin = 0.05;

// baselineS and makespanS in seconds. Factors below 10 get one decimal ("3.0×"), from 10 on none
// ("12×"); a factor outside the ±5 % band never reads "1.0×" (the smallest shown is 1.1×).
// Empty when either makespan is not a positive finite number (nothing to compare).
QString speedUpText(double baselineS, double makespanS, const QString &baselineName);

} // namespace reqlanes
