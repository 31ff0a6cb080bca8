#include "watch/watchcontroller.h"

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
    m_recorder.setIdleGapNs(std::int64_t(gapMs) * 1'000'000);
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
    if (m_watching)
        if (const auto live = m_recorder.liveSession())
            emit liveSession(*live);
}

} // namespace reqlanes::watch
