// The interface every client strategy implements. A strategy decides only *when* and *on which
// thread or process* each request runs; the measured request itself is HttpExchange's job.
#pragma once

#include "http/httpexchange.h"
#include "http/posixsocket.h"
#include "model/canceltoken.h"
#include "model/scenario.h"
#include "model/strategyinfo.h"
#include "model/target.h"
#include "run/runrecorder.h"

#include <QByteArray>
#include <QString>

namespace reqlanes {

// Everything a strategy needs for one run. Owned by the Runner; outlives execute().
struct RunContext {
    const StrategyInfo &strategy;
    const Scenario &scenario;
    const Target &target;
    RunRecorder &recorder;
    CancelToken &cancel;
    // The target's addresses, resolved once for the run (null: each exchange resolves its own).
    const ResolvedTarget *address = nullptr;

    int n() const { return scenario.n; }
    // clientConcurrency() for the running strategy: the size of its semaphore, pool or workers.
    int concurrency() const { return clientConcurrency(strategy, scenario); }
    // The X-Request-Id value for request `id`: "g<run generation>-<id>" (runrequestid.h), which
    // the server's observer maps back to this run's request and no other run's.
    QByteArray requestIdHeader(int id) const {
        return formatRunRequestId({recorder.generation(), id});
    }
    // What the measured exchange for request `id` sends, and where.
    ExchangeRequest exchangeRequest(int id) const;
    // Ends every request not finished yet as Cancelled: what a strategy does on cancel.
    void cancelUnfinished() const;
};

// The slot accounting every in-process strategy shares: the request got its slot (pool thread,
// semaphore) on this thread, in the strategy's lane `lane`. Stamps Acquired and the placement
// (the calling thread's and process's ids, unless the caller knows them already).
void markAcquired(RunContext &ctx, int id, int lane,
                  std::int32_t threadId = RunRecorder::currentThreadId(),
                  std::int32_t processId = RunRecorder::currentProcessId());
// A thread lane event, now, for the calling thread or the given one.
void addThreadEvent(RunRecorder &recorder, LaneEventKind kind, int lane,
                    std::int32_t threadId = RunRecorder::currentThreadId());
// The blocking strategies' whole request: markAcquired, then fetchBlocking into the recorder,
// or Cancelled without connecting when the run is being cancelled.
void runBlockingRequest(RunContext &ctx, int id, int lane);

class Strategy {
public:
    virtual ~Strategy() = default;
    virtual StrategyInfo info() const = 0;
    // Runs all ctx.n() requests, blocking the calling thread (the Runner's run thread) until
    // every request is finished in ctx.recorder and every thread or process it started is
    // joined. On ctx.cancel it returns within 200 ms, finishing the rest as Cancelled.
    // Never throws: failures are recorded per request.
    virtual void execute(RunContext &ctx) = 0;
};

// A strategy that drives its requests from a Qt event loop (async, async-semaphore, coroutines,
// qnam). execute() runs executeOnLoopThread() on a QThread of its own and waits for it: Qt
// timers (timeouts, QCoro's resumptions) only work on threads Qt started, not on the Runner's.
// The loop thread's start and end are lane events.
class EventLoopStrategy : public Strategy {
public:
    void execute(RunContext &ctx) final;

protected:
    // Same contract as execute(), on the loop thread, which has no event loop running yet.
    virtual void executeOnLoopThread(RunContext &ctx) = 0;
};

} // namespace reqlanes
