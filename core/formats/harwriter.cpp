#include "formats/harwriter.h"

#include "formats/isodatetime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace reqlanes {

namespace {

constexpr std::int64_t kNsPerUs = 1000;

// A phase on the run's clock, rounded to the microsecond: every duration is a difference of
// these, so the reader's sums land on the same microseconds.
std::int64_t roundedUs(Nanos ns) {
    return ns >= 0 ? (ns + kNsPerUs / 2) / kNsPerUs : -((-ns + kNsPerUs / 2) / kNsPerUs);
}

double msBetween(std::int64_t fromUs, std::int64_t toUs) {
    return double(toUs - fromUs) / 1000.0;
}

QJsonObject header(const QString &name, const QString &value) {
    return {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}};
}

// The URL the run's requests went to (a file from before the embedded server's was kept:
// loopback, port unknown).
QString baseUrl(const Run &run) {
    const QString url = run.serverUrl();
    return url.isEmpty() ? QStringLiteral("http://127.0.0.1/") : url;
}

// "GET https://example.com/x" (a recording), "GET /x" (a watch session), or nothing.
std::pair<QString, QString> methodAndUrl(const Run &run, std::size_t id) {
    const QString target = id < run.origins.size() ? run.origins[id].target : QString();
    const qsizetype space = target.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return {QStringLiteral("GET"), baseUrl(run)};
    const QString method = target.left(space);
    const QString rest = target.mid(space + 1);
    if (rest.startsWith(QLatin1Char('/'))) {
        QString base = baseUrl(run);
        const qsizetype schemeEnd = base.indexOf(QLatin1String("://"));
        const qsizetype pathStart = base.indexOf(QLatin1Char('/'), schemeEnd + 3);
        return {method, (pathStart > 0 ? base.left(pathStart) : base) + rest};
    }
    return {method, rest};
}

QJsonObject timingsOf(const RequestRecord &record, std::int64_t startUs, QJsonObject &extras) {
    const auto us = [&](Phase phase) {
        return record.has(phase) ? std::optional<std::int64_t>(roundedUs(record.phase(phase)))
                                 : std::nullopt;
    };
    const auto span = [](std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
        return from && to && *to >= *from ? msBetween(*from, *to) : -1.0;
    };
    const auto connectStart = us(Phase::ConnectStart), connected = us(Phase::Connected);
    const auto sent = us(Phase::Sent), firstByte = us(Phase::FirstByte), done = us(Phase::Done);
    const std::optional<std::int64_t> start = startUs;
    // Blocked runs up to the first thing that happened on the wire.
    const auto wire = connectStart ? connectStart : sent ? sent : firstByte;
    const bool connectedHere = connectStart && connected;
    QJsonObject timings{
        {QStringLiteral("blocked"), span(start, wire)},
        {QStringLiteral("dns"), -1},
        {QStringLiteral("connect"), connectedHere ? span(connectStart, connected) : -1.0},
        {QStringLiteral("ssl"), -1},
        {QStringLiteral("send"), span(connectedHere ? connected : wire, sent)},
        {QStringLiteral("wait"), span(sent, firstByte)},
        {QStringLiteral("receive"), span(firstByte, done)}};
    const std::pair<const char *, Phase> exact[] = {{"acquired", Phase::Acquired},
                                                    {"serverAccept", Phase::ServerAccept},
                                                    {"serverStart", Phase::ServerStart},
                                                    {"serverEnd", Phase::ServerEnd}};
    // Written as null when not stamped: blocked alone would make every request look acquired.
    for (const auto &[key, phase] : exact) {
        const auto at = us(phase);
        extras.insert(QLatin1String(key), at ? QJsonValue(msBetween(startUs, *at)) : QJsonValue());
    }
    // A connect that never completed (refused, timed out) has no HAR timing to show it began.
    if (connectStart && !connected)
        extras.insert(QStringLiteral("connectStart"), msBetween(startUs, *connectStart));
    return timings;
}

QJsonObject responseOf(const RequestRecord &record) {
    const bool failed =
        record.status != RequestStatus::Ok && record.status != RequestStatus::HttpError;
    const int status = failed ? 0 : (record.httpStatus ? record.httpStatus : 200);
    QJsonArray headers;
    if (record.has(Phase::ServerStart) && record.has(Phase::ServerEnd)) {
        QString value =
            QStringLiteral("app;dur=%1")
                .arg(nanosToMs(record.phase(Phase::ServerEnd) - record.phase(Phase::ServerStart)),
                     0, 'f', 3);
        if (record.has(Phase::ServerAccept))
            value.prepend(QStringLiteral("queue;dur=%1, ")
                              .arg(nanosToMs(record.phase(Phase::ServerStart) -
                                             record.phase(Phase::ServerAccept)),
                                   0, 'f', 3));
        headers.append(header(QStringLiteral("Server-Timing"), value));
    }
    if (record.serverWorker >= 0)
        headers.append(header(QStringLiteral("X-Worker"), QString::number(record.serverWorker)));
    QJsonObject response{
        {QStringLiteral("status"), status},
        {QStringLiteral("statusText"), QString()},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("content"),
         QJsonObject{{QStringLiteral("size"), -1}, {QStringLiteral("mimeType"), QString()}}},
        {QStringLiteral("redirectURL"), QString()},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), -1}};
    if (failed)
        response.insert(QStringLiteral("_error"),
                        record.error.isEmpty() ? statusName(record.status) : record.error);
    return response;
}

QJsonObject entryOf(const Run &run, std::size_t id, std::int64_t runStartUs) {
    const RequestRecord &record = run.requests[id];
    const std::int64_t startUs = roundedUs(record.phase(Phase::Created));
    QJsonObject extras{{QStringLiteral("status"), statusName(record.status)}};
    if (record.serverWorker >= 0)
        extras.insert(QStringLiteral("worker"), record.serverWorker);
    const QJsonObject timings = timingsOf(record, startUs, extras);
    const double time =
        record.has(Phase::Done) ? msBetween(startUs, roundedUs(record.phase(Phase::Done))) : 0.0;

    const auto [method, url] = methodAndUrl(run, id);
    QJsonArray requestHeaders;
    const QString requestId = id < run.origins.size() ? run.origins[id].requestId : QString();
    if (!requestId.isEmpty())
        requestHeaders.append(header(QStringLiteral("X-Request-Id"), requestId));
    QJsonObject entry{
        {QStringLiteral("pageref"), QStringLiteral("page_1")},
        {QStringLiteral("startedDateTime"), formatIsoDateTimeUs((runStartUs + startUs) * 1000)},
        {QStringLiteral("time"), std::max(0.0, time)},
        {QStringLiteral("request"),
         QJsonObject{{QStringLiteral("method"), method},
                     {QStringLiteral("url"), url},
                     {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                     {QStringLiteral("cookies"), QJsonArray()},
                     {QStringLiteral("headers"), requestHeaders},
                     {QStringLiteral("queryString"), QJsonArray()},
                     {QStringLiteral("headersSize"), -1},
                     {QStringLiteral("bodySize"), 0}}},
        {QStringLiteral("response"), responseOf(record)},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"), timings},
        {QStringLiteral("_reqlanes"), extras}};
    // Each request of a strategy run opens a connection of its own (Connection: close); a watch
    // session knows which connection carried which request.
    const int connection = id < run.origins.size() ? run.origins[id].connection : -1;
    if (connection >= 0 && std::size_t(connection) < run.connections.size())
        entry.insert(QStringLiteral("connection"),
                     QString::number(run.connections[std::size_t(connection)].serverId));
    else if (run.connections.empty() && run.origins.empty())
        entry.insert(QStringLiteral("connection"), QString::number(id + 1));
    return entry;
}

} // namespace

QByteArray runToHar(const Run &run) {
    const std::int64_t runStartUs =
        run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() * 1000 : 0;
    QJsonArray entries;
    for (std::size_t id = 0; id < run.requests.size(); ++id)
        if (run.requests[id].has(Phase::Created))
            entries.append(entryOf(run, id, runStartUs));
    const QJsonObject page{
        {QStringLiteral("startedDateTime"), formatIsoDateTimeUs(runStartUs * 1000)},
        {QStringLiteral("id"), QStringLiteral("page_1")},
        {QStringLiteral("title"),
         run.strategyName.isEmpty() ? run.scenario.strategy : run.strategyName},
        {QStringLiteral("pageTimings"), QJsonObject()}};
    const QJsonObject log{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("reqlanes")},
                     {QStringLiteral("version"), QStringLiteral(REQLANES_VERSION)}}},
        {QStringLiteral("pages"), QJsonArray{page}},
        {QStringLiteral("entries"), entries}};
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

} // namespace reqlanes
