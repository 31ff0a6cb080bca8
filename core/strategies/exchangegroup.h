// The event-loop strategies' shared plumbing (async, async-semaphore, coroutines): starts
// AsyncHttpExchanges for a run on the calling thread's event loop, records them, and turns a
// cancel of the run into an abort of everything in flight, within one loop iteration.
#pragma once

#include "http/asynchttpexchange.h"
#include "run/recorderlistener.h"
#include "run/strategy.h"

#include <QObject>
#include <QSocketNotifier>

#include <deque>
#include <unordered_set>

namespace reqlanes {

class ExchangeGroup final : public QObject {
    Q_OBJECT
public:
    // How many exchanges a strategy starts before it lets the loop run. Starting 10,000 in one go
    // would keep the first requests from being sent until the last socket is open; in batches
    // the server gets its first requests while the client is still connecting.
    static constexpr int kStartBatch = 64;

    explicit ExchangeGroup(RunContext &ctx);
    ~ExchangeGroup() override;

    // Stamps Acquired and placement for `id` in `lane`, then starts its exchange. The group owns
    // it; the caller deleteLater()s it once it has handled finished(), which never comes
    // before this returns.
    AsyncHttpExchange *start(int id, int lane);
    bool isCancelled() const { return m_ctx.cancel.isCancelled(); }

signals:
    // The run is being cancelled; every exchange in flight has been aborted already.
    void cancelled();

private:
    void abortAll();
    QString setupError() const; // why exchanges cannot run at all, or empty

    RunContext &m_ctx;
    ResolvedTarget m_address; // resolved once per run
    SocketReactor m_reactor;
    std::deque<RecorderListener> m_listeners; // stable addresses for the exchanges
    std::unordered_set<AsyncHttpExchange *> m_live;
    QSocketNotifier m_cancelNotifier;
};

} // namespace reqlanes
