// core/strategies/asyncstrategy.cpp: one event loop,
// at most `limit` requests in flight
LaneSlots freeSlots(ctx.concurrency()); // limit permits
launch = [&] {
    // the rest wait for a permit
    while (!freeSlots.empty() && next < n) {
        const int slot = freeSlots.take();
        auto *exchange = group.start(next++, slot);
        QObject::connect(
            exchange, &AsyncHttpExchange::finished, &loop,
            [&, slot] {
                // the permit goes to the next request
                freeSlots.give(slot);
                launch();
            });
    }
};

// core/http/asynchttpexchange.cpp: socketReady()
// onConnectable() then calls sendSome()
case Stage::Connecting: onConnectable(); break;
case Stage::Sending:    sendSome();      break;
case Stage::Receiving:  receiveSome();   break;
