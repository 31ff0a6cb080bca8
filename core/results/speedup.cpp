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

std::optional<SpeedUpBaseline> speedUpBaseline(const std::vector<ComparedRun> &runs) {
    if (runs.size() < 2)
        return std::nullopt;
    const auto sync = std::find_if(runs.begin(), runs.end(), [](const ComparedRun &run) {
        return run.strategy == QLatin1String("sync");
    });
    const std::size_t index = sync != runs.end() ? std::size_t(sync - runs.begin()) : 0;
    const RunStats &stats = *runs[index].stats;
    if (!stats.complete || !(stats.makespanS > 0))
        return std::nullopt;
    return SpeedUpBaseline{index, runs[index].strategy, stats.makespanS};
}

std::optional<double> speedUpFactor(const SpeedUpBaseline &baseline, const RunStats &run) {
    if (!run.complete || !(run.makespanS > 0))
        return std::nullopt;
    return baseline.makespanS / run.makespanS;
}

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
