#include "results/speedup.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

// The "Speedup" context: the app installs a translator, the CLI has none and stays English.
struct Speedup {
    Q_DECLARE_TR_FUNCTIONS(Speedup)
};

namespace reqlanes {

namespace {

QString formatFactor(double factor) {
    if (factor >= 9.95)
        return QString::number(std::round(factor), 'f', 0);
    // Just outside the band, 1.05 would round to "1.0× slower", which reads as "the same".
    return QString::number(std::max(1.1, std::round(factor * 10) / 10), 'f', 1);
}

} // namespace

QString speedUpText(double baselineS, double makespanS, const QString &baselineName) {
    if (!std::isfinite(baselineS) || !std::isfinite(makespanS) || baselineS <= 0 || makespanS <= 0)
        return {};
    if (std::abs(makespanS - baselineS) <= kSameWithin * baselineS)
        return Speedup::tr("same as %1").arg(baselineName);
    if (makespanS < baselineS)
        return Speedup::tr("%1× faster than %2")
            .arg(formatFactor(baselineS / makespanS), baselineName);
    return Speedup::tr("%1× slower than %2").arg(formatFactor(makespanS / baselineS), baselineName);
}

} // namespace reqlanes
