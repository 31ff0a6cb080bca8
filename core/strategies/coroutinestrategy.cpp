#include "strategies/coroutinestrategy.h"

#include "model/clock.h"
#include "strategies/asyncsemaphore.h"
#include "strategies/exchangegroup.h"
#include "strategies/laneslots.h"

#include <QCoroSignal>
#include <QCoroTask>
#include <QCoroTimer>

#include <chrono>
#include <vector>

namespace reqlanes {

namespace {

struct Gathering {
    RunContext &ctx;
    ExchangeGroup &group;
    AsyncSemaphore &semaphore;
    LaneSlots &freeSlots;
};

// async def fetch(id): async with semaphore: await get(url)
QCoro::Task<> fetch(Gathering &gathering, int id) {
    if (!co_await gathering.semaphore.acquire())
        co_return; // cancelled while waiting: cancelUnfinished() records it
    const int slot = gathering.freeSlots.take();
    AsyncHttpExchange *exchange = gathering.group.start(id, slot);
    co_await qCoro(exchange, &AsyncHttpExchange::finished); // never emitted inside start()
    gathering.group.dispose(exchange);
    gathering.freeSlots.give(slot);
    gathering.semaphore.release();
}

// await asyncio.gather(*(fetch(id) for id in range(n)))
QCoro::Task<> gather(Gathering &gathering) {
    std::vector<QCoro::Task<>> tasks;
    tasks.reserve(std::size_t(gathering.ctx.n()));
    gathering.ctx.recorder.markAll(Phase::Created);
    std::int64_t turnEnd = steadyNowNs() + ExchangeGroup::kStartTurnNs;
    for (int id = 0; id < gathering.ctx.n(); ++id) {
        tasks.push_back(fetch(gathering, id));
        // await asyncio.sleep(0) now and then: the loop handles what has come in meanwhile.
        if (steadyNowNs() >= turnEnd) {
            co_await QCoro::sleepFor(std::chrono::milliseconds(0));
            turnEnd = steadyNowNs() + ExchangeGroup::kStartTurnNs;
        }
    }
    for (QCoro::Task<> &task : tasks)
        co_await task;
}

} // namespace

StrategyInfo CoroutineStrategy::info() const {
    return {QStringLiteral("coroutines"),
            QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Coroutines with co_await")),
            QStringLiteral(QT_TRANSLATE_NOOP("Strategy",
                                             "C++20 co_await with QCoro: fetch() per request, "
                                             "gather() them all, at most `limit` at once.")),
            StrategyInfo::Concurrency::Limit, StrategyInfo::Slot::Semaphore};
}

void CoroutineStrategy::executeOnLoopThread(RunContext &ctx) {
    const int permits = ctx.concurrency();
    ExchangeGroup group(ctx);
    AsyncSemaphore semaphore(permits);
    LaneSlots freeSlots(permits);
    QObject::connect(&group, &ExchangeGroup::cancelled, &group,
                     [&semaphore] { semaphore.cancel(); });
    Gathering gathering{ctx, group, semaphore, freeSlots};
    QCoro::waitFor(gather(gathering));
    ctx.cancelUnfinished();
}

} // namespace reqlanes
