// The app's watch mode without widgets: keeps the embedded server up on its known port while the
// window is open (WatchServer), records other programs' requests (WatchRecorder), and at ~60 Hz
// hands the window the live session while Watch is on and every finished session. Settings apply
// live (the server restarts on the same port). Widgets only render what it emits and forward
// clicks and keys to it.
#pragma once

#include "model/run.h"
#include "watch/tracedprogram.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace reqlanes::watch {

class WatchController : public QObject {
    Q_OBJECT
public:
    static constexpr int kFrameMs = 16;

    explicit WatchController(QObject *parent = nullptr);
    ~WatchController() override; // stops the server

    // Starts the server (8000, or the next free port unless options.portRequired); false + the
    // reason when it cannot. notice() says when another port was taken.
    bool startServer(const WatchServerOptions &options, QString *error);
    bool applySettings(const ServerSettings &settings, QString *error);
    QString url() const { return m_server.url(); }
    QString notice() const { return m_server.notice(); }
    bool serverRunning() const { return m_server.isRunning(); }
    // For the app's Runner: its runs use this server (see WatchServer::sharedServer).
    SharedServer *sharedServer() { return m_server.sharedServer(); }

    // Watch on: the live session is emitted as it grows and finished sessions are kept. Off:
    // requests are still served, but sessions ending meanwhile are not kept.
    void setWatching(bool watching);
    bool isWatching() const { return m_watching; }
    void setIdleGapMs(int gapMs);
    bool endSession(); // the user's key: closes the session in progress now
    const std::vector<Run> &sessions() const { return m_sessions; } // finished, oldest first

    // Run → Run a script…: starts `command` against this server (see tracedprogram.h: the URL
    // first, a Python script traced), turns Watch on, and records its requests as one session,
    // however long it pauses, ended by its exit. One program at a time; false and a reason while
    // one runs, when the server is down, or when it cannot start.
    bool startProgram(const QStringList &command, QString *error);
    void stopProgram(); // SIGTERM (then SIGKILL); its exit ends the session as usual
    bool programRunning() const { return m_program && m_program->isRunning(); }

    void poll(); // the timer's work; public so tests can drive it without waiting for a frame

signals:
    void programStarted(const QString &displayText);
    void programOutput(const QByteArray &bytes, bool isError);
    void programFinished(int exitCode, const QString &description);
    void watchingChanged(bool watching);
    // While watching and a session is in progress, ~60 Hz; `changes`: since the last one (a
    // holder of that one's copy updates it with applyRunChanges instead of copying it whole).
    void liveSession(const Run &run, const RunChanges &changes);
    void sessionFinished(const Run &run); // appended to sessions()

private:
    WatchRecorder m_recorder;
    WatchServer m_server;
    LiveSession m_live; // kept between frames: each frame copies only what changed
    QTimer m_timer;
    std::vector<Run> m_sessions;
    bool m_watching = false;
    std::unique_ptr<TracedProgram> m_program;
    std::int64_t m_idleGapNs = SessionSplitter::kDefaultIdleGapNs; // the user's, while one runs
};

} // namespace reqlanes::watch
