// Starts the slow server for one test on an ephemeral 127.0.0.1 port and stops it when the
// test ends, so no test fights another over a port or leaves a server behind. Shared by the
// server, core and app tests; testhttpclient.h comes with it.
#pragma once

#include "testhttpclient.h"

#include "slowserver.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace reqlanes {

class TestServer {
public:
    TestServer() = default;
    ~TestServer(); // stops the server
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    bool start(int workers, int latencyMs, server::ServerMode mode = server::ServerMode::Sync);
    // The config's bindAddress and port are replaced by 127.0.0.1 and an ephemeral port.
    bool start(server::ServerConfig config, server::ServerObserver *observer = nullptr);
    void stop();

    QString error() const { return m_error; } // why start() failed
    QString url() const;                      // "http://127.0.0.1:PORT/"
    std::uint16_t port() const;
    server::SlowServer *server() const { return m_server.get(); }

private:
    std::unique_ptr<server::SlowServer> m_server;
    QString m_error;
};

} // namespace reqlanes
