#include "strategies/asyncstrategy.h"

#include "model/clock.h"
#include "strategies/exchangegroup.h"
#include "strategies/laneslots.h"

#include <QEventLoop>

namespace reqlanes {

StrategyInfo AsyncStrategy::info() const {
    if (m_bound == Bound::Unbounded)
        return {QStringLiteral("async"),
                QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Async, all at once")),
                QStringLiteral(QT_TRANSLATE_NOOP(
                    "Strategy", "One event loop, non-blocking sockets, every request in flight at "
                                "once.")),
                StrategyInfo::Concurrency::All, StrategyInfo::Slot::LoopTurn};
    return {QStringLiteral("async-semaphore"),
            QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Async + semaphore")),
            QStringLiteral(QT_TRANSLATE_NOOP(
                "Strategy", "One event loop, at most `limit` requests in flight.")),
            StrategyInfo::Concurrency::Limit, StrategyInfo::Slot::Semaphore};
}

void AsyncStrategy::executeOnLoopThread(RunContext &ctx) {
    const int n = ctx.n();
    const int permits = ctx.concurrency();
    ctx.recorder.markAll(Phase::Created);

    QEventLoop loop;
    ExchangeGroup group(ctx);
    LaneSlots freeSlots(permits);
    int next = 0;
    int done = 0;
    bool launchQueued = false;

    // Starts requests while permits are free, for at most one start turn, then lets the loop run
    // and goes on in the next. A finished request's permit is handed on from a queued call (one
    // a loop pass, however many finished), so a burst of failures cannot recurse N deep.
    std::function<void()> launch;
    const auto launchLater = [&] {
        if (launchQueued)
            return;
        launchQueued = true;
        QMetaObject::invokeMethod(
            &loop, [&] { launch(); }, Qt::QueuedConnection);
    };
    launch = [&] {
        launchQueued = false;
        const std::int64_t turnEnd = steadyNowNs() + ExchangeGroup::kStartTurnNs;
        for (bool first = true; !freeSlots.empty() && next < n; first = false) {
            if (!first && steadyNowNs() >= turnEnd) {
                launchLater();
                return;
            }
            const int id = next++;
            const int slot = freeSlots.take();
            AsyncHttpExchange *exchange = group.start(id, m_bound == Bound::Unbounded ? id : slot);
            // Direct: bookkeeping only. The exchange is deleted, and the next one started, later.
            QObject::connect(exchange, &AsyncHttpExchange::finished, &loop, [&, exchange, slot] {
                group.dispose(exchange);
                freeSlots.give(slot);
                if (++done == n)
                    loop.quit();
                else if (next < n && !group.isCancelled())
                    launchLater();
            });
        }
    };
    QObject::connect(&group, &ExchangeGroup::cancelled, &loop, &QEventLoop::quit);
    launch();
    if (done < n && !ctx.cancel.isCancelled())
        loop.exec();
    ctx.cancelUnfinished();
}

} // namespace reqlanes
