// core/strategies/qnamstrategy.cpp: Qt's own client,
// every request at once
QNetworkAccessManager manager;
for (int id = 0; id < n; ++id) {
    QNetworkRequest request(url);
    // Queued inside Qt: at most 6 connections per host.
    QNetworkReply *reply = manager.get(request);
    // the headers are in: the first byte
    QObject::connect(
        reply, &QNetworkReply::metaDataChanged, ...);
    QObject::connect(
        reply, &QNetworkReply::finished, &loop, [&] {
            if (++done == n)
                loop.quit();
        });
}
loop.exec();
