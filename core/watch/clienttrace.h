// A traced program's own account of its requests in one watch session: the client-side events of
// the Python tracer (python/reqlanes_trace/events.py documents the kinds and fields), gathered per
// request as they arrive, then joined onto what the server saw of the same requests by their
// X-Request-Id. Both sides' times are CLOCK_MONOTONIC nanoseconds (Python's time.monotonic_ns()
// and our steadyNowNs() read the same clock on Linux), so no clock exchange is needed.
//
// The join gives a traced request the phases a built-in strategy's request has:
//   created   when it began waiting for its semaphore (or acquired it at once), else when the
//             library began the request;
//   acquired  when it got what it waited for last: the semaphore, or a connection from aiohttp's
//             connector / urllib3's pool (unset while, or when, it never got one);
//   connect start / connected, sent, first byte (the response head), done: the client's;
//   server accept / start / end: the server's.
// A request the server never saw (it timed out waiting for a connection) becomes a request of its
// own, with its client phases only; so does a task still waiting for its semaphore (its request
// has not begun, so it has no id yet): live, the held-back requests grow grey as a built-in
// strategy's do. Threads that ran requests and worker processes get their life
// events (started, spawned, ready, exited) on their lanes.
//
// Not thread-safe: WatchRecorder calls it with its mutex held.
#pragma once

#include "model/run.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace reqlanes::watch {

class ClientTrace {
public:
    // One event of the channel. Events of kinds it does not know, or without the fields their
    // kind needs, are skipped (a newer tracer may send more), and counted.
    void add(const QJsonObject &event);

    bool empty() const { return m_requests.empty() && m_lifecycle.empty() && m_semaphores.empty(); }
    int requestCount() const { return int(m_requests.size()); }
    int skipped() const { return m_skipped; }
    // Events the tracer itself dropped (its buffer was full while the sink was unknown).
    int droppedByTracer() const { return m_droppedByTracer; }
    // The earliest moment of a traced request (or a task's wait for its semaphore) or a
    // process/thread life event (absolute ns), or
    // -1 when there is none: a session that begins with client events begins there.
    std::int64_t earliestNs() const;

    // Joins onto `session`, a watch session whose times count from `originNs` (absolute; the
    // recorder moves a session's origin back to earliestNs() first, Run::shiftTimes, so a request
    // that waited in the client before its first byte reached the server is drawn from its
    // start; an event still earlier is drawn from the session's start). Fills Run::clientSides
    // (one per request).
    void joinInto(Run &session, std::int64_t originNs) const;

private:
    struct Request {
        QString id;
        QString method, url, library;
        std::int32_t processId = 0, threadId = 0;
        QString task, taskName;
        ClientWaitSpan semaphore, connection; // absolute ns here
        std::int64_t start = -1, connectStart = -1, connectEnd = -1, sent = -1, head = -1, end = -1;
        int httpStatus = 0;
        double timeoutS = 0;
        QString error;
        bool timedOut = false;
        bool refused = false;
    };
    // A task's semaphore: still waited for (span.to unset), or acquired and not yet given to a
    // request it made (pending).
    struct HeldSemaphore {
        ClientWaitSpan span;
        bool pending = false;
        std::int32_t processId = 0, threadId = 0;
        QString taskName;
    };
    struct Lifecycle {
        LaneEvent event; // `at` absolute here
        QString childName;
    };

    Request *requestOf(const QJsonObject &event);

    std::vector<Request> m_requests;
    QHash<QString, int> m_byId;                 // X-Request-Id -> latest request with it
    QHash<QString, HeldSemaphore> m_semaphores; // by task key
    std::vector<Lifecycle> m_lifecycle;
    int m_skipped = 0;
    int m_droppedByTracer = 0;
};

} // namespace reqlanes::watch
