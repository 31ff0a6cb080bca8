// Watch mode on loopback for tests: the real slow server reporting to a WatchRecorder, real
// sockets of the test as the "other program", and the waits such a test needs (a condition
// polled with a deadline, a session ended the way the app ends it).
#pragma once

#include "watch/watchrecorder.h"

#include "eventually.h"
#include "testserver.h"

#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace reqlanes {

class WatchedServer {
public:
    // Starts the server with `config` reporting to a new recorder; false (see error()) if not.
    bool start(const watch::WatchSettings &settings, const server::ServerConfig &config) {
        m_recorder = std::make_unique<watch::WatchRecorder>(settings);
        return m_server.start(config, m_recorder.get());
    }
    void stop() { m_server.stop(); } // no event after this
    QString error() const { return m_server.error(); }
    std::uint16_t port() const { return m_server.port(); }
    watch::WatchRecorder &recorder() { return *m_recorder; }

    // Polls as the app's timer does until a session ends; an empty Run after `timeoutMs`.
    Run finishedSession(int timeoutMs = 5000) {
        std::vector<Run> done;
        eventually(
            [&] {
                m_recorder->poll();
                auto taken = m_recorder->takeFinishedSessions();
                done.insert(done.end(), taken.begin(), taken.end());
                return !done.empty();
            },
            timeoutMs);
        return done.empty() ? Run{} : done.front();
    }

private:
    std::unique_ptr<watch::WatchRecorder> m_recorder;
    TestServer m_server;
};

} // namespace reqlanes
