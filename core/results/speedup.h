// How one strategy's makespan compares with a baseline's (sync, in the comparison), in the words
// a slide shows: "3.0× faster than sync", "same as sync", "1.5× slower than sync". Used by the
// comparison's block labels; a plain function so the rounding rules are tested without a window.
#pragma once

#include <QString>

namespace reqlanes {

// Makespans within ±kSameWithin of the baseline's read "same as …": run-to-run noise on a loaded
// machine is a few percent, and "1.02× faster" would claim a difference nobody measured.
inline constexpr double kSameWithin = 0.05;

// baselineS and makespanS in seconds. Factors below 10 get one decimal ("3.0×"), from 10 on none
// ("12×"); a factor outside the ±5 % band never reads "1.0×" (the smallest shown is 1.1×).
// Empty when either makespan is not a positive finite number (nothing to compare).
QString speedUpText(double baselineS, double makespanS, const QString &baselineName);

} // namespace reqlanes
