// What the slow server tells an in-process listener about each handled request, so the app can
// draw server-worker lanes on the same clock as its client lanes. Used by core's EmbeddedTarget.
#pragma once

#include <cstdint>
#include <string>

namespace reqlanes::server {

// Timestamps are absolute std::chrono::steady_clock nanoseconds (time_since_epoch), the one
// clock every process shares (CLOCK_MONOTONIC), so the client can put them on its timeline.
struct ServerRequestEvent {
    std::string requestId;   // the client's X-Request-Id ("" if none)
    std::int64_t acceptedNs; // connection accepted, or for a later request on a kept-alive
                             // connection, its first byte
    std::int64_t startedNs;  // handler started (got a worker)
    std::int64_t finishedNs; // handler finished (response about to be written)
    int worker;              // 0-based; in async mode the lowest free handler slot
    int status;              // HTTP status sent
};

// Only requests that reach a handler are reported: refusals answered at the door (400, 405,
// 408, 429, 431, 503...) have no worker and are not. A request whose client vanished while it
// was queued is dropped without events; one already running still finishes and is reported.
// Called on the server's I/O thread: implementations must be quick and thread-safe, and must
// not call SlowServer::stop().
class ServerObserver {
public:
    virtual ~ServerObserver() = default;
    // No worker free: it waits in the queue (startedNs = finishedNs = -1, worker = -1). Lets a
    // live view show the wait as it happens, not only once the handler starts.
    virtual void requestQueued(const ServerRequestEvent &) {}
    virtual void requestStarted(const ServerRequestEvent &) {} // finishedNs = -1, status = 0
    virtual void requestFinished(const ServerRequestEvent &) {}
};

} // namespace reqlanes::server
