// core/strategies/asyncstrategy.cpp: one event loop, every request at once
for (int id = 0; id < n; ++id) {
    AsyncHttpExchange *exchange = group.start(id, id); // non-blocking connect()
    QObject::connect(exchange, &AsyncHttpExchange::finished, &loop, [&] {
        if (++done == n)
            loop.quit();
    });
}
loop.exec(); // one epoll set: whichever socket is ready goes on

// core/http/asynchttpexchange.cpp: AsyncHttpExchange::socketReady()
case Stage::Connecting: onConnectable(); break; // then sendSome()
case Stage::Sending:    sendSome();      break;
case Stage::Receiving:  receiveSome();   break;
