// core/strategies/syncstrategy.cpp: one request after another
for (int id = 0; id < ctx.n(); ++id) {
    ctx.recorder.mark(id, Phase::Created);
    runBlockingRequest(ctx, id, 0);
}

// core/http/httpexchange.cpp: fetchBlocking(), the blocking request
SocketHandle socket(startConnect(resolved, &inProgress, &error));
if (awaitConnected(socket.fd(), inProgress) && send(socket.fd()))
    receive(socket.fd()); // recv() until the response is complete
