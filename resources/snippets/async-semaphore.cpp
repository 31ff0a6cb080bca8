// core/strategies/asyncstrategy.cpp: one event loop, at most `limit` in flight
LaneSlots freeSlots(ctx.concurrency()); // limit, at most N
launch = [&] {
    while (!freeSlots.empty() && next < n) { // the rest wait for a permit
        const int slot = freeSlots.take();
        AsyncHttpExchange *exchange = group.start(next++, slot);
        QObject::connect(exchange, &AsyncHttpExchange::finished, &loop, [&, slot] {
            freeSlots.give(slot); // the permit goes to the next request
            launch();
        });
    }
};

// core/http/asynchttpexchange.cpp: AsyncHttpExchange::socketReady()
case Stage::Connecting: onConnectable(); break; // then sendSome()
case Stage::Sending:    sendSome();      break;
case Stage::Receiving:  receiveSome();   break;
