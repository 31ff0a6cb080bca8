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
    // and goes on in the next. A finished request's permit is handed on from a queued call, so a
    // burst of failures cannot recurse N deep.
    std::function<void()> launch = [&] {
        launchQueued = false;
        const std::int64_t turnEnd = steadyNowNs() + ExchangeGroup::kStartTurnNs;
        for (bool first = true; !freeSlots.empty() && next < n; first = false) {
            if (!first && steadyNowNs() >= turnEnd) {
                if (!launchQueued) {
                    launchQueued = true;
                    QMetaObject::invokeMethod(
                        &loop, [&] { launch(); }, Qt::QueuedConnection);
                }
                return;
            }
            const int id = next++;
            const int slot = freeSlots.take();
            AsyncHttpExchange *exchange = group.start(id, m_bound == Bound::Unbounded ? id : slot);
            QObject::connect(
                exchange, &AsyncHttpExchange::finished, &loop,
                [&, exchange, slot] {
                    exchange->deleteLater();
                    freeSlots.give(slot);
                    if (++done == n)
                        loop.quit();
                    else if (!group.isCancelled())
                        launch();
                },
                Qt::QueuedConnection);
        }
    };
    QObject::connect(&group, &ExchangeGroup::cancelled, &loop, &QEventLoop::quit);
    launch();
    if (done < n && !ctx.cancel.isCancelled())
        loop.exec();
    ctx.cancelUnfinished();
}

} // namespace reqlanes
