// A server that is already up and that a run may use instead of starting its own embedded one
// (the app's watch server on its known port), so the run and other programs' traffic are drawn
// on one clock. The owner of the server implements target() and prepare(); this base routes the
// server's events: while a run is attached, events carrying the run's X-Request-Ids fill its
// requests and every other request becomes one of its outsideRequests ("other client" on worker
// lanes; an earlier run's request, still served after that run stopped, is its leftover work:
// runrequestid.h); between runs, every event goes on to the `idle` observer (the watch recorder).
// Connection events during a run reach nobody: the run has no connection lanes, and the watch
// recorder ignores connections it never saw open.
#pragma once

#include "model/scenario.h"
#include "model/target.h"
#include "run/runrecorder.h"

#include "serverobserver.h"

#include <QString>

#include <mutex>

namespace reqlanes {

class SharedServer : public server::ServerObserver {
public:
    explicit SharedServer(server::ServerObserver *idle)
        : m_idle(idle) {}

    // Where the run sends its requests. Called on the thread that starts the run.
    virtual Target target() const = 0;
    // Makes the server serve with `settings` (restarting it on the same port when they differ);
    // false and a reason when it cannot. Called on the thread that starts the run, before it.
    virtual bool prepare(const ServerSettings &settings, QString *error) = 0;

    // From attach() to detach() the server's request events go to `recorder` (thread-safe).
    // detach() returns once no event is being recorded into it any more.
    void attach(RunRecorder *recorder);
    void detach();

    void requestQueued(const server::ServerRequestEvent &event) override;
    void requestStarted(const server::ServerRequestEvent &event) override;
    void requestFinished(const server::ServerRequestEvent &event) override;
    void requestDropped(const server::ServerRequestEvent &event) override;
    void connectionAccepted(const server::ServerConnectionEvent &event) override;
    void requestBegan(const server::ServerConnectionEvent &event) override;
    void requestReceived(const server::ServerConnectionEvent &event) override;
    void requestRefused(const server::ServerConnectionEvent &event) override;
    void responseWritten(const server::ServerConnectionEvent &event) override;
    void connectionClosed(const server::ServerConnectionEvent &event) override;

private:
    // The run's recorder, or nullptr and then the idle observer (held for one event at most).
    template <typename Forward>
    void route(const server::ServerRequestEvent *event, Forward forward);

    server::ServerObserver *m_idle;
    std::mutex m_mutex; // guards m_run; held while an event is recorded, never during I/O
    RunRecorder *m_run = nullptr;
};

} // namespace reqlanes
