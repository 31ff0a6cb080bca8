// Runs made up in code, for tests that need exact timings without a network: a threads-like
// run (all at once against 3 sync workers) and a sync-like one (one thread, one after another).
#pragma once

#include "model/run.h"

#include <QDateTime>

#include <algorithm>

namespace reqlanes::testing {

inline constexpr Nanos kMs = 1'000'000;

// N requests against W sync workers with latency L, each on its own thread (threads strategy)
// or all on one (oneThread: the sync strategy's shape, back to back).
inline reqlanes::Run syntheticRun(int n, int workers, int latencyMs, bool oneThread = false) {
    reqlanes::Run run;
    run.scenario.strategy = oneThread ? QStringLiteral("sync") : QStringLiteral("threads");
    run.scenario.n = n;
    run.scenario.server.workers = workers;
    run.scenario.server.latencyMs = latencyMs;
    run.strategyName = oneThread ? QStringLiteral("Sequential") : QStringLiteral("Threads");
    run.startedAt = QDateTime::fromMSecsSinceEpoch(1700000000000);
    const Nanos latency = latencyMs * kMs;
    for (int i = 0; i < n; ++i) {
        RequestRecord r;
        r.id = i;
        const Nanos created = oneThread ? i * (latency + 2 * kMs) : 0;
        const Nanos serverStart = oneThread ? created + kMs : (i / workers) * latency + kMs;
        r.at[int(Phase::Created)] = created;
        r.at[int(Phase::Acquired)] = created;
        r.at[int(Phase::ConnectStart)] = created;
        r.at[int(Phase::Connected)] = created + kMs / 2;
        r.at[int(Phase::Sent)] = created + kMs / 2;
        r.at[int(Phase::ServerAccept)] = created + kMs / 2;
        r.at[int(Phase::ServerStart)] = serverStart;
        r.at[int(Phase::ServerEnd)] = serverStart + latency;
        r.at[int(Phase::FirstByte)] = serverStart + latency + kMs / 2;
        r.at[int(Phase::Done)] = serverStart + latency + kMs;
        r.status = RequestStatus::Ok;
        r.httpStatus = 200;
        r.threadId = oneThread ? 4242 : 5000 + i;
        r.processId = 4240;
        r.serverWorker = std::int16_t(i % workers);
        r.logicalLane = oneThread ? 0 : i;
        run.requests.push_back(r);
    }
    Nanos end = 0;
    for (const RequestRecord &r : run.requests)
        end = std::max(end, r.phase(Phase::Done));
    run.elapsed = end;
    run.finished = true;
    return run;
}

} // namespace reqlanes::testing
