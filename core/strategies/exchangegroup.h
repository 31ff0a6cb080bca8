// The event-loop strategies' shared plumbing (async, async-semaphore, coroutines): starts
// AsyncHttpExchanges for a run on the calling thread's event loop, records them, and turns a
// cancel of the run into an abort of everything in flight, within one loop iteration.
#pragma once

#include "http/asynchttpexchange.h"
#include "run/recorderlistener.h"
#include "run/strategy.h"

#include <QObject>
#include <QSocketNotifier>

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_set>
#include <vector>

namespace reqlanes {

class ExchangeGroup final : public QObject {
    Q_OBJECT
public:
    // How long a strategy starts exchanges before it lets the loop run. Over loopback each request
    // goes out as it starts (AsyncHttpExchange::start), so the turn's length only bounds how long
    // the loop's other work (a cancel, deadlines, responses) waits: ~150 requests, not 64.
    static constexpr std::int64_t kStartTurnNs = 5'000'000;
    static constexpr int kStartedPerParent = 256;

    explicit ExchangeGroup(RunContext &ctx);
    ~ExchangeGroup() override;

    // Stamps Acquired and placement for `id` in `lane`, then starts its exchange. The group owns
    // it; the caller hands it back with dispose() once it has handled finished(), which never
    // comes before this returns.
    AsyncHttpExchange *start(int id, int lane);
    // Deletes a finished exchange from the loop, with every other one disposed of before the loop
    // gets there: one posted call for them all. deleteLater() each would post one event each, and
    // every post wakes the loop with a write() (10,000 in a run's tail).
    void dispose(AsyncHttpExchange *exchange);
    bool isCancelled() const { return m_ctx.cancel.isCancelled(); }

signals:
    // The run is being cancelled; every exchange in flight has been aborted already.
    void cancelled();

private:
    void abortAll();
    QString setupError() const; // why exchanges cannot run at all, or empty

    RunContext &m_ctx;
    const std::int32_t m_threadId;  // the loop thread's, where every exchange runs
    const std::int32_t m_processId; // read once: two system calls a request add up at 10,000
    ResolvedTarget m_address;       // resolved once per run
    SocketReactor m_reactor;
    std::deque<RecorderListener> m_listeners; // stable addresses for the exchanges
    // The exchanges' parents, kStartedPerParent each. Qt finds a deleted child in its parent's
    // list by a linear search and closes the gap by moving the rest: 10,000 children of one
    // parent cost ~40 ms of a run's tail as they are deleted; a few hundred each, nothing.
    std::vector<std::unique_ptr<QObject>> m_parents;
    int m_started = 0;
    std::unordered_set<AsyncHttpExchange *> m_live;
    std::vector<AsyncHttpExchange *> m_disposed; // finished, deleted on the loop's next pass
    QSocketNotifier m_cancelNotifier;
};

} // namespace reqlanes
