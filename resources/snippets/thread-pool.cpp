// core/strategies/threadpoolstrategy.cpp: `limit` threads work through the requests
QThreadPool pool;
pool.setMaxThreadCount(ctx.concurrency()); // limit threads
for (int id = 0; id < ctx.n(); ++id)
    pool.start([&ctx, &threads, id] { // queued until a pool thread is free
        runBlockingRequest(ctx, id, threads.laneOfCurrentThread());
    });
pool.waitForDone();

// core/http/httpexchange.cpp: fetchBlocking(), the blocking request
SocketHandle socket(startConnect(resolved, &inProgress, &error));
if (awaitConnected(socket.fd(), inProgress) && send(socket.fd()))
    receive(socket.fd()); // recv() until the response is complete
