// Owns a run's records while it happens. Every request has a preallocated slot of atomics, so
// strategy threads, the server's I/O thread and the process-pool reader write without a shared
// lock; the GUI takes snapshot() at ~60 Hz. Phases are set once, so a snapshot taken mid-write
// shows at worst a request one phase behind, never a torn value. It also knows which of the run's
// requests the server still holds, so the Runner can wait for abandoned work before it stops the
// server (see serverdrain.h).
#pragma once

#include "model/canceltoken.h"
#include "model/clock.h"
#include "model/requestrecord.h"
#include "run/runrequestid.h"
#include "uniquefd.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace reqlanes {

class RunRecorder {
public:
    // origin: absolute steady_clock ns of the run's start (steadyNowNs()). generation: the run's
    // part of its requests' X-Request-Ids (runrequestid.h); a fresh one unless a test picks it.
    RunRecorder(int requestCount, std::int64_t originNs,
                std::uint32_t generation = nextRunGeneration());
    RunRecorder(const RunRecorder &) = delete;
    RunRecorder &operator=(const RunRecorder &) = delete;

    int size() const { return m_count; }
    std::int64_t originNs() const { return m_originNs; }
    std::uint32_t generation() const { return m_generation; }
    Nanos now() const { return steadyNowNs() - m_originNs; }
    Nanos fromSteady(std::int64_t absoluteNs) const { return absoluteNs - m_originNs; }

    // Stamps a phase now, or at a given time since origin. A later stamp of the same phase is
    // ignored, so retries and racing reporters cannot move a phase.
    void mark(int id, Phase phase) { markAt(id, phase, now()); }
    void markAt(int id, Phase phase, Nanos at);
    // Where the request runs: OS thread and process, and the strategy's logical lane.
    void setPlacement(int id, std::int32_t threadId, std::int32_t processId, std::int32_t lane);
    void setServerWorker(int id, int worker);
    // Ends a request: stamps Done (if not yet) and publishes the status. First call wins.
    // Returns false if it had already finished.
    bool finish(int id, RequestStatus status, int httpStatus = 0, const QString &error = {});
    // Stamps `phase` of every request at one moment, now: the strategies that create all N
    // requests before starting any (a thread each, asyncio.gather) mark Created with it.
    void markAll(Phase phase);
    // Ends every request not finished yet with this status and error (finish() ignores the
    // others): a cancel, a strategy that could not start, one that left requests behind.
    void finishUnfinished(RequestStatus status, const QString &error);

    void addLaneEvent(LaneEvent event); // rare: threads and processes coming and going
    // Another client's request to the embedded server (rare, under the same lock as lane
    // events). Its events come one by one (queued, started, finished); they are joined by
    // (requestId, accepted), and later events fill in what earlier ones did not know.
    void recordOutside(const OutsideRequest &request);
    int finishedCount() const { return m_finished.load(std::memory_order_acquire); }
    bool allFinished() const { return finishedCount() == m_count; }

    // The server's side, from its request events only (the client's Server-Timing estimates
    // stamp the same phases, so the phases cannot tell): a request is held from its queued or
    // started event until its finished event. Each request is held and released at most once.
    void serverHolds(int id);
    void serverReleases(int id);
    int serverHeldCount() const { return m_serverHeld.load(std::memory_order_seq_cst); }
    // Blocks until the server holds none of the run's requests (true), or until `timeout` has
    // passed or `cancel` fires (false). One waiter at a time.
    bool waitForServerRelease(Nanos timeout, const CancelToken &cancel);

    // A copy of everything so far; cheap enough for 60 Hz at 100k requests.
    std::vector<RequestRecord> records() const;
    // Brings `records` up to now, copying only the records written since the copy `versions`
    // describes: both empty (or of another size) take every record. `versions` holds each
    // record's write count at its copy and is kept by the caller between calls (one pair per
    // caller). The ids copied are appended to `changed` in ascending order. A live window's
    // frame: about 0.1 ms at 100k requests when few changed, against 2 ms for records().
    void updateRecords(std::vector<RequestRecord> &records, std::vector<std::uint32_t> &versions,
                       std::vector<int> &changed) const;
    std::vector<LaneEvent> laneEvents() const;
    std::vector<OutsideRequest> outsideRequests() const; // in order of acceptance

    // Current OS thread / process ids, for setPlacement and lane events.
    static std::int32_t currentThreadId();
    static std::int32_t currentProcessId();
    // What one request costs the recorder (the scale benchmark reports it).
    static std::size_t bytesPerRequest() { return sizeof(Slot) + sizeof(std::uint32_t); }

private:
    // 10 x 8 + 24 bytes: keeps the recorder under 128 bytes per request.
    struct Slot {
        std::array<std::atomic<Nanos>, kPhaseCount> at;
        std::atomic<std::int32_t> threadId{0};
        std::atomic<std::int32_t> processId{0};
        std::atomic<std::int32_t> logicalLane{-1};
        std::atomic<std::int16_t> serverWorker{-1};
        std::atomic<std::uint16_t> httpStatus{0};
        std::atomic<std::uint8_t> status{0};
        std::atomic<std::uint8_t> serverHold{0}; // ServerHold
    };
    enum ServerHold : std::uint8_t { kNotSeen, kHeld, kReleased };

    int m_count;
    std::int64_t m_originNs;
    std::uint32_t m_generation;
    std::unique_ptr<Slot[]> m_slots;
    // Per slot, bumped (release) after each write to it, so a reader that sees the count unchanged
    // since its copy knows the copy is current (updateRecords). Apart from the slots: a frame
    // reads 400 kB of counts at 100k requests instead of every slot's cache lines (0.7 ms).
    std::unique_ptr<std::atomic<std::uint32_t>[]> m_writes;
    std::atomic<int> m_finished{0};
    std::atomic<int> m_serverHeld{0};
    // Written once the server holds nothing while someone waits; polled next to the cancel fd,
    // which is why the wait is not a condition variable.
    std::atomic<bool> m_releaseAwaited{false};
    server::UniqueFd m_releaseFd;

    mutable std::mutex m_rareMutex; // lane events and error texts only, never during I/O
    std::vector<LaneEvent> m_laneEvents;
    std::vector<OutsideRequest> m_outside;
    std::unordered_map<int, QString> m_errors; // request id -> why it failed
};

} // namespace reqlanes
