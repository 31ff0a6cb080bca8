#include "runsession.h"

namespace reqlanes {

RunSession::RunSession(QObject *parent)
    : QObject(parent) {
    m_timer.setInterval(kFrameMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RunSession::pull);
    connect(&m_runner, &Runner::finished, this, &RunSession::onRunnerFinished);
}

bool RunSession::start(const Scenario &scenario, QString *error) {
    // Runner::start cancels and joins a run in progress; its late finished() is ignored below
    // because m_running is set again only after start() returns.
    m_running = false;
    m_stopping = false;
    m_timer.stop();
    if (!m_runner.start(scenario, error))
        return false;
    m_running = true;
    m_runner.refreshSnapshot(m_live);
    m_timer.start();
    emit started(scenario);
    return true;
}

void RunSession::cancel() {
    if (!m_running)
        return;
    m_stopping = true;
    m_runner.cancel();
}

void RunSession::pull() {
    if (!m_running)
        return;
    m_runner.refreshSnapshot(m_live);
    if (m_live.run.finished)
        onRunnerFinished();
    else
        emit snapshot(m_live.run, m_live.changes);
}

void RunSession::onRunnerFinished() {
    if (!m_running || m_runner.isRunning())
        return;
    m_running = false;
    m_stopping = false;
    m_timer.stop();
    m_runner.refreshSnapshot(m_live);
    emit finished(m_live.run);
}

} // namespace reqlanes
