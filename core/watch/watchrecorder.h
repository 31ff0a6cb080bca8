// Records what reaches the embedded server from other programs (watch mode): listens to the
// server's connection and request events, builds the session in progress as a Run (records on
// one steady clock, the connection and client process of each request, the cooperating headers
// X-Request-Id and X-Client-Lane) and closes it after an idle gap. Owners: WatchController (app)
// and the CLI's --watch; both poll() it on a timer and take finished sessions.
//
// Threads: server events arrive on the server's I/O thread, snapshots are taken on the owner's;
// one mutex guards the session (held for microseconds per event, never during I/O). Client
// processes are looked up on a thread of its own, batched, so a flood of connections costs the
// server nothing; a lookup that misses (the client is gone) leaves the process unknown.
#pragma once

#include "formats/otlprun.h"
#include "model/run.h"
#include "watch/clienttrace.h"
#include "watch/peerprocesslookup.h"
#include "watch/sessionsplitter.h"

#include "serverobserver.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace reqlanes::watch {

struct WatchSettings {
    std::int64_t idleGapNs = SessionSplitter::kDefaultIdleGapNs;
    int maxRequestsPerSession = 100000; // past it requests are counted in droppedRequests only
    bool lookUpProcesses = true;        // false: every client process is unknown
    ServerSettings server;              // recorded in each session's Scenario
};

// The session in progress as its owner keeps it between frames (WatchController): brought up to
// date by WatchRecorder::updateLiveSession, which copies only what changed since the last update.
struct LiveSession {
    Run run;
    // The last update: what changed in `run` (changes.source: which series of updates of the
    // recorder `run` belongs to, 0 none yet; changes.to: its number in it).
    RunChanges changes;
};

class WatchRecorder final : public server::ServerObserver {
public:
    explicit WatchRecorder(WatchSettings settings = {});
    ~WatchRecorder() override; // joins the lookup thread
    WatchRecorder(const WatchRecorder &) = delete;
    WatchRecorder &operator=(const WatchRecorder &) = delete;

    void setIdleGapNs(std::int64_t gapNs);
    void setServerSettings(const ServerSettings &server);

    // Ends the session once it has been idle for the gap; call on a timer (10 Hz is plenty).
    // Returns true when a session ended.
    bool poll(std::int64_t nowNs = steadyNowNs());
    // Ends the session in progress now (the user's key); requests still in progress in it are
    // recorded as cancelled. Returns false when there was none.
    bool endSession(std::int64_t nowNs = steadyNowNs());

    // The program the session belongs to has exited (reqlanes started it): its requests are
    // over, but the server may still work on some its client gave up on (abandoned work). The
    // session ends on the first poll() at which nothing is in progress any more, or at
    // `deadlineNs` at the latest. False when no session is in progress.
    bool endSessionWhenServed(std::int64_t deadlineNs);
    // A deadline for endSessionWhenServed: long enough for any handler of the server's settings
    // to end (its latency twice, plus a second), from `nowNs`.
    std::int64_t servedDeadlineNs(std::int64_t nowNs = steadyNowNs()) const;

    // The server stopped (or restarts with new settings): it closed every connection without
    // events, so their requests in progress end here, failed, and the connections are forgotten.
    void serverStopped(std::int64_t nowNs = steadyNowNs());

    // Requests that received OpenTelemetry spans describe (watch/otlpreceiver.h), their
    // phases in Unix nanoseconds; `unixToSteadyNs` converts those to the steady clock. They join
    // the session in progress (one begins with them if none is), each onto the request the
    // server observed with its traceparent, else as a request of its own (watch/spanjoin.h).
    // Any thread.
    void addSpans(const std::vector<TracedRequest> &requests, std::int64_t unixToSteadyNs,
                  std::int64_t nowNs = steadyNowNs());

    // A batch of a traced program's client-side events (watch/clienttrace.h), in the order it
    // sent them. They join the session in progress (one begins with them, at their earliest
    // moment, if none is); the join is made on each snapshot and when the session ends, so
    // events may come before or after the server saw their requests. Any thread.
    void addClientEvents(std::vector<QJsonObject> events, std::int64_t nowNs = steadyNowNs());

    bool inSession() const;
    // The session in progress, elapsed = now; nullopt when none. A whole copy.
    std::optional<Run> liveSession(std::int64_t nowNs = steadyNowNs()) const;
    // Makes `live.run` what liveSession(nowNs) returns; false (and `live` untouched) when no
    // session is in progress. Copies only the requests and connections that changed since the
    // last update of the same `live` (a 100,000-request session is a few hundred of them a
    // frame), so the server's I/O thread, which needs the same lock for every event, is not held
    // up by a whole copy. One owner's `live` at a time is brought up to date incrementally; any
    // other, or a session that received spans or client events, is copied whole.
    bool updateLiveSession(LiveSession &live, std::int64_t nowNs = steadyNowNs());
    // Sessions finished since the last call, oldest first.
    std::vector<Run> takeFinishedSessions();
    int finishedSessionCount() const; // ever finished, taken or not

    // ServerObserver, on the server's I/O thread.
    void requestQueued(const server::ServerRequestEvent &) override {}
    void requestStarted(const server::ServerRequestEvent &event) override;
    void requestFinished(const server::ServerRequestEvent &event) override;
    void connectionAccepted(const server::ServerConnectionEvent &event) override;
    void requestBegan(const server::ServerConnectionEvent &event) override;
    void requestReceived(const server::ServerConnectionEvent &event) override;
    void requestRefused(const server::ServerConnectionEvent &event) override;
    void responseWritten(const server::ServerConnectionEvent &event) override;
    void connectionClosed(const server::ServerConnectionEvent &event) override;

private:
    struct Connection {
        std::int64_t acceptedNs = 0;
        QString peer;
        PeerProcess process;
        int generation = -1; // the session in which `index` is valid
        int index = -1;      // in that session's Run::connections
        int request = -1;    // its request in progress: an index in the Run, -1 none, -2 dropped
        bool requestOpen = false;
        bool handlerRunning = false; // its request is in a handler (started, not yet finished)
    };
    // A handler whose client left: still in progress (the session waits for it) until the
    // server reports its end.
    struct Abandoned {
        int generation;
        int request; // -1: not recorded (over the cap, or its session ended early)
    };
    struct LookupJob {
        std::uint64_t connectionId;
        Endpoint peer, local;
    };

    // All with m_mutex held.
    Nanos sinceOrigin(std::int64_t absoluteNs) const;
    void startSession(std::int64_t originNs);
    RequestRecord *current(Connection &connection);
    int beginRequest(std::uint64_t connectionId, Connection &connection, std::int64_t arrivedNs);
    // The connection is done with its request; `handlerDone` false when its handler still runs
    // (the client left): then the request stays in progress until requestFinished.
    void endRequest(Connection &connection, std::int64_t atNs, bool handlerDone = true);
    int connectionIndex(std::uint64_t connectionId, Connection &connection);
    void closeSession(std::int64_t nowNs);
    // What changed since the last updateLiveSession: only records it already copied need noting.
    void touchRequest(int id);
    void touchConnection(int index);
    // The session-wide fields of a live copy (elapsed, scenario, name, spans, client events).
    void finishLiveCopy(Run &run, std::int64_t nowNs) const;

    void lookupLoop();

    WatchSettings m_settings;
    mutable std::mutex m_mutex;
    SessionSplitter m_splitter;
    std::unordered_map<std::uint64_t, Connection> m_connections;
    std::unordered_map<std::uint64_t, Abandoned> m_abandoned; // handler outlived its client
    std::unordered_map<std::uint64_t, int> m_sessionIndex;    // server id -> Run::connections
    int m_generation = 0;
    std::int64_t m_originNs = 0;
    std::int64_t m_lastActivityNs = 0;
    std::int64_t m_lastSessionEndNs = 0; // a new session never begins before the last one ended
    std::int64_t m_endWhenServedNs = -1; // endSessionWhenServed's deadline; -1: not asked
    Run m_run;
    std::vector<std::vector<int>> m_requestsOfConnection; // per Run::connections index: its ids
    // The delta since the last updateLiveSession (of the LiveSession with m_deltaSerial): the
    // records below m_copiedRequests / m_copiedConnections it had that changed since.
    std::uint64_t m_deltaSerial = 0, m_liveVersion = 0;
    int m_deltaGeneration = -1;
    std::size_t m_copiedRequests = 0, m_copiedConnections = 0;
    std::vector<char> m_requestTouched, m_connectionTouched;
    std::vector<int> m_touchedRequests, m_touchedConnections;
    ClientTrace m_clientTrace; // the session's client-side events, joined on each snapshot
    std::vector<Run> m_finished;
    int m_finishedTotal = 0;

    std::mutex m_lookupMutex;
    std::condition_variable m_lookupWake;
    std::deque<LookupJob> m_lookups;
    bool m_stopping = false;
    std::thread m_lookupThread;
};

} // namespace reqlanes::watch
