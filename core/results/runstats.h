// The numbers shown next to a run: makespan against the ideal, latency percentiles, peak
// concurrency, where time was spent waiting. Computed from a Run alone, so app, CLI and tests
// agree.
#pragma once

#include "model/run.h"
#include "results/runoutcome.h"

#include <vector>

namespace reqlanes {

// Why a run has, or has not, an ideal makespan to stand beside.
enum class IdealBasis {
    Computed,       // ceil(N / min(W, C)) x L from the embedded server's settings
    ZeroLatency,    // the embedded server at latency 0: the ideal is 0, no ratio means anything
    ExternalTarget, // --target: the server's workers and latency are unknown
    WatchSession,   // other programs' requests: no strategy of ours, no concurrency to assume
    NoStrategy,     // a run of a strategy this build does not know (an old or foreign run file)
};
QString idealBasisName(IdealBasis basis); // "computed", "zero_latency", ...: for --summary-json

// A figure that was not measured (no request had what it needs): shown as "not measured", written
// as null, never as 0.
inline constexpr double kNotMeasured = -1;
inline bool measured(double value) {
    return value >= 0;
}

struct RunStats {
    double makespanS = 0; // first created to last done
    // ceil(N / min(W, C)) x L when idealBasis is Computed, 0 for ZeroLatency, else kNotMeasured.
    double idealS = kNotMeasured;
    IdealBasis idealBasis = IdealBasis::NoStrategy;
    double throughputRps = 0; // ok requests per second of makespan
    // Latency, created to done, of the ok requests: kNotMeasured when none succeeded.
    double p50S = kNotMeasured, p95S = kNotMeasured, p99S = kNotMeasured, maxS = kNotMeasured;
    int peakInFlight = 0; // most requests on the wire at once (client side)
    // acquired - created; kNotMeasured when no request stamped acquired (a watch session: the
    // server cannot see the client wait).
    double meanSlotWaitS = kNotMeasured;
    // server start - server accept; kNotMeasured when the server reported neither (an external
    // target without Server-Timing).
    double meanServerQueueS = kNotMeasured;
    int threads = 0;   // distinct OS threads that ran requests
    int processes = 0; // distinct OS processes that ran requests
    int ok = 0, errors = 0, cancelled = 0;
    int finished() const { return ok + errors + cancelled; } // Run::finishedCount()
    // Requests whose client has ended but which the server still holds (queued or running: seen
    // by it, not finished): in a live run whose requests have all ended, the abandoned work the
    // run is waiting for (core/run/serverdrain.h). 0 for a finished run.
    int heldAfterTheirEnd = 0;
    // Server work the client no longer waited for (server end after done): real load that later
    // requests queued behind. Seconds summed over requests, and how many requests had some.
    double abandonedServerWorkS = 0;
    int abandonedCount = 0;
    int outsideRequests = 0;    // requests to the embedded server from other clients
    int earlierRunRequests = 0; // a stopped earlier run's requests the server still worked on
    RunOutcome outcome;         // complete / stopped / failed, in words
    // False for a stopped or failed run: then the makespan is not comparable with the ideal (no
    // ×ideal ratio) nor with other runs (no speed-up).
    bool complete = false;
};

RunStats computeStats(const Run &run);

// Ideal makespan in seconds for the scenario (see RunStats::idealS), and why there is one or not.
double idealMakespanSeconds(const Scenario &scenario);
IdealBasis idealBasis(const Scenario &scenario);

// A step function over the run's time: value holds from `at` until the next step.
struct Step {
    Nanos at = 0;
    int value = 0;
};
// Requests on the wire: from connect start (or, on a reused connection, sent) to done.
std::vector<Step> clientInFlight(const Run &run);
// computeStats with clientInFlight(run) already at hand (a RunAnalysis computes it once).
RunStats computeStats(const Run &run, const std::vector<Step> &inFlight);
// Server workers busy: server start to server end, abandoned work and outside traffic included.
std::vector<Step> busyServerWorkers(const Run &run);

} // namespace reqlanes
