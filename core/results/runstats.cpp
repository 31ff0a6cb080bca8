#include "results/runstats.h"

#include "model/strategyinfo.h"
#include "model/watchsession.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <utility>

namespace reqlanes {

namespace {

// Nearest-rank percentile: the smallest value with at least p% at or below it. Selected, not
// sorted (a sort of 100k latencies was milliseconds of every live frame): call with rising p,
// `from` carried between calls; values before `from` are already at or below the last one.
double percentile(std::vector<Nanos> &values, std::size_t &from, double p) {
    if (values.empty())
        return kNotMeasured;
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(values.size())));
    const std::size_t index = std::max(from, std::clamp<std::size_t>(rank, 1, values.size()) - 1);
    std::nth_element(values.begin() + long(from), values.begin() + long(index), values.end());
    from = index;
    return nanosToSeconds(values[index]);
}

double meanSeconds(Nanos sum, int count) {
    return count > 0 ? nanosToSeconds(sum) / count : kNotMeasured;
}

// Turns span starts and ends into steps. At equal times ends go first, so a request that starts
// exactly when another ends does not count as overlapping it. Starts and ends are sorted apart
// (often already in order: requests start in id order), then merged: at 100k requests this was
// a tenth of a live frame as one sort of (time, +1/-1) pairs.
std::vector<Step> toSteps(std::vector<Nanos> starts, std::vector<Nanos> ends) {
    for (std::vector<Nanos> *times : {&starts, &ends})
        if (!std::is_sorted(times->begin(), times->end()))
            std::sort(times->begin(), times->end());
    std::vector<Step> steps;
    steps.reserve(starts.size() + ends.size());
    int value = 0;
    std::size_t s = 0, e = 0;
    while (s < starts.size() || e < ends.size()) {
        const Nanos at =
            e < ends.size() && (s == starts.size() || ends[e] <= starts[s]) ? ends[e] : starts[s];
        for (; e < ends.size() && ends[e] == at; ++e)
            --value;
        for (; s < starts.size() && starts[s] == at; ++s)
            ++value;
        if (steps.empty() || steps.back().value != value)
            steps.push_back({at, value});
    }
    return steps;
}

// Edges for spans [from, to); an unfinished span (to unset) stays open to the end of the series.
std::vector<Step> spanSteps(const Run &run, Phase from, Phase fallbackFrom, Phase to) {
    std::vector<Nanos> starts, ends;
    starts.reserve(run.requests.size());
    ends.reserve(run.requests.size());
    for (const RequestRecord &record : run.requests) {
        const Nanos start = record.has(from) ? record.phase(from) : record.phase(fallbackFrom);
        if (start == kUnset)
            continue;
        starts.push_back(start);
        if (record.has(to))
            ends.push_back(std::max(start, record.phase(to)));
    }
    return toSteps(std::move(starts), std::move(ends));
}

int peakOf(const std::vector<Step> &steps) {
    int peak = 0;
    for (const Step &step : steps)
        peak = std::max(peak, step.value);
    return peak;
}

} // namespace

QString idealBasisName(IdealBasis basis) {
    switch (basis) {
    case IdealBasis::Computed:
        return QStringLiteral("computed");
    case IdealBasis::ZeroLatency:
        return QStringLiteral("zero_latency");
    case IdealBasis::ExternalTarget:
        return QStringLiteral("external_target");
    case IdealBasis::WatchSession:
        return QStringLiteral("watch_session");
    case IdealBasis::NoStrategy:
        break;
    }
    return QStringLiteral("no_strategy");
}

IdealBasis idealBasis(const Scenario &scenario) {
    // A watch session is recorded by the embedded server, yet its client is someone else's.
    if (isWatchSession(scenario))
        return IdealBasis::WatchSession;
    if (!scenario.usesEmbeddedServer())
        return IdealBasis::ExternalTarget;
    if (!strategyCatalog().find(scenario.strategy) || scenario.n < 1)
        return IdealBasis::NoStrategy;
    return scenario.server.latencyMs > 0 ? IdealBasis::Computed : IdealBasis::ZeroLatency;
}

double idealMakespanSeconds(const Scenario &scenario) {
    const IdealBasis basis = idealBasis(scenario);
    if (basis == IdealBasis::ZeroLatency)
        return 0;
    if (basis != IdealBasis::Computed)
        return kNotMeasured;
    const StrategyInfo *info = strategyCatalog().find(scenario.strategy);
    const int client = clientConcurrency(*info, scenario);
    // A sync server runs at most W handlers at once; an async one overlaps every request.
    const int concurrency = scenario.server.mode == ServerMode::Sync
                                ? std::min(std::max(1, scenario.server.workers), client)
                                : client;
    const int rounds = (scenario.n + concurrency - 1) / concurrency;
    return rounds * (scenario.server.latencyMs / 1000.0);
}

RunStats computeStats(const Run &run) {
    return computeStats(run, clientInFlight(run));
}

RunStats computeStats(const Run &run, const std::vector<Step> &inFlight) {
    RunStats stats;
    stats.idealS = idealMakespanSeconds(run.scenario);
    stats.idealBasis = idealBasis(run.scenario);

    Nanos first = kUnset, last = kUnset;
    std::vector<Nanos> latencies;
    Nanos waitSum = 0, queueSum = 0;
    int waitCount = 0, queueCount = 0;
    std::set<std::pair<std::int32_t, std::int32_t>> threads;
    std::set<std::int32_t> processes;
    std::array<std::pair<std::int32_t, std::int32_t>, 16> recentPlaces{}; // all (0, 0) at first
    std::size_t nextRecent = 0;

    for (const RequestRecord &record : run.requests) {
        if (record.has(Phase::Created))
            first = first == kUnset ? record.phase(Phase::Created)
                                    : std::min(first, record.phase(Phase::Created));
        if (record.has(Phase::Done))
            last = std::max(last, record.phase(Phase::Done));

        if (record.status == RequestStatus::Ok) {
            ++stats.ok;
            if (const Nanos latency = record.span(Phase::Created, Phase::Done); latency != kUnset)
                latencies.push_back(latency);
        } else if (record.status == RequestStatus::Cancelled) {
            ++stats.cancelled;
        } else if (record.finished()) {
            ++stats.errors;
        }
        if (const Nanos wait = record.span(Phase::Created, Phase::Acquired); wait != kUnset) {
            waitSum += wait;
            ++waitCount;
        }
        if (const Nanos queue = record.span(Phase::ServerAccept, Phase::ServerStart);
            queue != kUnset) {
            queueSum += queue;
            ++queueCount;
        }
        // Same rule as the ghost on the timeline; an end the server never reported (the run
        // ended first) counts up to the run's end.
        if (record.has(Phase::Done) && record.has(Phase::ServerStart)) {
            const Nanos from =
                std::max(record.phase(Phase::Done), record.phase(Phase::ServerStart));
            const Nanos to =
                record.has(Phase::ServerEnd) ? record.phase(Phase::ServerEnd) : run.elapsed;
            if (to > from) {
                stats.abandonedServerWorkS += nanosToSeconds(to - from);
                ++stats.abandonedCount;
            }
        }
        if (!run.finished && record.finished() && record.has(Phase::ServerAccept) &&
            !record.has(Phase::ServerEnd))
            ++stats.heldAfterTheirEnd;
        // Thread ids are only unique within a process, and 0 means "never placed". Most requests
        // ran where one of the last few before them did (a pool's threads take turns): skip the
        // set then (100k lookups a live frame, a twelfth of a 1M-span rebuild).
        const std::pair place(record.processId, record.threadId);
        if (std::find(recentPlaces.begin(), recentPlaces.end(), place) != recentPlaces.end())
            continue;
        recentPlaces[nextRecent++ % recentPlaces.size()] = place;
        if (record.threadId != 0)
            threads.emplace(place);
        if (record.processId != 0)
            processes.insert(record.processId);
    }
    stats.earlierRunRequests = static_cast<int>(
        std::count_if(run.outsideRequests.begin(), run.outsideRequests.end(),
                      [](const OutsideRequest &outside) { return outside.earlierRun; }));
    stats.outsideRequests = static_cast<int>(run.outsideRequests.size()) - stats.earlierRunRequests;
    stats.outcome = runOutcome(run, stats.ok, stats.errors);
    stats.complete = stats.outcome.comparable();

    if (first != kUnset && last != kUnset && last > first)
        stats.makespanS = nanosToSeconds(last - first);
    if (stats.makespanS > 0)
        stats.throughputRps = stats.ok / stats.makespanS;
    std::size_t selected = 0;
    stats.p50S = percentile(latencies, selected, 50);
    stats.p95S = percentile(latencies, selected, 95);
    stats.p99S = percentile(latencies, selected, 99);
    stats.maxS = latencies.empty() ? kNotMeasured
                                   : nanosToSeconds(*std::max_element(
                                         latencies.begin() + long(selected), latencies.end()));
    stats.peakInFlight = peakOf(inFlight);
    stats.meanSlotWaitS = meanSeconds(waitSum, waitCount);
    stats.meanServerQueueS = meanSeconds(queueSum, queueCount);
    stats.threads = static_cast<int>(threads.size());
    stats.processes = static_cast<int>(processes.size());
    return stats;
}

std::vector<Step> clientInFlight(const Run &run) {
    // qnam shows a connect only for the connections it opens; a request on a reused connection
    // goes on the wire when it is sent.
    return spanSteps(run, Phase::ConnectStart, Phase::Sent, Phase::Done);
}

std::vector<Step> busyServerWorkers(const Run &run) {
    // A handler runs until it ends, whether or not its client still waits (abandoned work is in
    // here), and whoever its client is (outside traffic too).
    std::vector<Nanos> starts, ends;
    starts.reserve(run.requests.size() + run.outsideRequests.size());
    ends.reserve(run.requests.size() + run.outsideRequests.size());
    for (const RequestRecord &record : run.requests) {
        if (!record.has(Phase::ServerStart))
            continue;
        starts.push_back(record.phase(Phase::ServerStart));
        if (record.has(Phase::ServerEnd))
            ends.push_back(
                std::max(record.phase(Phase::ServerStart), record.phase(Phase::ServerEnd)));
    }
    for (const OutsideRequest &outside : run.outsideRequests) {
        if (outside.started == kUnset)
            continue;
        starts.push_back(outside.started);
        if (outside.ended != kUnset)
            ends.push_back(std::max(outside.started, outside.ended));
    }
    return toSteps(std::move(starts), std::move(ends));
}

} // namespace reqlanes
