// core/strategies/threadpoolstrategy.cpp:
// `limit` threads work through the requests
QThreadPool pool;
pool.setMaxThreadCount(ctx.concurrency()); // limit
for (int id = 0; id < ctx.n(); ++id) {
    // queued until a pool thread is free
    pool.start([&ctx, &threads, id] {
        const int lane = threads.laneOfCurrentThread();
        runBlockingRequest(ctx, id, lane);
    });
}
pool.waitForDone();

// core/http/httpexchange.cpp: fetchBlocking() runs
// BlockingExchange::run(), the blocking request
SocketHandle socket;
if (connect(resolved, socket) && send(socket.get()))
    receive(socket.get()); // recv() to the last byte
