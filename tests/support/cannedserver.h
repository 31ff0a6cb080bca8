// A misbehaving HTTP peer for client fault tests: on 127.0.0.1, an ephemeral port, it reads each
// request's head and answers with the same canned bytes (garbage, half a response, nothing),
// possibly in timed pieces (a server that trickles its body), then closes. One thread, one
// connection at a time, joined by the destructor (which also cuts a trickle short).
#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace reqlanes {

class CannedServer {
public:
    // One piece of the answer, sent delayMs after the previous one (or after the request head).
    struct Piece {
        std::string bytes;
        int delayMs = 0;
    };
    // reply: the bytes sent after the request head; empty: read the request and close.
    explicit CannedServer(std::string reply);
    // The answer in pieces; sending stops early when the client has gone.
    explicit CannedServer(std::vector<Piece> pieces);
    ~CannedServer();
    CannedServer(const CannedServer &) = delete;
    CannedServer &operator=(const CannedServer &) = delete;

    bool listening() const { return m_listenFd >= 0; }
    std::uint16_t port() const { return m_port; }
    QString url() const;
    int connectionsServed() const;
    // Waits until `count` connections have had their whole answer sent and been closed (so the
    // answer and the close sit in the client's socket buffer); false if the timeout passes first.
    bool waitForServed(int count,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

private:
    void serve();
    void answer(int client);

    std::vector<Piece> m_pieces;
    int m_listenFd = -1;
    int m_stopFd = -1; // eventfd: wakes the thread to end
    std::uint16_t m_port = 0;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_servedChanged;
    int m_served = 0; // guarded by m_mutex
    std::thread m_thread;
};

} // namespace reqlanes
