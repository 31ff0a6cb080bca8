// Figures the window benches print (bench_live, bench_watch): percentiles of frame times, this
// process's resident memory, and "met" / "NOT met" beside a goal. Header-only, for bench/*.cpp.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace reqlanes::bench {

// The sample at `fraction` (0.5 median, 1.0 max) of the sorted samples; 0 when there are none.
inline double percentile(std::vector<double> samples, double fraction) {
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto index = std::size_t(fraction * double(samples.size() - 1) + 0.5);
    return samples[std::min(index, samples.size() - 1)];
}

// Resident and peak resident memory of this process, in MiB, from /proc/self/status.
inline std::pair<double, double> residentMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    double rss = 0, peak = 0;
    if (!status.open(QIODevice::ReadOnly))
        return {rss, peak};
    for (const QByteArray &line : status.readAll().split('\n')) {
        const auto kib = [&line] { return line.simplified().split(' ').value(1).toDouble(); };
        if (line.startsWith("VmRSS:"))
            rss = kib() / 1024;
        else if (line.startsWith("VmHWM:"))
            peak = kib() / 1024;
    }
    return {rss, peak};
}

inline const char *mark(bool met) {
    return met ? "met" : "NOT met";
}

} // namespace reqlanes::bench
