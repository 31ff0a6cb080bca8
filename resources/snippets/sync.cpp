// core/strategies/syncstrategy.cpp:
// one request after another
for (int id = 0; id < ctx.n(); ++id) {
    ctx.recorder.mark(id, Phase::Created);
    runBlockingRequest(ctx, id, 0);
}

// core/http/httpexchange.cpp: fetchBlocking() runs
// BlockingExchange::run(), the blocking request
SocketHandle socket;
if (connect(resolved, socket) && send(socket.get()))
    receive(socket.get()); // recv() to the last byte
