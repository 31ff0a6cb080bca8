// The slow server's one I/O thread: a level-triggered epoll loop over non-blocking sockets that
// accepts, reads and parses requests, hands them to the RequestScheduler, writes responses and
// enforces every protective limit (header timeout, connection cap, lingering close). One
// thread and no thread per connection, so async mode holds 10,000 connections on two cores.
#pragma once

#include "connectionreporter.h"
#include "ingestendpoints.h"
#include "requestscheduler.h"
#include "serverconfig.h"
#include "serverconnection.h"
#include "serverobserver.h"
#include "timerqueue.h"
#include "uniquefd.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace reqlanes::server {

class ServerLoop {
public:
    ServerLoop(const ServerConfig &config, ServerObserver *observer, UniqueFd listener,
               IngestEndpoints ingest = {});
    ~ServerLoop();
    ServerLoop(const ServerLoop &) = delete;
    ServerLoop &operator=(const ServerLoop &) = delete;

    bool init(std::string *error); // epoll and the wake-up eventfd; before run()
    void run();                    // on the I/O thread, until requestStop()
    void requestStop();            // any thread; run() then closes every connection and returns

private:
    void acceptConnections();
    // A connection past the cap gets a 503 and is closed. Reported as a refused request only if
    // request bytes came on it (already there, or while the refusal lingers): one that sent
    // nothing is reported accepted and closed, and carried no request.
    void refuseOverCapacity(UniqueFd socket, std::int64_t nowNs);
    HttpResponse overCapacityRefusal() const;
    void shedOneConnection(); // out of file descriptors: accept one and close it at once
    void onEvent(ServerConnection &connection, std::uint32_t events, std::int64_t nowNs);
    void readRequest(ServerConnection &connection, std::int64_t nowNs);
    // `receivedNs`: when the bytes came off the socket (earlier than now for pipelined bytes
    // that waited in `pending`).
    void parseInput(ServerConnection &connection, std::string_view bytes, std::int64_t receivedNs,
                    std::int64_t nowNs);
    // The head asked for "Expect: 100-continue" and its body is due: RFC 9110 10.1.1.
    void sendContinue(ServerConnection &connection, std::int64_t nowNs);
    void dispatch(ServerConnection &connection, std::int64_t nowNs);
    // A request for an ingest endpoint, complete: its handler answers at once.
    void answerIngest(ServerConnection &connection, std::int64_t nowNs);
    // Reports the request's first byte once it is known not to be an ingest request (`final`:
    // it will never be known, say the connection closed first); an ingest request's never.
    void settleBegan(ServerConnection &connection, bool final);
    void respond(ServerConnection &connection, const HttpResponse &response, std::int64_t nowNs);
    void afterWrite(ServerConnection &connection, std::int64_t nowNs);
    void beginLinger(ServerConnection &connection, std::int64_t nowNs);
    void drain(ServerConnection &connection, std::int64_t nowNs);
    void onDeadline(std::uint64_t connectionId, std::uint64_t sequence, std::int64_t nowNs);
    void closeConnection(ServerConnection &connection, const char *reason, std::int64_t nowNs);
    void setInterest(ServerConnection &connection, std::uint32_t events);
    void armDeadline(ServerConnection &connection, std::int64_t deadlineNs);
    ServerConnection *find(std::uint64_t connectionId);
    int epollTimeoutMs(std::int64_t nowNs) const;
    void processTimers();
    void processReady();
    void reapClosed();

    ServerConfig m_config;
    std::int64_t m_headerTimeoutNs;
    UniqueFd m_listener;
    UniqueFd m_epoll;
    UniqueFd m_wakeup;
    UniqueFd m_spareFd; // released to accept-and-close when the process runs out of descriptors
    RequestScheduler m_scheduler;
    ConnectionReporter m_reporter;
    IngestEndpoints m_ingest;
    TimerQueue m_deadlines;
    std::unordered_map<std::uint64_t, std::unique_ptr<ServerConnection>> m_connections;
    std::size_t m_open = 0; // connections not yet Closed
    std::uint64_t m_nextId;
    std::deque<std::uint64_t> m_ready;   // back to Reading with pipelined bytes to parse
    std::vector<std::uint64_t> m_closed; // Closed, to erase at the end of the iteration
    std::vector<char> m_buffer;          // one read buffer for every connection
};

} // namespace reqlanes::server
