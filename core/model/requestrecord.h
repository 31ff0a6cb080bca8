// What reqlanes knows about one request: when each phase happened, how it ended and where
// (thread, process, server worker) it ran. Plain values; RunRecorder fills them live.
#pragma once

#include "model/clock.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace reqlanes {

// In the order they happen. wait = Acquired - Created; server queue = ServerStart - ServerAccept.
enum class Phase : std::uint8_t {
    Created,      // the strategy made the request (task created, submitted)
    Acquired,     // it got its slot: semaphore, pool thread, worker process
    ConnectStart, // TCP connect began
    Connected,    // TCP connected
    Sent,         // request bytes written
    ServerAccept, // server accepted it (from the server's observer or Server-Timing)
    ServerStart,  // server handler started
    ServerEnd,    // server handler finished
    FirstByte,    // first response byte read
    Done,         // response complete, or the request ended in an error
};
inline constexpr int kPhaseCount = 10;

QString phaseName(Phase phase); // "created", "server_accept", ...: used by every export
std::optional<Phase> phaseFromName(const QString &name);

enum class RequestStatus : std::uint8_t {
    Pending,       // not finished yet
    Ok,            // 2xx
    HttpError,     // any other HTTP status; see httpStatus
    Timeout,       // the per-request timeout expired
    Refused,       // connection refused / unreachable
    Cancelled,     // the run was cancelled
    ProtocolError, // the response was not valid HTTP, or the peer closed early
};

QString statusName(RequestStatus status); // "ok", "http_error", "timeout", ...
std::optional<RequestStatus> statusFromName(const QString &name);

struct RequestRecord {
    int id = 0;
    std::array<Nanos, kPhaseCount> at{kUnset, kUnset, kUnset, kUnset, kUnset,
                                      kUnset, kUnset, kUnset, kUnset, kUnset};
    RequestStatus status = RequestStatus::Pending;
    std::uint16_t httpStatus = 0;
    std::int32_t threadId = 0;      // OS thread id (gettid) that ran the request
    std::int32_t processId = 0;     // OS process id
    std::int16_t serverWorker = -1; // server worker that handled it, -1 if unknown
    std::int32_t logicalLane = -1;  // the strategy's own lane: task, slot, pool thread index
    QString error;                  // human-readable reason when it failed

    Nanos phase(Phase p) const { return at[static_cast<int>(p)]; }
    bool has(Phase p) const { return phase(p) != kUnset; }
    bool finished() const { return status != RequestStatus::Pending; }
    // Convenience spans; kUnset when either end is missing.
    Nanos span(Phase from, Phase to) const {
        return has(from) && has(to) ? phase(to) - phase(from) : kUnset;
    }
    bool operator==(const RequestRecord &) const = default;
};

// A thread or worker process coming and going, drawn on its lane.
enum class LaneEventKind : std::uint8_t {
    ThreadStarted,
    ThreadFinished,
    ProcessSpawned, // fork/exec issued
    ProcessReady,   // the worker said hello over its pipe
    ProcessExited,  // normal exit
    ProcessCrashed, // killed by a signal or exited non-zero
};

QString laneEventName(LaneEventKind kind);
std::optional<LaneEventKind> laneEventFromName(const QString &name);

struct LaneEvent {
    LaneEventKind kind = LaneEventKind::ThreadStarted;
    Nanos at = kUnset;
    std::int32_t threadId = 0;
    std::int32_t processId = 0;
    std::int32_t logicalLane = -1;
    QString detail; // e.g. "signal 9"
    bool operator==(const LaneEvent &) const = default;
};

// A request to the embedded server that was not the run's own (another program during the run:
// no X-Request-Id, or one the run did not send; or an earlier run's request the server was still
// working on, earlierRun). Only the server saw it, on the run's clock; it held a worker all the
// same, so worker lanes and the busy-workers count show it.
struct OutsideRequest {
    QString requestId;        // its X-Request-Id value, "" if none
    Nanos accepted = kUnset;  // connection accepted (or first byte on a kept-alive one)
    Nanos started = kUnset;   // handler started; kUnset while queued
    Nanos ended = kUnset;     // handler finished; kUnset while running
    std::int16_t worker = -1; // server worker that served it
    std::uint16_t httpStatus = 0;
    // One of our own earlier runs' requests (its X-Request-Id has an older run generation): the
    // work a stopped run left in the shared server, which this run's requests queue behind.
    bool earlierRun = false;
    bool operator==(const OutsideRequest &) const = default;
};

} // namespace reqlanes
