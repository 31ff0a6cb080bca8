// The embedded slow server for one run: starts a SlowServer with the scenario's settings on an
// ephemeral 127.0.0.1 port and forwards its accept/start/end events into the run's recorder,
// joined by X-Request-Id. The Runner owns one per run that uses the embedded server.
#pragma once

#include "model/scenario.h"
#include "model/target.h"
#include "run/runrecorder.h"

#include "slowserver.h"

#include <QString>

#include <atomic>
#include <memory>

namespace reqlanes {

class EmbeddedTarget final : public server::ServerObserver {
public:
    explicit EmbeddedTarget(const ServerSettings &settings);
    ~EmbeddedTarget() override; // stops the server
    EmbeddedTarget(const EmbeddedTarget &) = delete;
    EmbeddedTarget &operator=(const EmbeddedTarget &) = delete;

    bool start(QString *error);
    Target target() const; // valid after start()
    // Where server events go from now on; set before the first request is sent.
    void attach(RunRecorder *recorder) { m_recorder.store(recorder, std::memory_order_release); }
    // Joins the server's threads: no event reaches the recorder after this returns.
    void stop();

    void requestQueued(const server::ServerRequestEvent &event) override;
    void requestStarted(const server::ServerRequestEvent &event) override;
    void requestFinished(const server::ServerRequestEvent &event) override;
    void requestDropped(const server::ServerRequestEvent &event) override;

    // The index of the recorder's own request in an X-Request-Id value (RunContext::
    // requestIdHeader: this run's generation, an index in range), or -1.
    static int ownRequestIndex(const RunRecorder &recorder, std::string_view text);
    // One server event into a run's recorder: the run's own ids stamp its requests' server
    // phases (and whether the server still holds them), any other request is recorded as
    // outside traffic, marked as an earlier run's when its generation is older than this run's
    // (work a stopped run left in a shared server). SharedServer uses it too.
    static void recordInto(RunRecorder &recorder, const server::ServerRequestEvent &event);
    // A queued request the server dropped (its client reset): it never ran, and the server
    // holds it no more, so the end-of-run wait need not wait for it.
    static void dropInto(RunRecorder &recorder, const server::ServerRequestEvent &event);

private:
    void record(const server::ServerRequestEvent &event); // into the attached recorder

    server::ServerConfig m_config;
    std::unique_ptr<server::SlowServer> m_server;
    std::atomic<RunRecorder *> m_recorder{nullptr};
};

} // namespace reqlanes
