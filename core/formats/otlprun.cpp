#include "formats/otlprun.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace reqlanes {

namespace {

QVariant attribute(const OtlpSpan &span, std::initializer_list<const char *> keys) {
    for (const char *key : keys) {
        const auto it = span.attributes.constFind(QLatin1String(key));
        if (it != span.attributes.constEnd() && it->isValid())
            return *it;
    }
    return {};
}

bool isHttp(const OtlpSpan &span) {
    return (span.kind == OtlpSpanKind::Client || span.kind == OtlpSpanKind::Server) &&
           attribute(span, {"http.request.method", "http.method"}).isValid();
}

// The server a client span called: "name:port" from the attributes, else the URL's authority.
QString hostOf(const OtlpSpan &span, const QString &url) {
    QString name = attribute(span, {"server.address", "net.peer.name", "http.host"}).toString();
    QVariant port = attribute(span, {"server.port", "net.peer.port"});
    if (name.isEmpty() && !url.isEmpty()) {
        const QUrl parsed(url);
        name = parsed.host();
        if (!port.isValid() && parsed.port() > 0)
            port = parsed.port();
    }
    if (name.isEmpty())
        return {};
    if (port.isValid() && !name.contains(QLatin1Char(':')))
        return name + QLatin1Char(':') + port.toString();
    return name;
}

// error.type values reqlanes writes for its own failures, and common ones of other producers.
std::optional<RequestStatus> statusOfErrorType(const QString &type) {
    const QString lower = type.toLower();
    if (lower.isEmpty())
        return std::nullopt;
    // Only the failures a client sees itself; "ok" or "http_error" would contradict the status
    // code, which decides those.
    if (const auto named = statusFromName(lower); named && *named != RequestStatus::Pending &&
                                                  *named != RequestStatus::Ok &&
                                                  *named != RequestStatus::HttpError)
        return named;
    if (lower.contains(QLatin1String("timeout")) || lower.contains(QLatin1String("timedout")))
        return RequestStatus::Timeout;
    if (lower.contains(QLatin1String("refused")) ||
        lower.contains(QLatin1String("connectexception")))
        return RequestStatus::Refused;
    if (lower.contains(QLatin1String("cancel")) || lower.contains(QLatin1String("abort")))
        return RequestStatus::Cancelled;
    return std::nullopt;
}

void setOutcome(const OtlpSpan &span, RequestRecord &record) {
    const QVariant code = attribute(span, {"http.response.status_code", "http.status_code"});
    const int httpStatus = code.isValid() ? code.toInt() : 0;
    const QString errorType = attribute(span, {"error.type"}).toString();
    record.httpStatus = std::uint16_t(std::clamp(httpStatus, 0, 999));
    if (const auto failed = statusOfErrorType(errorType))
        record.status = *failed;
    else if (httpStatus > 0)
        record.status =
            httpStatus >= 200 && httpStatus < 300 ? RequestStatus::Ok : RequestStatus::HttpError;
    else
        record.status = span.statusCode == 2 ? RequestStatus::ProtocolError : RequestStatus::Ok;
    if (record.status == RequestStatus::Ok)
        return;
    record.error = !span.statusMessage.isEmpty() ? span.statusMessage
                   : record.status == RequestStatus::HttpError
                       ? QStringLiteral("HTTP %1").arg(httpStatus)
                       : errorType;
}

// Network phases from span events; only the phases a side of the request can see.
void applyEvents(const OtlpSpan &span, RequestRecord &record, bool serverSide) {
    for (const OtlpEvent &event : span.events) {
        const auto phase = phaseOfSpanEvent(event.name);
        if (!phase)
            continue;
        const bool serverPhase = *phase == Phase::ServerAccept;
        if (serverPhase == serverSide && !record.has(*phase))
            record.at[int(*phase)] = event.timeUnixNs;
    }
}

void applyServerSpan(const OtlpSpan &server, RequestRecord &record) {
    record.at[int(Phase::ServerStart)] = server.startUnixNs;
    record.at[int(Phase::ServerEnd)] = server.endUnixNs;
    applyEvents(server, record, true);
    const QVariant worker = attribute(server, {"reqlanes.server.worker"});
    if (worker.isValid())
        record.serverWorker = std::int16_t(std::clamp(worker.toInt(), -1, 32767));
}

TracedSpan spanInfo(const OtlpSpan &span) {
    TracedSpan info;
    info.service = span.service;
    info.traceId = span.traceId;
    info.spanId = span.spanId;
    info.name = span.name;
    info.url = attribute(span, {"url.full", "http.url"}).toString();
    info.host = hostOf(span, info.url);
    if (info.host.isEmpty() && span.kind == OtlpSpanKind::Server)
        info.host = span.hostName;
    return info;
}

TracedRequest clientRequest(const OtlpSpan &client, const OtlpSpan *server) {
    TracedRequest request;
    RequestRecord &record = request.record;
    record.at[int(Phase::Created)] = client.startUnixNs;
    record.at[int(Phase::Done)] = client.endUnixNs;
    applyEvents(client, record, false);
    if (server)
        applyServerSpan(*server, record);
    const QVariant thread = attribute(client, {"thread.id"});
    if (thread.isValid())
        record.threadId = std::int32_t(thread.toLongLong());
    setOutcome(client, record);
    request.span = spanInfo(client);
    return request;
}

// A server span whose client is not in the data: the server's work is all that is known.
TracedRequest serverRequest(const OtlpSpan &server) {
    TracedRequest request;
    RequestRecord &record = request.record;
    record.at[int(Phase::Created)] = server.startUnixNs;
    record.at[int(Phase::Done)] = server.endUnixNs;
    applyServerSpan(server, record);
    setOutcome(server, record);
    request.span = spanInfo(server);
    return request;
}

} // namespace

std::optional<Phase> phaseOfSpanEvent(const QString &name) {
    // The browser's PerformanceResourceTiming names (OpenTelemetry's fetch and XHR
    // instrumentations): DNS and TCP together are reqlanes' connect, as in HAR; only the start
    // of sending is stamped, and a request's head goes out within microseconds of it.
    static const QHash<QString, Phase> browserNames = {
        {QStringLiteral("domainLookupStart"), Phase::ConnectStart},
        {QStringLiteral("connectStart"), Phase::ConnectStart},
        {QStringLiteral("connectEnd"), Phase::Connected},
        {QStringLiteral("requestStart"), Phase::Sent},
        {QStringLiteral("responseStart"), Phase::FirstByte},
    };
    if (const auto it = browserNames.constFind(name); it != browserNames.constEnd())
        return *it;
    const auto phase = phaseFromName(name);
    // The span's own start and end are created and done.
    if (!phase || *phase == Phase::Created || *phase == Phase::Done ||
        *phase == Phase::ServerStart || *phase == Phase::ServerEnd)
        return std::nullopt;
    return phase;
}

std::vector<TracedRequest> tracedRequests(const std::vector<OtlpSpan> &spans) {
    // Server spans by (trace, parent): the client span they serve.
    QHash<QString, const OtlpSpan *> serverOf;
    QHash<QString, bool> isClient;
    for (const OtlpSpan &span : spans) {
        if (!isHttp(span))
            continue;
        const QString key = span.traceId + span.spanId;
        if (span.kind == OtlpSpanKind::Client)
            isClient[key] = true;
        if (span.kind == OtlpSpanKind::Server && !span.parentSpanId.isEmpty()) {
            auto &server = serverOf[span.traceId + span.parentSpanId];
            if (!server || span.startUnixNs < server->startUnixNs)
                server = &span; // a retried or duplicated server span: the first
        }
    }
    std::vector<TracedRequest> requests;
    for (const OtlpSpan &span : spans) {
        if (!isHttp(span))
            continue;
        if (span.kind == OtlpSpanKind::Client) {
            requests.push_back(clientRequest(span, serverOf.value(span.traceId + span.spanId)));
        } else if (!isClient.contains(span.traceId + span.parentSpanId)) {
            requests.push_back(serverRequest(span));
        }
    }
    std::stable_sort(requests.begin(), requests.end(),
                     [](const TracedRequest &a, const TracedRequest &b) {
                         return a.record.phase(Phase::Created) < b.record.phase(Phase::Created);
                     });
    return requests;
}

Run runFromTracedRequests(std::vector<TracedRequest> requests) {
    Run run;
    run.scenario.strategy = QLatin1String(kTracedRunStrategy);
    // The app translates it like a strategy's name (strategyText).
    run.strategyName = QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "OpenTelemetry traces"));
    run.finished = true;
    std::int64_t origin = std::numeric_limits<std::int64_t>::max();
    for (const TracedRequest &request : requests)
        for (const Nanos at : request.record.at)
            if (at != kUnset)
                origin = std::min(origin, at);
    if (requests.empty())
        origin = 0;
    run.startedAt = QDateTime::fromMSecsSinceEpoch(origin / 1'000'000);
    for (TracedRequest &request : requests) {
        RequestRecord record = request.record;
        record.id = int(run.requests.size());
        for (Nanos &at : record.at)
            if (at != kUnset)
                at -= origin;
        run.elapsed = std::max(run.elapsed, record.phase(Phase::Done));
        run.requests.push_back(std::move(record));
        run.spans.push_back(std::move(request.span));
    }
    run.scenario.n = std::max(1, int(run.requests.size()));
    return run;
}

std::optional<Run> runFromOtlpJson(const QByteArray &bytes, QString *error) {
    const auto spans = readOtlpFile(bytes, error);
    if (!spans)
        return std::nullopt;
    std::vector<TracedRequest> requests = tracedRequests(*spans);
    if (requests.empty()) {
        if (error)
            *error =
                QStringLiteral("no HTTP client or server spans among %1 spans").arg(spans->size());
        return std::nullopt;
    }
    return runFromTracedRequests(std::move(requests));
}

} // namespace reqlanes
