// The deliberately slow HTTP server that reqlanes measures clients against, as a library: the
// app and the CLI embed it in-process (core's EmbeddedTarget), reqlanes-server runs it alone.
// GET and HEAD on any path answer after the configured latency (or ?delay=MS, 0..60000) with
// Server-Timing ("queue;dur=..., app;dur=..."), X-Worker and the client's X-Request-Id echoed.
//
// Worker ids: in sync mode workers 0..W-1, a request taking the lowest free one. Async mode has
// no workers, so X-Worker and ServerRequestEvent::worker give the lowest free *handler slot*:
// requests running at the same time always have distinct ids, and the ids stay compact (as
// many as the peak concurrency), so they can be drawn as lanes.
#pragma once

#include "ingestendpoints.h"
#include "serverconfig.h"
#include "serverobserver.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace reqlanes::server {

class ServerLoop;

class SlowServer { // RAII: the destructor stops and joins
public:
    // `observer` (not owned) is called from the server's threads until stop() returns: it must
    // outlive the server, or the server must be stopped first.
    // `ingest`: paths answered at once by their handlers, never as slow work (ingestendpoints.h).
    explicit SlowServer(ServerConfig config, ServerObserver *observer = nullptr,
                        IngestEndpoints ingest = {});
    ~SlowServer();
    SlowServer(const SlowServer &) = delete;
    SlowServer &operator=(const SlowServer &) = delete;

    // Validates the config, binds, listens, starts the I/O thread; false + reason on failure
    // (invalid config, port in use...). Once running, a second start() fails.
    bool start(std::string *error = nullptr);
    // Prompt: closes the listener and every connection (in-flight requests are abandoned
    // without observer events), joins the I/O thread; idempotent. Not from an observer callback.
    void stop();
    std::uint16_t port() const; // the bound port (also for config().port == 0), 0 before start
    std::string url() const;    // "http://127.0.0.1:PORT/" (a wildcard bind gives loopback)
    const ServerConfig &config() const { return m_config; }

private:
    ServerConfig m_config;
    ServerObserver *m_observer;
    IngestEndpoints m_ingest;
    std::mutex m_mutex; // start() against stop()
    std::unique_ptr<ServerLoop> m_loop;
    std::thread m_thread;
    std::uint16_t m_port = 0;
};

} // namespace reqlanes::server
