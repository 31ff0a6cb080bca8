// A run: the scenario and every request's record, on one clock whose origin is the run's start.
// The live snapshot the GUI polls and the finished result share this type; so does the run file.
#pragma once

#include "model/clientconnection.h"
#include "model/clientside.h"
#include "model/recording.h"
#include "model/requestrecord.h"
#include "model/scenario.h"
#include "model/tracedspan.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <vector>

namespace reqlanes {

struct Run {
    Scenario scenario;
    QString strategyName;                        // display name at the time of the run
    QDateTime startedAt;                         // wall clock, for people; timings use Nanos
    std::vector<RequestRecord> requests;         // index == request id
    std::vector<LaneEvent> laneEvents;           // in time order
    std::vector<OutsideRequest> outsideRequests; // other clients' requests, in accept order
    Nanos elapsed = 0;                           // now (live) or the end of the run (finished)
    bool finished = false;
    bool cancelled = false;
    QString error; // a run-level failure: server could not start, bad URL...
    // Where the embedded server this run went to listened ("http://127.0.0.1:PORT/"), for exports
    // that name each request's URL (HAR); empty with an outside target (scenario.targetUrl), for
    // a run not begun yet, and in files written before it was kept.
    QString embeddedServerUrl;
    // Watch sessions only (empty otherwise): each request's connection and cooperating headers
    // (origins: index == request id), and how many requests went unrecorded over the cap.
    std::vector<ClientConnection> connections;
    std::vector<RequestOrigin> origins;
    int droppedRequests = 0;
    // Runs read from OpenTelemetry traces and watch sessions that received spans (empty
    // otherwise): which span each request came from (index == request id).
    std::vector<TracedSpan> spans;
    // Watch sessions of a traced program (python -m reqlanes_trace; empty otherwise): what its
    // client said about each request, beyond the phases (index == request id).
    std::vector<ClientSide> clientSides;

    // A request only a received OpenTelemetry span describes (watch sessions): its server is
    // not ours, so it took no worker and has no connection here.
    bool tracedOnly(std::size_t request) const {
        return request < spans.size() && spans[request].traced() &&
               (request >= origins.size() || origins[request].connection < 0);
    }
    // Recordings from elsewhere only (a HAR file): its producer and what it could not say. Such a
    // run fills connections / origins too (a request's connection, "METHOD URL").
    RecordingInfo recording;

    // Moves every time in the run (phases, lane events, outside requests, connections) `by` ns
    // later and elapsed with them, and startedAt earlier: the run now begins `by` earlier. A
    // watch session does this when a client says it began before the server saw anything.
    void shiftTimes(Nanos by);

    // Where the run's requests went: its outside target, else where its embedded server
    // listened; empty when not known.
    QString serverUrl() const {
        return scenario.targetUrl.isEmpty() ? embeddedServerUrl : scenario.targetUrl;
    }
    int finishedCount() const;
    int okCount() const;
    bool operator==(const Run &) const = default;
};

// What changed between two live snapshots of a run: a strategy run's (Runner::refreshSnapshot)
// or a growing watch session's (WatchRecorder::updateLiveSession). The requests (and their
// origins) and connections at these indexes changed, and every one past the earlier snapshot's
// sizes was added. `source` names the series of snapshots and `from` / `to` their numbers in it,
// so a holder of snapshot `from` knows the changes are its.
struct RunChanges {
    std::uint64_t source = 0; // 0: no series
    std::uint64_t from = 0, to = 0;
    bool whole = true;         // the later snapshot is not made from snapshot `from`: take it whole
    std::vector<int> requests; // ascending
    std::vector<int> connections;
};

// Makes `earlier` equal to `later` by copying only what `changes` name and what was added (a
// live frame of 100,000 requests copies a few hundred). Copies whole when the changes cannot
// apply (whole, sizes that shrank, origins neither none nor one per request). Fields beyond the
// per-request and per-connection lists are small and always copied: a field added to Run is
// added here too (a static_assert on Run's size says so).
void applyRunChanges(Run &earlier, const Run &later, const RunChanges &changes);

// The run as a live snapshot taken at `at` would have shown it: later phases unset, requests
// not done by then still pending, lane events after it dropped. At or after a finished run's
// end, the run itself. Replay and presenter mode's held moments show these.
Run truncateRun(const Run &run, Nanos at);

} // namespace reqlanes
