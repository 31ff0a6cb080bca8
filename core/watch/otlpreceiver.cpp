#include "watch/otlpreceiver.h"

#include "formats/otlpreader.h"
#include "formats/otlprun.h"
#include "watch/watchrecorder.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <zlib.h>

#include <chrono>

namespace reqlanes::watch {

namespace {

constexpr int kInvalidArgument = 3; // google.rpc.Code

server::IngestReply status(int httpStatus, const QString &message) {
    server::IngestReply reply;
    reply.status = httpStatus;
    reply.body = QJsonDocument(QJsonObject{{QStringLiteral("code"), kInvalidArgument},
                                           {QStringLiteral("message"), message}})
                     .toJson(QJsonDocument::Compact)
                     .toStdString();
    return reply;
}

bool isJson(const std::string &contentType) {
    // "application/json", "application/json; charset=utf-8": the media type, case-insensitive.
    const QString type = QString::fromStdString(contentType).section(QLatin1Char(';'), 0, 0);
    return type.trimmed().compare(QLatin1String("application/json"), Qt::CaseInsensitive) == 0;
}

} // namespace

std::optional<QByteArray> gunzip(const QByteArray &compressed, qsizetype limit) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) // 16: a gzip header, not zlib's
        return std::nullopt;
    QByteArray out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = uInt(compressed.size());
    int result = Z_OK;
    while (result == Z_OK) {
        if (out.size() >= limit) {
            inflateEnd(&stream);
            return std::nullopt;
        }
        const qsizetype before = out.size();
        out.resize(std::min<qsizetype>(limit, before + 64 * 1024));
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        stream.avail_out = uInt(out.size() - before);
        result = inflate(&stream, Z_NO_FLUSH);
        out.resize(out.size() - qsizetype(stream.avail_out));
        if (result == Z_BUF_ERROR && stream.avail_in == 0)
            break; // truncated input
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END)
        return std::nullopt;
    return out;
}

server::IngestReply receiveOtlpTraces(const server::IngestRequest &request,
                                      WatchRecorder *recorder) {
    if (request.method != "POST") {
        server::IngestReply reply = status(405, QStringLiteral("OTLP/HTTP takes POST only"));
        reply.headers.emplace_back("Allow", "POST");
        return reply;
    }
    if (!isJson(request.contentType))
        return status(415, QStringLiteral("reqlanes receives OTLP/HTTP in JSON only "
                                          "(Content-Type: application/json, got \"%1\"); set "
                                          "the exporter's encoding to json")
                               .arg(QString::fromStdString(request.contentType).left(80)));
    QByteArray body = QByteArray::fromStdString(request.body);
    const QString encoding = QString::fromStdString(request.contentEncoding).trimmed().toLower();
    if (encoding == QLatin1String("gzip")) {
        const auto inflated = gunzip(body, kMaxOtlpBytes);
        if (!inflated)
            return status(400, QStringLiteral("the body is not gzip, or inflates beyond %1 bytes")
                                   .arg(kMaxOtlpBytes));
        body = *inflated;
    } else if (!encoding.isEmpty() && encoding != QLatin1String("identity")) {
        return status(415, QStringLiteral("Content-Encoding \"%1\" is not supported (gzip is)")
                               .arg(encoding.left(40)));
    }
    QString error;
    const auto batch = readOtlpRequest(body, &error);
    if (!batch)
        return status(400,
                      QStringLiteral("not an OTLP/JSON ExportTraceServiceRequest: %1").arg(error));
    if (recorder && !batch->spans.empty()) {
        // Spans carry Unix times; the session's clock is CLOCK_MONOTONIC. On one machine the
        // difference of the two clocks now converts them; a producer elsewhere brings its own
        // clock's skew with it.
        const std::int64_t steadyNs = steadyNowNs();
        const std::int64_t unixNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
        recorder->addSpans(tracedRequests(batch->spans), steadyNs - unixNs, steadyNs);
    }
    server::IngestReply reply;
    QJsonObject response;
    if (batch->rejected > 0)
        response.insert(QStringLiteral("partialSuccess"),
                        QJsonObject{{QStringLiteral("rejectedSpans"),
                                     QString::number(batch->rejected)}, // int64: a string
                                    {QStringLiteral("errorMessage"), batch->firstRejection}});
    reply.body = QJsonDocument(response).toJson(QJsonDocument::Compact).toStdString();
    return reply;
}

} // namespace reqlanes::watch
