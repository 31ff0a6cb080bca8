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

// Waves by generation: a request that arrived before any other ended is in wave 1; one that
// arrived after requests of wave w had ended is in wave w + 1 (it may have taken the place of one
// of them). 0 unless there are several waves and each but the last is exactly `peak` requests.
int countWaves(const std::vector<Arrival> &requests, int peak) {
    std::vector<std::size_t> byEnd(requests.size());
    for (std::size_t i = 0; i < byEnd.size(); ++i)
        byEnd[i] = i;
    std::sort(byEnd.begin(), byEnd.end(),
              [&](std::size_t a, std::size_t b) { return requests[a].end < requests[b].end; });
    std::vector<int> wave(requests.size(), 0);
    std::vector<int> sizes;
    int endedWave = 0; // the latest wave any request that has ended belonged to
    std::size_t ended = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        for (; ended < byEnd.size() && requests[byEnd[ended]].end <= requests[i].at; ++ended)
            endedWave = std::max(endedWave, wave[byEnd[ended]]);
        wave[i] = endedWave + 1;
        if (int(sizes.size()) < wave[i])
            sizes.resize(std::size_t(wave[i]), 0);
        ++sizes[std::size_t(wave[i] - 1)];
    }
    const bool full =
        sizes.size() >= 2 &&
        std::all_of(sizes.begin(), sizes.end() - 1, [peak](int size) { return size == peak; }) &&
        sizes.back() <= peak;
    return full ? int(sizes.size()) : 0;
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
    // A loaded client (Python handling a hundred answers) takes a while to send the next request:
    // within one request's time of a place freeing counts as taking that place.
    cap.gap = std::max(significantWait(run), medianDuration(requests));
    cap.refills = countRefills(requests, cap.gap);
    // The first `peak` arrived together; the rest must have come as places freed.
    if (2 * cap.refills < sent - peak)
        return std::nullopt;
    cap.waves = countWaves(requests, peak);
    return cap;
}

} // namespace reqlanes
