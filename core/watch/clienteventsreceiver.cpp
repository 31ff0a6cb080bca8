#include "watch/clienteventsreceiver.h"

#include "watch/watchrecorder.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QList>

namespace reqlanes::watch {

namespace {

server::IngestReply reply(int status, const QByteArray &json) {
    server::IngestReply result;
    result.status = status;
    result.body = json.toStdString();
    return result;
}

server::IngestReply problem(int status, const QString &message) {
    return reply(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), message}})
                             .toJson(QJsonDocument::Compact));
}

} // namespace

server::IngestReply receiveClientEvents(const server::IngestRequest &request,
                                        ClientEventCounts *counts, WatchRecorder *recorder) {
    if (request.method != "POST") {
        server::IngestReply result = problem(405, QStringLiteral("use POST"));
        result.headers.emplace_back("Allow", "POST"); // RFC 9110 15.5.6
        return result;
    }
    const std::string_view type =
        std::string_view(request.contentType).substr(0, request.contentType.find(';'));
    if (type != "application/x-ndjson" && type != "application/json")
        return problem(415, QStringLiteral("send application/x-ndjson"));
    std::vector<QJsonObject> events;
    int lineNumber = 0;
    for (const QByteArray &line : QByteArray::fromStdString(request.body).split('\n')) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QString reason;
        if (error.error != QJsonParseError::NoError)
            reason = error.errorString();
        else if (!document.isObject())
            reason = QStringLiteral("not a JSON object");
        else if (!document.object().value(QStringLiteral("at")).isDouble())
            reason = QStringLiteral("\"at\" is not a number");
        else if (!document.object().value(QStringLiteral("kind")).isString())
            reason = QStringLiteral("\"kind\" is not a string");
        if (!reason.isEmpty()) {
            if (counts)
                counts->rejected.fetch_add(1, std::memory_order_relaxed);
            return problem(400, QStringLiteral("line %1: %2").arg(lineNumber).arg(reason));
        }
        events.push_back(document.object());
    }
    if (counts)
        counts->accepted.fetch_add(events.size(), std::memory_order_relaxed);
    const auto accepted = qsizetype(events.size());
    if (recorder)
        recorder->addClientEvents(std::move(events));
    return reply(200, QByteArray("{\"accepted\":") + QByteArray::number(accepted) + '}');
}

} // namespace reqlanes::watch
