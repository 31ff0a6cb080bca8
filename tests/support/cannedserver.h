// A misbehaving HTTP peer for client fault tests: on 127.0.0.1, an ephemeral port, it reads each
// request's head and answers with the same canned bytes (garbage, half a response, nothing),
// then closes. One thread, joined by the destructor.
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace reqlanes {

class CannedServer {
public:
    // reply: the bytes sent after the request head; empty: read the request and close.
    explicit CannedServer(std::string reply);
    ~CannedServer();
    CannedServer(const CannedServer &) = delete;
    CannedServer &operator=(const CannedServer &) = delete;

    bool listening() const { return m_listenFd >= 0; }
    std::uint16_t port() const { return m_port; }
    QString url() const;
    int connectionsServed() const { return m_served.load(); }

private:
    void serve();

    std::string m_reply;
    int m_listenFd = -1;
    int m_stopFd = -1; // eventfd: wakes the thread to end
    std::uint16_t m_port = 0;
    std::atomic<int> m_served{0};
    std::thread m_thread;
};

} // namespace reqlanes
