#include "results/clientcap.h"

#include "results/queueing.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace reqlanes {

namespace {

struct Arrival {
    Nanos at;
    Nanos end; // done, or the run's now while still in progress
};

std::vector<Arrival> arrivals(const Run &run) {
    std::vector<Arrival> out;
    out.reserve(run.requests.size());
    for (const RequestRecord &record : run.requests) {
        if (!record.has(Phase::Created))
            continue;
        const Nanos end = record.has(Phase::Done) ? record.phase(Phase::Done) : run.elapsed;
        out.push_back({record.phase(Phase::Created), std::max(record.phase(Phase::Created), end)});
    }
    std::sort(out.begin(), out.end(),
              [](const Arrival &a, const Arrival &b) { return a.at < b.at; });
    return out;
}

// The most in progress at once, and how many separate times that count was reached. At equal
// times ends go first: a request that arrives as another ends took its place, not an extra one.
std::pair<int, int> peakAndReturns(const std::vector<Arrival> &requests) {
    std::vector<std::pair<Nanos, int>> edges;
    edges.reserve(requests.size() * 2);
    for (const Arrival &request : requests) {
        edges.emplace_back(request.at, +1);
        edges.emplace_back(request.end, -1);
    }
    std::sort(edges.begin(), edges.end());
    int level = 0, peak = 0;
    for (const auto &[at, step] : edges)
        peak = std::max(peak, level += step);
    int returns = 0;
    bool atPeak = false;
    level = 0;
    for (const auto &[at, step] : edges) {
        level += step;
        if (level == peak && !atPeak)
            ++returns;
        atPeak = level == peak;
    }
    return {peak, returns};
}

Nanos medianDuration(const std::vector<Arrival> &requests) {
    std::vector<Nanos> durations;
    durations.reserve(requests.size());
    for (const Arrival &request : requests)
        durations.push_back(request.end - request.at);
    if (durations.empty())
        return 0;
    std::nth_element(durations.begin(), durations.begin() + durations.size() / 2, durations.end());
    return durations[durations.size() / 2];
}

// Requests that arrived within `gap` after some request ended.
int countRefills(const std::vector<Arrival> &requests, Nanos gap) {
    std::vector<Nanos> ends;
    ends.reserve(requests.size());
    for (const Arrival &request : requests)
        ends.push_back(request.end);
    std::sort(ends.begin(), ends.end());
    int refills = 0;
    for (const Arrival &request : requests) {
        // The latest end at or before the arrival.
        const auto after = std::upper_bound(ends.begin(), ends.end(), request.at);
        if (after != ends.begin() && request.at - *std::prev(after) <= gap)
            ++refills;
    }
    return refills;
}

// Groups of arrivals apart by more than `gap`; 0 unless there are several and each but the last
// is exactly as large as the cap (otherwise the arrivals did not come in waves of it).
int countWaves(const std::vector<Arrival> &requests, Nanos gap, int peak) {
    std::vector<int> sizes;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        if (i == 0 || requests[i].at - requests[i - 1].at > gap)
            sizes.push_back(0);
        ++sizes.back();
    }
    const bool fullWaves = std::all_of(sizes.begin(), sizes.end() - (sizes.empty() ? 0 : 1),
                                       [peak](int size) { return size == peak; }) &&
                           (sizes.empty() || sizes.back() <= peak);
    return sizes.size() >= 2 && fullWaves ? int(sizes.size()) : 0;
}

} // namespace

std::optional<ClientCap> detectClientCap(const Run &run) {
    const std::vector<Arrival> requests = arrivals(run);
    const auto [peak, returns] = peakAndReturns(requests);
    const int sent = int(requests.size());
    if (peak < 2 || sent <= peak || returns < 2)
        return std::nullopt;
    ClientCap cap;
    cap.peak = peak;
    cap.sent = sent;
    cap.gap = std::max(significantWait(run), medianDuration(requests) / 4);
    cap.refills = countRefills(requests, cap.gap);
    // The first `peak` arrived together; the rest must have come as places freed.
    if (2 * cap.refills < sent - peak)
        return std::nullopt;
    cap.waves = countWaves(requests, cap.gap, peak);
    return cap;
}

} // namespace reqlanes
