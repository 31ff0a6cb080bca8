// The GUI's side of a run: starts core's Runner and pulls its snapshot on a ~60 Hz timer, so
// the GUI thread never waits on the network and no signal is queued per request event.
// Starting while a run is going cancels that run first (Runner::start does).
#pragma once

#include "model/run.h"
#include "run/runner.h"

#include <QObject>
#include <QTimer>

namespace reqlanes {

class RunSession : public QObject {
    Q_OBJECT
public:
    static constexpr int kFrameMs = 16;

    explicit RunSession(QObject *parent = nullptr);

    bool start(const Scenario &scenario, QString *error = nullptr);
    // The first cancel stops the client; the run may then still record the work the shared
    // server does for it (Runner's wait for abandoned work). A second cancel ends that wait.
    void cancel();
    bool isRunning() const { return m_running; }
    // Stopped by the user and only waiting for the server: to the user the run is over, and the
    // next start() ends the wait at once (its leftover work then belongs to the next run).
    bool isStopping() const { return m_running && m_stopping; }
    int progress() const { return m_runner.progress(); }
    const Run &latest() const { return m_live.run; }
    // Runs on the embedded server use this running one from the next start() (Runner's rule).
    void setSharedServer(SharedServer *shared) { m_runner.setSharedServer(shared); }

signals:
    void started(const Scenario &scenario);
    // While running, at most every kFrameMs; `changes`: which records changed since the
    // snapshot before (a consumer that analysed that one may update just those).
    void snapshot(const Run &run, const RunChanges &changes);
    void finished(const Run &run); // the complete result, once

private:
    void pull();
    void onRunnerFinished();

    Runner m_runner;
    QTimer m_timer;
    LiveSnapshot m_live; // refreshed in place: only the records written since are copied
    bool m_running = false;
    bool m_stopping = false;
};

} // namespace reqlanes
