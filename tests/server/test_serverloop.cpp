// The I/O loop's accept: a burst of connections waiting in the listener's backlog is accepted in
// one go, before the loop serves anything else, so a connect storm does not wait an epoll round
// per few hundred connections. The loop is held still inside the observer (called on the I/O
// thread) while the burst queues up, so the order of events shows what one wake-up did.
#include "eventually.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>

using namespace reqlanes;

namespace {

// Records accepts and written responses in order; holds the I/O thread in the first accept until
// released (with a deadline, so a failing test cannot hang the server).
class HoldingObserver final : public server::ServerObserver {
public:
    void connectionAccepted(const server::ServerConnectionEvent &event) override {
        std::unique_lock lock(m_mutex);
        m_events.push_back({Kind::Accepted, event.connectionId});
        if (m_events.size() == 1) {
            m_holding = true;
            m_changed.notify_all();
            m_changed.wait_for(lock, std::chrono::seconds(20), [this] { return m_released; });
        }
    }
    void responseWritten(const server::ServerConnectionEvent &event) override {
        std::lock_guard lock(m_mutex);
        m_events.push_back({Kind::Written, event.connectionId});
    }

    bool waitUntilHolding() {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(5), [this] { return m_holding; });
    }
    void release() {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

    enum class Kind { Accepted, Written };
    struct Event {
        Kind kind;
        std::uint64_t connectionId;
    };
    std::vector<Event> events() const {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Event> m_events;
    bool m_holding = false;
    bool m_released = false;
};

// Connections waiting in the accept queue of the IPv4 listener on `port` (the rx_queue column of
// a LISTEN line in /proc/net/tcp), or -1 if it is not listed.
long acceptQueueLength(std::uint16_t port) {
    std::ifstream table("/proc/net/tcp");
    char portHex[8];
    std::snprintf(portHex, sizeof portHex, ":%04X", unsigned(port));
    std::string line;
    std::getline(table, line); // header
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state, queues;
        fields >> slot >> local >> remote >> state >> queues;
        if (state == "0A" && local.size() > 5 && local.substr(local.size() - 5) == portHex)
            return std::stol(queues.substr(queues.find(':') + 1), nullptr, 16);
    }
    return -1;
}

} // namespace

TEST(ServerLoop, AcceptsTheWholeBacklogBeforeAnsweringARequestThatCameWithIt) {
    // More than the 256 an accept round used to take, fewer than the listen backlog (4096).
    constexpr int kBurst = 600;
    raiseOpenFileLimit(); // the burst's client and server sockets in this one process
    HoldingObserver observer;
    server::ServerConfig config;
    config.mode = server::ServerMode::Async;
    config.latencyMs = 0; // answered on the loop's next timer pass, after this round's events
    TestServer server;
    ASSERT_TRUE(server.start(config, &observer)) << server.error().toStdString();

    TestHttpClient first(server.port());
    ASSERT_TRUE(first.connected()) << first.error();
    ASSERT_TRUE(observer.waitUntilHolding());
    // The loop is held inside its accept round: everything from here queues in the backlog.
    TestHttpClient asking(server.port());
    ASSERT_TRUE(asking.send(TestHttpClient::request("GET", "/")));
    std::vector<TestHttpClient> burst;
    burst.reserve(kBurst);
    for (int i = 0; i < kBurst; ++i) {
        burst.emplace_back(server.port());
        ASSERT_TRUE(burst.back().connected()) << i << ": " << burst.back().error();
    }
    ASSERT_TRUE(eventually([&] { return acceptQueueLength(server.port()) == kBurst + 1; }))
        << "accept queue " << acceptQueueLength(server.port());
    observer.release();

    EXPECT_EQ(asking.readResponse().status, 200);
    // Reported once the response is handed to the kernel: the client may have read it already.
    int acceptedBeforeAnswer = 0;
    ASSERT_TRUE(eventually([&] {
        acceptedBeforeAnswer = 0;
        for (const auto &event : observer.events()) {
            if (event.kind == HoldingObserver::Kind::Written)
                return true;
            ++acceptedBeforeAnswer;
        }
        return false;
    }));
    // The held first one, the asking one and the whole burst: one accept round.
    EXPECT_EQ(acceptedBeforeAnswer, kBurst + 2);
}
