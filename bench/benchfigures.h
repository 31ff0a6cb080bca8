// Figures the window benches print (bench_live, bench_watch): percentiles of frame times, this
// process's resident memory, and "met" / "NOT met" beside a goal; and every bench's check of its
// command line. Header-only, for bench/*.cpp.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <string_view>
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

// The command line checked against what a bench takes, before it runs for minutes: `flags` lists
// each flag it knows, one ending in '=' taking a value ("--lanes="). Returns -1 to go on, or the
// exit status: 0 after printing `usage` for --help or -h, 2 after naming what it does not know.
inline int checkArguments(int argc, char **argv, std::initializer_list<std::string_view> flags,
                          const char *usage) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            std::printf("%s\n", usage);
            return 0;
        }
        bool known = false;
        for (std::string_view flag : flags) {
            const bool takesValue = flag.ends_with('=');
            if (takesValue)
                flag.remove_suffix(1);
            if (argument != flag)
                continue;
            known = !takesValue || i + 1 < argc;
            i += takesValue ? 1 : 0;
            break;
        }
        if (!known) {
            std::fprintf(stderr, "%s: %s %s\n%s\n", argv[0],
                         argument.starts_with('-') ? "unknown or incomplete option" : "unexpected",
                         argv[i > argc - 1 ? argc - 1 : i], usage);
            return 2;
        }
    }
    return -1;
}

} // namespace reqlanes::bench
