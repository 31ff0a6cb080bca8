#include "run/recorderlistener.h"

namespace reqlanes {

void RecorderListener::phase(Phase phase, std::int64_t steadyNs) {
    m_recorder.markAt(m_id, phase, m_recorder.fromSteady(steadyNs));
}

void RecorderListener::serverWorker(int worker) {
    m_recorder.setServerWorker(m_id, worker);
}

void RecorderListener::finished(RequestStatus status, int httpStatus, const QString &error) {
    m_recorder.finish(m_id, status, httpStatus, error);
}

} // namespace reqlanes
