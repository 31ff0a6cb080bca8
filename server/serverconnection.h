// The event loop's bookkeeping for one client socket: where it is in the request/response
// cycle, its parser, unsent output and current deadline. A plain record that ServerLoop drives;
// it only knows how to push its own output into the socket.
#pragma once

#include "httprequestparser.h"
#include "uniquefd.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reqlanes::server {

enum class ConnectionState {
    Reading,   // waiting for (the rest of) a request; deadline: the header timeout
    Busy,      // its request is queued or running; not read meanwhile (pipelined bytes wait)
    Writing,   // the response did not fit the socket buffer; deadline: a reader that stalls
    Lingering, // sent its last response and shut down writing; drains input until EOF
    Closed,    // socket closed; the record goes at the end of the loop iteration
};

struct ServerConnection {
    ServerConnection(UniqueFd fd, std::uint64_t connectionId, std::size_t maxHeaderBytes,
                     std::int64_t acceptedNs,
                     const std::vector<std::string> *keptBodyPaths = nullptr)
        : socket(std::move(fd))
        , id(connectionId)
        , parser(maxHeaderBytes, keptBodyPaths)
        , arrivedNs(acceptedNs)
        , headCapacity(maxHeaderBytes + 4) {}

    enum class FlushResult { Done, Pending, Failed };
    FlushResult flush(); // sends what it can of `output` without blocking

    UniqueFd socket;
    std::uint64_t id;
    ConnectionState state = ConnectionState::Reading;
    std::uint32_t events = 0; // current epoll interest
    HttpRequestParser parser;
    std::int64_t arrivedNs; // accepted, or the first byte of a later request on it
    bool servedOne = false; // a response went out: later requests time from their first byte
    std::string pending;    // received after the current request ended (pipelining)
    std::int64_t pendingReceivedNs = 0; // when `pending` came in: the write it arrived in
    std::string output;
    std::size_t outputSent = 0;
    bool closeAfterWrite = false;
    std::uint64_t deadline = 0; // TimerQueue sequence of the live deadline, 0 = none
    // For the observer's connection events (ConnectionReporter); untouched when unobserved.
    std::string head;             // the current request's head bytes, up to headCapacity
    std::size_t headCapacity;     // the header cap plus its blank line
    int responseStatus = 0;       // of the response being written
    std::int64_t respondedNs = 0; // when it started to go out
    // Its request's first byte, held back from the observer while the request may still be for
    // an ingest endpoint (ingestendpoints.h), which the observer never sees.
    bool beganPending = false;
    std::int64_t beganReceivedNs = 0;
    std::int64_t beganAtNs = 0;
    bool unobserved = false; // the current request is an ingest request: no request events
    // Refused over the connection cap before any request byte came: its 503 answers a request
    // only if one arrives while it lingers (ServerLoop::drain).
    bool refusedUnasked = false;
};

} // namespace reqlanes::server
