// core/strategies/coroutinestrategy.cpp:
// C++20 coroutines with QCoro
QCoro::Task<> fetch(Gathering &gathering, int id) {
    if (!co_await gathering.semaphore.acquire())
        co_return;
    const int slot = gathering.freeSlots.take();
    AsyncHttpExchange *exchange =
        gathering.group.start(id, slot);
    co_await qCoro(exchange, &AsyncHttpExchange::finished);
    gathering.freeSlots.give(slot);
    gathering.semaphore.release();
}

QCoro::Task<> gather(Gathering &gathering) {
    for (int id = 0; id < gathering.ctx.n(); ++id)
        tasks.push_back(fetch(gathering, id));
    for (QCoro::Task<> &task : tasks)
        co_await task;
}
