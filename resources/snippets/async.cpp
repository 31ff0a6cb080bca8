// core/strategies/asyncstrategy.cpp: one event loop,
// every request at once
for (int id = 0; id < n; ++id) {
    // a non-blocking connect(), then back to the loop
    auto *exchange = group.start(id, id);
    QObject::connect(
        exchange, &AsyncHttpExchange::finished, &loop,
        [&] {
            if (++done == n)
                loop.quit();
        });
}
// one epoll set: whichever socket is ready goes on
loop.exec();

// core/http/asynchttpexchange.cpp: socketReady()
// onConnectable() then calls sendSome()
case Stage::Connecting: onConnectable(); break;
case Stage::Sending:    sendSome();      break;
case Stage::Receiving:  receiveSome();   break;
