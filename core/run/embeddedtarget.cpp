#include "run/embeddedtarget.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace reqlanes {

EmbeddedTarget::EmbeddedTarget(const ServerSettings &settings)
    : m_config(settings) {
    m_config.bindAddress = "127.0.0.1";
    m_config.port = 0; // ephemeral: runs never fight over a port
}

EmbeddedTarget::~EmbeddedTarget() {
    stop();
}

bool EmbeddedTarget::start(QString *error) {
    m_server = std::make_unique<server::SlowServer>(m_config, this);
    std::string reason;
    if (!m_server->start(&reason)) {
        if (error)
            *error = QString::fromStdString(reason);
        m_server.reset();
        return false;
    }
    return true;
}

Target EmbeddedTarget::target() const {
    Target target;
    target.host = QStringLiteral("127.0.0.1");
    target.port = m_server ? std::uint16_t(m_server->port()) : 0;
    return target;
}

void EmbeddedTarget::stop() {
    if (m_server)
        m_server->stop();
    m_recorder.store(nullptr, std::memory_order_release);
}

int EmbeddedTarget::ownRequestIndex(const RunRecorder &recorder, std::string_view text) {
    const std::optional<RunRequestId> id = parseRunRequestId(text);
    return id && id->generation == recorder.generation() && id->index < recorder.size() ? id->index
                                                                                        : -1;
}

void EmbeddedTarget::requestQueued(const server::ServerRequestEvent &event) {
    record(event);
}

void EmbeddedTarget::requestStarted(const server::ServerRequestEvent &event) {
    record(event);
}

void EmbeddedTarget::requestFinished(const server::ServerRequestEvent &event) {
    record(event);
}

void EmbeddedTarget::requestDropped(const server::ServerRequestEvent &event) {
    if (RunRecorder *recorder = m_recorder.load(std::memory_order_acquire))
        dropInto(*recorder, event);
}

void EmbeddedTarget::record(const server::ServerRequestEvent &event) {
    if (RunRecorder *recorder = m_recorder.load(std::memory_order_acquire))
        recordInto(*recorder, event);
}

void EmbeddedTarget::recordInto(RunRecorder &recorder, const server::ServerRequestEvent &event) {
    const int id = ownRequestIndex(recorder, event.requestId);
    // Unknown ids (another program, a header we did not send, an earlier run's request) are not
    // the run's requests, but they hold workers all the same: recorded as outside traffic.
    if (id < 0) {
        const std::optional<RunRequestId> ours = parseRunRequestId(event.requestId);
        OutsideRequest outside;
        outside.requestId = QString::fromStdString(event.requestId);
        outside.earlierRun = ours && ours->generation < recorder.generation();
        // An earlier run's work began before this run did: only its part inside this run is
        // this run's load, so it is drawn from this run's start, never at negative times.
        const Nanos from = outside.earlierRun ? 0 : std::numeric_limits<Nanos>::min();
        outside.accepted = std::max(from, recorder.fromSteady(event.acceptedNs));
        if (event.startedNs >= 0)
            outside.started = std::max(from, recorder.fromSteady(event.startedNs));
        if (event.finishedNs >= 0)
            outside.ended = std::max(from, recorder.fromSteady(event.finishedNs));
        outside.worker = static_cast<std::int16_t>(event.worker);
        outside.httpStatus = static_cast<std::uint16_t>(std::max(0, event.status));
        recorder.recordOutside(outside);
        return;
    }
    // Each event repeats what the earlier ones said: the recorder keeps the first stamps.
    recorder.markAt(id, Phase::ServerAccept, recorder.fromSteady(event.acceptedNs));
    if (event.startedNs >= 0)
        recorder.markAt(id, Phase::ServerStart, recorder.fromSteady(event.startedNs));
    if (event.finishedNs >= 0)
        recorder.markAt(id, Phase::ServerEnd, recorder.fromSteady(event.finishedNs));
    if (event.worker >= 0)
        recorder.setServerWorker(id, event.worker);
    if (event.finishedNs >= 0)
        recorder.serverReleases(id);
    else
        recorder.serverHolds(id);
}

void EmbeddedTarget::dropInto(RunRecorder &recorder, const server::ServerRequestEvent &event) {
    // Another program's request that never ran held no worker: nothing to draw or count.
    if (const int id = ownRequestIndex(recorder, event.requestId); id >= 0)
        recorder.serverReleases(id);
}

} // namespace reqlanes
