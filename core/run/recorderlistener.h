// The exchange's listener for in-process strategies: writes an exchange's phases, server worker
// and end straight into its RunRecorder slot. It lives with the recorder, not with the exchange,
// so the measured request path (core/http/) knows nothing of how a run is recorded.
#pragma once

#include "http/httpexchange.h"
#include "run/runrecorder.h"

namespace reqlanes {

class RecorderListener final : public ExchangeListener {
public:
    // `recorder` must outlive the listener; `id` is the request's slot in it.
    RecorderListener(RunRecorder &recorder, int id)
        : m_recorder(recorder)
        , m_id(id) {}
    void phase(Phase phase, std::int64_t steadyNs) override;
    void serverWorker(int worker) override;
    void finished(RequestStatus status, int httpStatus, const QString &error) override;

private:
    RunRecorder &m_recorder;
    int m_id;
};

} // namespace reqlanes
