#include "formats/otlpwriter.h"

#include "model/target.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace reqlanes {

namespace {

constexpr int kClientKind = 3;
constexpr int kServerKind = 2;
constexpr int kInternalKind = 1;
constexpr int kStatusError = 2;

QJsonObject stringAttribute(const QString &key, const QString &value) {
    return {{QStringLiteral("key"), key},
            {QStringLiteral("value"), QJsonObject{{QStringLiteral("stringValue"), value}}}};
}

// 64-bit integers are strings in OTLP/JSON.
QJsonObject intAttribute(const QString &key, qint64 value) {
    return {{QStringLiteral("key"), key},
            {QStringLiteral("value"),
             QJsonObject{{QStringLiteral("intValue"), QString::number(value)}}}};
}

QString nanosText(std::int64_t unixNs) {
    return QString::number(unixNs);
}

// Span ids only need to be unique within the trace: the request's index, client and server.
QString spanId(quint64 value) {
    return QStringLiteral("%1").arg(value, 16, 16, QLatin1Char('0'));
}
QString clientSpanId(int request) {
    return spanId((quint64(request) + 1) << 1);
}
QString serverSpanId(int request) {
    return spanId(((quint64(request) + 1) << 1) | 1);
}
const QString kRootSpanId = spanId(quint64(1) << 62);

// The same run always gets the same trace id; different runs, different ones.
QString traceIdOf(const Run &run) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(run.startedAt.toString(Qt::ISODateWithMs).toUtf8());
    hash.addData(run.strategyName.toUtf8());
    hash.addData(QByteArray::number(qint64(run.requests.size())));
    hash.addData(QByteArray::number(qint64(run.elapsed)));
    return QString::fromLatin1(hash.result().left(16).toHex());
}

struct RequestFacts {
    QString method = QStringLiteral("GET");
    QString url;  // url.full, when the whole URL is known
    QString path; // url.path otherwise
    QString host;
    int port = 0;
};

RequestFacts factsOf(const Run &run, std::size_t index) {
    RequestFacts facts;
    if (index < run.spans.size() && run.spans[index].traced()) {
        const TracedSpan &span = run.spans[index];
        const QString method = span.name.section(QLatin1Char(' '), 0, 0);
        if (!method.isEmpty())
            facts.method = method;
        facts.url = span.url;
        facts.host = span.host.section(QLatin1Char(':'), 0, 0);
        facts.port = span.host.section(QLatin1Char(':'), 1).toInt();
        return facts;
    }
    if (index < run.origins.size() && !run.origins[index].target.isEmpty()) {
        facts.method = run.origins[index].target.section(QLatin1Char(' '), 0, 0);
        facts.path = run.origins[index].target.section(QLatin1Char(' '), 1);
        facts.host = QString::fromStdString(run.scenario.server.bindAddress);
        return facts;
    }
    if (const auto target = Target::fromUrl(run.serverUrl())) {
        facts.url = run.serverUrl();
        facts.host = target->host;
        facts.port = target->port;
    } else {
        facts.path = QStringLiteral("/");
        facts.host = QString::fromStdString(run.scenario.server.bindAddress);
    }
    return facts;
}

class OtlpTraceWriter {
public:
    explicit OtlpTraceWriter(const Run &run)
        : m_run(run)
        , m_traceId(traceIdOf(run)) {
        const QDateTime started =
            run.startedAt.isValid() ? run.startedAt : QDateTime::fromMSecsSinceEpoch(0);
        // OTLP reads a time of 0 as unset: a run without a start time (or one from 1970) is
        // written from 1 ms after the epoch.
        m_originUnixNs = std::max<qint64>(1, started.toMSecsSinceEpoch()) * 1'000'000;
    }

    QByteArray document() {
        // Spans in request order, a resource entry per run of one service: reading the file
        // back gives the requests in the same order (OTLP allows a resource more than once).
        const QString ours = QStringLiteral("reqlanes");
        QJsonArray resources;
        QString service = ours;
        QJsonArray spans{rootSpan()};
        for (std::size_t i = 0; i < m_run.requests.size(); ++i) {
            const RequestRecord &record = m_run.requests[i];
            if (!record.has(Phase::Created))
                continue;
            QString next = i < m_run.spans.size() ? m_run.spans[i].service : QString();
            if (next.isEmpty())
                next = ours;
            if (next != service) {
                resources.append(resourceSpans(service, spans));
                service = next;
                spans = {};
            }
            spans.append(clientSpan(record, i));
            if (record.has(Phase::ServerStart) && record.has(Phase::ServerEnd))
                spans.append(serverSpan(record, i));
        }
        resources.append(resourceSpans(service, spans));
        const QJsonObject traces{{QStringLiteral("resourceSpans"), resources}};
        return QJsonDocument(traces).toJson(QJsonDocument::Compact) + '\n';
    }

private:
    std::int64_t unixNs(Nanos at) const { return m_originUnixNs + at; }
    Nanos endOf(const RequestRecord &record) const {
        return record.has(Phase::Done) ? record.phase(Phase::Done) : m_run.elapsed;
    }

    QJsonObject span(const QString &id, const QString &parent, const QString &name, int kind,
                     Nanos start, Nanos end) const {
        QJsonObject span{
            {QStringLiteral("traceId"), m_traceId},
            {QStringLiteral("spanId"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("startTimeUnixNano"), nanosText(unixNs(start))},
            {QStringLiteral("endTimeUnixNano"), nanosText(unixNs(std::max(start, end)))}};
        if (!parent.isEmpty())
            span.insert(QStringLiteral("parentSpanId"), parent);
        return span;
    }

    static QJsonObject resourceSpans(const QString &service, const QJsonArray &spans) {
        const QJsonObject resource{
            {QStringLiteral("attributes"),
             QJsonArray{stringAttribute(QStringLiteral("service.name"), service)}}};
        const QJsonObject scope{{QStringLiteral("scope"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("reqlanes")}}},
                                {QStringLiteral("spans"), spans}};
        return {{QStringLiteral("resource"), resource},
                {QStringLiteral("scopeSpans"), QJsonArray{scope}}};
    }

    QJsonObject rootSpan() const {
        QString name = m_run.strategyName.isEmpty() ? m_run.scenario.strategy : m_run.strategyName;
        QJsonObject root = span(kRootSpanId, {}, QStringLiteral("reqlanes run: %1").arg(name),
                                kInternalKind, 0, m_run.elapsed);
        root.insert(
            QStringLiteral("attributes"),
            QJsonArray{
                stringAttribute(QStringLiteral("reqlanes.strategy"), m_run.scenario.strategy),
                intAttribute(QStringLiteral("reqlanes.requests"), qint64(m_run.requests.size()))});
        return root;
    }

    QJsonArray events(const RequestRecord &record, std::initializer_list<Phase> phases) const {
        QJsonArray events;
        for (const Phase phase : phases)
            if (record.has(phase))
                events.append(QJsonObject{
                    {QStringLiteral("timeUnixNano"), nanosText(unixNs(record.phase(phase)))},
                    {QStringLiteral("name"), phaseName(phase)}});
        return events;
    }

    QJsonObject clientSpan(const RequestRecord &record, std::size_t index) const {
        const RequestFacts facts = factsOf(m_run, index);
        QJsonObject client = span(clientSpanId(int(index)), kRootSpanId, facts.method, kClientKind,
                                  record.phase(Phase::Created), endOf(record));
        QJsonArray attributes{stringAttribute(QStringLiteral("http.request.method"), facts.method),
                              intAttribute(QStringLiteral("reqlanes.request.id"), record.id)};
        if (!facts.url.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("url.full"), facts.url));
        if (!facts.path.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("url.path"), facts.path));
        if (!facts.host.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("server.address"), facts.host));
        if (facts.port > 0)
            attributes.append(intAttribute(QStringLiteral("server.port"), facts.port));
        if (record.httpStatus > 0)
            attributes.append(
                intAttribute(QStringLiteral("http.response.status_code"), record.httpStatus));
        if (record.threadId != 0)
            attributes.append(intAttribute(QStringLiteral("thread.id"), record.threadId));
        if (record.finished() && record.status != RequestStatus::Ok) {
            // Semantic conventions: an HTTP error's type is its status code.
            const QString type = record.status == RequestStatus::HttpError
                                     ? QString::number(record.httpStatus)
                                     : statusName(record.status);
            attributes.append(stringAttribute(QStringLiteral("error.type"), type));
            client.insert(QStringLiteral("status"),
                          QJsonObject{{QStringLiteral("code"), kStatusError},
                                      {QStringLiteral("message"), record.error}});
        }
        client.insert(QStringLiteral("attributes"), attributes);
        const QJsonArray phases = events(record, {Phase::Acquired, Phase::ConnectStart,
                                                  Phase::Connected, Phase::Sent, Phase::FirstByte});
        if (!phases.isEmpty())
            client.insert(QStringLiteral("events"), phases);
        return client;
    }

    QJsonObject serverSpan(const RequestRecord &record, std::size_t index) const {
        const RequestFacts facts = factsOf(m_run, index);
        QJsonObject server =
            span(serverSpanId(int(index)), clientSpanId(int(index)), facts.method, kServerKind,
                 record.phase(Phase::ServerStart), record.phase(Phase::ServerEnd));
        QJsonArray attributes{stringAttribute(QStringLiteral("http.request.method"), facts.method)};
        if (record.httpStatus > 0)
            attributes.append(
                intAttribute(QStringLiteral("http.response.status_code"), record.httpStatus));
        if (record.serverWorker >= 0)
            attributes.append(
                intAttribute(QStringLiteral("reqlanes.server.worker"), record.serverWorker));
        server.insert(QStringLiteral("attributes"), attributes);
        const QJsonArray accept = events(record, {Phase::ServerAccept});
        if (!accept.isEmpty())
            server.insert(QStringLiteral("events"), accept);
        return server;
    }

    const Run &m_run;
    QString m_traceId;
    std::int64_t m_originUnixNs = 0;
};

} // namespace

QByteArray runToOtlpJson(const Run &run) {
    return OtlpTraceWriter(run).document();
}

} // namespace reqlanes
