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

// A pool of `slotCount` slots working through `n` requests of `latencyMs` against as many sync
// workers: all created at 0, each taken when the previous one in its slot is done (request i in
// slot i % slotCount, on thread 100 + i % threads: the pool's threads, or fewer lanes for a large
// run).
inline reqlanes::Run poolRun(int n, int slotCount, int latencyMs, int threads = 0) {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("thread-pool");
    run.scenario.n = n;
    run.scenario.limit = slotCount;
    run.scenario.server.workers = slotCount;
    run.scenario.server.latencyMs = latencyMs;
    run.strategyName = QStringLiteral("Thread pool");
    const Nanos latency = latencyMs * kMs;
    run.requests.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        RequestRecord &r = run.requests[std::size_t(i)];
        const Nanos acquired = (i / slotCount) * (latency + 2 * kMs);
        r.id = i;
        r.at[int(Phase::Created)] = 0;
        r.at[int(Phase::Acquired)] = acquired;
        r.at[int(Phase::ConnectStart)] = acquired;
        r.at[int(Phase::Connected)] = acquired + kMs / 2;
        r.at[int(Phase::Sent)] = acquired + kMs / 2;
        r.at[int(Phase::ServerAccept)] = acquired + kMs / 2;
        r.at[int(Phase::ServerStart)] = acquired + kMs;
        r.at[int(Phase::ServerEnd)] = acquired + kMs + latency;
        r.at[int(Phase::FirstByte)] = acquired + kMs + latency;
        r.at[int(Phase::Done)] = acquired + 2 * kMs + latency;
        r.status = RequestStatus::Ok;
        r.threadId = 100 + i % (threads > 0 ? threads : slotCount);
        r.processId = 4240;
        r.serverWorker = std::int16_t(i % slotCount);
    }
    run.elapsed = n > 0 ? run.requests.back().phase(Phase::Done) : 0;
    run.finished = true;
    return run;
}

} // namespace reqlanes::testing
