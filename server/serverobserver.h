// What the slow server tells an in-process listener, so the app can draw what the server sees on
// the same clock as its client lanes. Two levels:
//  - request events (queued / started / finished, with the worker): core's EmbeddedTarget joins
//    them to its own requests by X-Request-Id;
//  - connection events (accepted, request received, refused, response written, closed): core's
//    WatchRecorder draws the requests of *other* programs from them (watch mode).
#pragma once

#include <cstdint>
#include <string>

namespace reqlanes::server {

// Timestamps are absolute std::chrono::steady_clock nanoseconds (time_since_epoch), the one
// clock every process shares (CLOCK_MONOTONIC), so the client can put them on its timeline.
struct ServerRequestEvent {
    std::string requestId;          // the client's X-Request-Id ("" if none)
    std::int64_t acceptedNs;        // connection accepted, or for a later request on a kept-alive
                                    // connection, its first byte
    std::int64_t startedNs;         // handler started (got a worker)
    std::int64_t finishedNs;        // handler finished (response about to be written)
    int worker;                     // 0-based; in async mode the lowest free handler slot
    int status;                     // HTTP status sent
    std::uint64_t connectionId = 0; // as in ServerConnectionEvent
};

// One moment in a connection's life. Connection ids are unique for the server's lifetime and
// never 0. A connection carries at most one request at a time (no pipelined overlap), so
// request-level events of a connection always concern its latest received request.
struct ServerConnectionEvent {
    std::uint64_t connectionId = 0;
    std::int64_t atNs = 0; // when it happened
    // connectionAccepted: both ends, numeric ("127.0.0.1", "::1"), as the kernel reports them;
    // the peer's address and port identify the client's socket in /proc/net/tcp{,6}.
    std::string peerAddress;
    std::uint16_t peerPort = 0;
    std::string localAddress;
    std::uint16_t localPort = 0;
    // requestBegan: the first byte of a request arrived. arrivedNs: when the server received it
    // (for a request that came in one write behind an earlier one on its connection, pipelined,
    // that write), atNs: when the server began reading it (later than arrivedNs only for such a
    // pipelined request, which waited behind the one before it).
    // requestReceived: the head is complete. arrivedNs: accepted, or the request's first byte
    // on a kept-alive connection (the start of the Server-Timing queue). requestId = X-Request-Id,
    // clientLane = X-Client-Lane (both as sent, at most 200 bytes, "" if absent).
    std::int64_t arrivedNs = 0;
    std::string method;
    std::string target; // at most 200 bytes
    std::string requestId;
    std::string clientLane;
    std::string traceParent; // requestReceived: its W3C traceparent header, "" if none
    // requestRefused / responseWritten: the status sent; refused also says why ("400 Bad
    // Request", "request not received within 5000 ms"). responseWritten: respondedNs is when
    // the response started to go out, atNs when its last byte was handed to the kernel.
    int status = 0;
    std::string reason;
    std::int64_t respondedNs = 0;
};

// Request events: only requests that reach a handler or its queue are reported: refusals
// answered at the door (400, 405, 408, 429, 431, 503...) have no worker and are not (they are
// connection events, requestRefused). A request whose client reset its connection while it was
// queued is dropped (requestDropped: it never runs); one already running still finishes and is
// reported as finished.
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
    // A queued request left the queue without running: startedNs = -1, finishedNs = when it was
    // dropped, worker = -1, status = 0. Whoever counts what the server still holds needs it.
    virtual void requestDropped(const ServerRequestEvent &) {}

    // Connection events, in order per connection: accepted, then per request began (its first
    // byte), received (optionally refused) and written, finally closed. A request refused before
    // its head was complete (malformed, too large, too slow: 400, 408, 431...) gets
    // requestRefused without requestReceived. Connections over the cap are accepted, refused
    // with 503 (no bytes read, so no requestBegan) and closed; requestRefused only when request
    // bytes had come on it (else it carried no request: a client's spare connection, dialled
    // and never used), or requestBegan, requestRefused and responseWritten together when they
    // come after its 503 went out. A connection closed while its
    // handler runs reports connectionClosed before that handler's requestFinished.
    // Nothing is reported after SlowServer::stop() begins.
    virtual void connectionAccepted(const ServerConnectionEvent &) {}
    virtual void requestBegan(const ServerConnectionEvent &) {}
    virtual void requestReceived(const ServerConnectionEvent &) {}
    virtual void requestRefused(const ServerConnectionEvent &) {}
    virtual void responseWritten(const ServerConnectionEvent &) {}
    // reason: "closed by client", "reset by client", "closed after response", "idle timeout"...
    virtual void connectionClosed(const ServerConnectionEvent &) {}
};

} // namespace reqlanes::server
