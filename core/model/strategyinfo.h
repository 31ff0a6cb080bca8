// What a client strategy is, as a plain value: its id, name, teaching line, how many requests it
// lets run at once and what a request waits for. The strategies give these (run/strategy.h); the
// results (stats, findings, the legend's slot wait) read them through StrategyCatalog, so
// core/results/ depends on no strategy and a new strategy touches nothing there.
#pragma once

#include "model/scenario.h"

#include <QString>

namespace reqlanes {

struct StrategyInfo {
    QString id;          // what users type and see: "async-semaphore"
    QString name;        // "Async + semaphore"
    QString description; // one teaching line: "One event loop, at most `limit` requests in flight."
    // How many requests the client lets run at once; the ideal makespan depends on it.
    enum class Concurrency { One, All, Limit };
    Concurrency concurrency = Concurrency::All;
    // What a request waits for between created and acquired, so the findings and the legend can
    // name it: the semaphore, a pool thread, a worker process, one of a client library's
    // connections; a thread of its own being started (no slot: every request gets a new thread);
    // its turn of the event loop (no slot: an unbounded loop starts requests in batches). None:
    // a request is created only when it can go out (sync).
    enum class Slot { None, Semaphore, PoolThread, WorkerProcess, Connection, NewThread, LoopTurn };
    Slot slot = Slot::None;
    // A hard cap of the strategy's own on top of `limit` (the processes strategy starts at most
    // 256 workers); 0 = none.
    int maxConcurrency = 0;
    bool usesLimit() const { return concurrency == Concurrency::Limit; }
};

// How many requests this strategy lets run at once in this scenario: 1, N, or `limit` clamped
// to 1..N and to the strategy's own cap. The one place this is worked out: every strategy sizes
// its semaphore, pool or worker count with it, and the ideal makespan
// ceil(N / min(W, C)) x L uses it as C.
int clientConcurrency(const StrategyInfo &info, const Scenario &scenario);

// Finds a strategy's traits by id. StrategyRegistry (run/strategyregistry.h) is the one
// implementation; results ask strategyCatalog() for it instead of including the strategies.
class StrategyCatalog {
public:
    virtual ~StrategyCatalog() = default;
    // nullptr for an id this build does not know (a watch session, a recording, an old run file).
    virtual const StrategyInfo *find(const QString &id) const = 0;

protected:
    StrategyCatalog() = default;
    StrategyCatalog(const StrategyCatalog &) = default;
    StrategyCatalog &operator=(const StrategyCatalog &) = default;
};

// The strategies this build knows. Defined beside StrategyRegistry, which it returns, so code
// that reads traits links the strategies without naming them.
const StrategyCatalog &strategyCatalog();

} // namespace reqlanes
