// The server that stays up for watch mode: the embedded slow server on a known port (8000, the
// talk's, by default), reporting to a WatchRecorder. When the preferred port is taken and the
// user did not insist on it, the next free one is used and notice() says so. Settings apply
// live by restarting on the same port (requests in flight at that moment are cut off, which the
// recorder draws as failed). Loopback only unless a bind address is given. Used by the CLI's
// --watch and the app's WatchController.
#pragma once

#include "model/scenario.h"
#include "run/sharedserver.h"
#include "watch/clienteventsreceiver.h"
#include "watch/watchrecorder.h"

#include "slowserver.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace reqlanes::watch {

struct WatchServerOptions {
    std::uint16_t port = 8000;
    bool portRequired = false;                         // --port given: that port or an error
    QString bindAddress = QStringLiteral("127.0.0.1"); // --bind
    int portsToTry = 20; // 8000, 8001, ... when the port is not required
    ServerSettings server;
};

class WatchServer {
public:
    explicit WatchServer(WatchRecorder *recorder); // the recorder outlives the server
    ~WatchServer();                                // stops the server
    WatchServer(const WatchServer &) = delete;
    WatchServer &operator=(const WatchServer &) = delete;

    // Binds the preferred port (or the next free one), false + a clear reason otherwise.
    bool start(const WatchServerOptions &options, QString *error);
    // Restarts with new settings on the same port; false + reason (the server is then down).
    bool applySettings(const ServerSettings &settings, QString *error);
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    std::uint16_t port() const { return m_port; }
    QString url() const; // "http://127.0.0.1:8000/"
    // "port 8000 is in use; serving on 8001 instead", or "" when the preferred port was free.
    QString notice() const { return m_notice; }
    const ServerSettings &settings() const { return m_options.server; }
    // This server for the app's own runs (Runner::setSharedServer): a run's requests and other
    // programs' traffic during it land in the run, on one clock; between runs, in the recorder.
    SharedServer *sharedServer() { return &m_shared; }
    // What the Python tracer sent to /.reqlanes/events (see clienteventsreceiver.h).
    const ClientEventCounts &clientEvents() const { return m_clientEvents; }

private:
    class Shared final : public SharedServer {
    public:
        Shared(WatchServer *owner, WatchRecorder *recorder)
            : SharedServer(recorder)
            , m_owner(owner) {}
        Target target() const override;
        bool prepare(const ServerSettings &settings, QString *error) override;

    private:
        WatchServer *m_owner;
    };

    bool startOn(std::uint16_t port, std::string *reason);

    WatchRecorder *m_recorder;
    Shared m_shared; // the server's observer: routes to a run or to m_recorder
    WatchServerOptions m_options;
    ClientEventCounts m_clientEvents; // before m_server: outlives the handler that counts into it
    std::unique_ptr<server::SlowServer> m_server;
    std::uint16_t m_port = 0;
    QString m_notice;
};

} // namespace reqlanes::watch
