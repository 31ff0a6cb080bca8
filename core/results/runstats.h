// The numbers shown next to a run: makespan against the ideal, latency percentiles, peak
// concurrency, where time was spent waiting. Computed from a Run alone, so app, CLI and tests
// agree.
#pragma once

#include "model/run.h"
#include "results/runoutcome.h"

#include <vector>

namespace reqlanes {

struct RunStats {
    double makespanS = 0;     // first created to last done
    double idealS = -1;       // ceil(N / min(W, C)) x L; -1 when unknown (external target)
    double throughputRps = 0; // ok requests per second of makespan
    double p50S = 0, p95S = 0, p99S = 0, maxS = 0; // latency: created to done, ok requests
    int peakInFlight = 0;        // most requests on the wire at once (client side)
    double meanSlotWaitS = 0;    // acquired - created
    double meanServerQueueS = 0; // server start - server accept
    int threads = 0;             // distinct OS threads that ran requests
    int processes = 0;           // distinct OS processes that ran requests
    int ok = 0, errors = 0, cancelled = 0;
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

// Ideal makespan in seconds for the scenario (see RunStats::idealS).
double idealMakespanSeconds(const Scenario &scenario);

// A step function over the run's time: value holds from `at` until the next step.
struct Step {
    Nanos at = 0;
    int value = 0;
};
// Requests on the wire: from connect start (or, on a reused connection, sent) to done.
std::vector<Step> clientInFlight(const Run &run);
// Server workers busy: server start to server end, abandoned work and outside traffic included.
std::vector<Step> busyServerWorkers(const Run &run);
// Requests whose client has ended but which the server still holds (queued or running: seen by
// it, not finished): in a live run whose requests have all ended, the abandoned work the run is
// waiting for (core/run/serverdrain.h). 0 for a finished run.
int heldByTheServerAfterTheirEnd(const Run &run);

} // namespace reqlanes
