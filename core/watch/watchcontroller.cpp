#include "watch/watchcontroller.h"

#include <QCoreApplication>

#include <limits>

namespace reqlanes::watch {

WatchController::WatchController(QObject *parent)
    : QObject(parent)
    , m_server(&m_recorder) {
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, &WatchController::poll);
}

WatchController::~WatchController() {
    m_server.stop(); // before the recorder goes: no event after this
}

bool WatchController::startServer(const WatchServerOptions &options, QString *error) {
    if (!m_server.start(options, error))
        return false;
    m_timer.start();
    return true;
}

bool WatchController::applySettings(const ServerSettings &settings, QString *error) {
    if (!m_server.isRunning())
        return true;
    if (settings == m_server.settings())
        return true;
    return m_server.applySettings(settings, error);
}

void WatchController::setWatching(bool watching) {
    if (watching == m_watching)
        return;
    m_watching = watching;
    emit watchingChanged(watching);
}

void WatchController::setIdleGapMs(int gapMs) {
    m_idleGapNs = std::int64_t(gapMs) * 1'000'000;
    if (!programRunning())
        m_recorder.setIdleGapNs(m_idleGapNs);
}

bool WatchController::startProgram(const QStringList &command, QString *error) {
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (programRunning())
        return fail(QCoreApplication::translate("WatchController", "a program is still running"));
    if (!m_server.isRunning())
        return fail(
            QCoreApplication::translate("WatchController", "the watch server is not running"));
    QString reason;
    const std::optional<ProgramCommand> program =
        programCommand(command, m_server.url(), tracerPathForThisProgram(), &reason);
    if (!program)
        return fail(reason);
    auto started = std::make_unique<TracedProgram>();
    if (!started->start(*program, &reason))
        return fail(reason);
    m_program = std::move(started);
    // Whatever came before is its own session; the program's run is one session, pauses and all.
    m_recorder.endSession();
    poll();
    m_recorder.setIdleGapNs(std::numeric_limits<std::int64_t>::max() / 2);
    setWatching(true);
    connect(m_program.get(), &TracedProgram::output, this, &WatchController::programOutput);
    connect(m_program.get(), &TracedProgram::finished, this,
            [this](int exitCode, const QString &description) {
                m_recorder.setIdleGapNs(m_idleGapNs);
                // Its session ends once the server is done with what it left (abandoned work
                // of requests it gave up on), drawn to its real end; poll() sees to it.
                m_recorder.endSessionWhenServed(m_recorder.servedDeadlineNs());
                poll();
                emit programFinished(exitCode, description);
            });
    emit programStarted(TracedProgram::displayText(*program));
    return true;
}

void WatchController::stopProgram() {
    if (programRunning())
        m_program->terminate();
}

bool WatchController::endSession() {
    const bool ended = m_recorder.endSession();
    poll();
    return ended;
}

void WatchController::poll() {
    m_recorder.poll();
    for (Run &run : m_recorder.takeFinishedSessions()) {
        if (!m_watching)
            continue;
        m_sessions.push_back(std::move(run));
        emit sessionFinished(m_sessions.back());
    }
    if (m_watching && m_recorder.updateLiveSession(m_live))
        emit liveSession(m_live.run, m_live.changes);
    else if (m_live.changes.source != 0)
        m_live = LiveSession{}; // the session ended: its copy is not worth its memory
}

} // namespace reqlanes::watch
