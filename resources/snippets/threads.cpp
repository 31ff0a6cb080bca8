// core/strategies/threadsstrategy.cpp:
// a new OS thread for every request
for (int id = 0; id < ctx.n(); ++id)
    threads.emplace_back([&ctx, id] {
        runBlockingRequest(ctx, id, id);
    });
for (std::thread &thread : threads)
    thread.join();

// core/http/httpexchange.cpp: fetchBlocking() runs
// BlockingExchange::run(), the blocking request
SocketHandle socket;
if (connect(resolved, socket) && send(socket.get()))
    receive(socket.get()); // recv() to the last byte
