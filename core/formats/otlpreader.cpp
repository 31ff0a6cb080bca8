#include "formats/otlpreader.h"

#include "formats/jsonfieldreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>

#include <cmath>

namespace reqlanes {

namespace {

QString shortText(const QJsonValue &value) {
    const QByteArray text = JsonFieldReader::text(value);
    return QString::fromUtf8(text.size() > 40 ? text.left(40) + "..." : text);
}

// OTLP/JSON writes 64-bit integers as decimal strings (the proto3 JSON mapping); many emitters
// write plain numbers. Qt keeps integers of up to 64 bits exactly.
std::optional<std::int64_t> unsignedInteger(const QJsonValue &value) {
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        return ok && number >= 0 ? std::optional<std::int64_t>(number) : std::nullopt;
    }
    if (!value.isDouble())
        return std::nullopt;
    const qint64 exact = value.toInteger(-1);
    if (exact >= 0)
        return exact;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number < 0 || number != std::trunc(number) || number >= 9.2e18)
        return std::nullopt;
    return std::int64_t(number);
}

// Hex, as OTLP/JSON asks; base64 (the plain proto3 mapping of bytes), as some early exporters
// wrote, is accepted and turned into hex.
std::optional<QString> hexId(const QJsonValue &value, int bytes) {
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    QByteArray raw;
    if (text.size() == bytes * 2) {
        for (const QChar c : text)
            if (!isxdigit(c.toLatin1()))
                return std::nullopt;
        raw = QByteArray::fromHex(text.toLatin1());
    } else {
        const auto decoded = QByteArray::fromBase64Encoding(
            text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != bytes)
            return std::nullopt;
        raw = decoded.decoded;
    }
    if (raw.count('\0') == raw.size())
        return std::nullopt; // all zero is the invalid id (W3C Trace Context)
    return QString::fromLatin1(raw.toHex());
}

// An AnyValue: {"stringValue": ...}, {"intValue": ...}, ... Arrays and maps are kept as text.
QVariant anyValue(const QJsonObject &value) {
    if (value.contains(QLatin1String("stringValue")))
        return value.value(QLatin1String("stringValue")).toString();
    if (value.contains(QLatin1String("intValue"))) {
        const QJsonValue number = value.value(QLatin1String("intValue"));
        if (number.isString())
            return number.toString().toLongLong();
        return number.toInteger();
    }
    if (value.contains(QLatin1String("doubleValue")))
        return value.value(QLatin1String("doubleValue")).toDouble();
    if (value.contains(QLatin1String("boolValue")))
        return value.value(QLatin1String("boolValue")).toBool();
    for (const char *key : {"arrayValue", "kvlistValue", "bytesValue"})
        if (value.contains(QLatin1String(key)))
            return QString::fromUtf8(JsonFieldReader::text(value.value(QLatin1String(key))));
    return {};
}

// Reads the structure, naming the path of the first thing wrong.
class TraceWalker {
public:
    TraceWalker(OtlpBatch &batch, QString *error)
        : m_batch(batch)
        , m_error(error) {}

    bool traces(const QJsonObject &object) {
        const QJsonArray resources = array(object, "resourceSpans", QString());
        for (int r = 0; m_ok && r < resources.size(); ++r)
            resource(resources[r], QStringLiteral("resourceSpans[%1]").arg(r));
        return m_ok;
    }

private:
    bool fail(const QString &path, const QString &reason) {
        if (m_ok && m_error)
            *m_error = QStringLiteral("%1: %2").arg(path, reason);
        m_ok = false;
        return false;
    }
    static QString join(const QString &path, const char *key) {
        return path.isEmpty() ? QLatin1String(key) : path + QLatin1Char('.') + QLatin1String(key);
    }
    // Absent means empty (proto3 leaves defaults out); present, it must be an array.
    QJsonArray array(const QJsonObject &object, const char *key, const QString &path) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isNull() && !value.isArray())
            fail(join(path, key),
                 QStringLiteral("expected an array, got %1").arg(shortText(value)));
        return value.toArray();
    }
    QJsonObject objectAt(const QJsonValue &value, const QString &path) {
        if (!value.isObject())
            fail(path, QStringLiteral("expected an object, got %1").arg(shortText(value)));
        return value.toObject();
    }
    QHash<QString, QVariant> attributes(const QJsonObject &owner, const QString &path) {
        QHash<QString, QVariant> result;
        const QJsonArray list = array(owner, "attributes", path);
        for (int i = 0; m_ok && i < list.size(); ++i) {
            const QString at = QStringLiteral("%1.attributes[%2]").arg(path).arg(i);
            const QJsonObject pair = objectAt(list[i], at);
            if (m_ok && !pair.value(QLatin1String("key")).isString())
                fail(at + QStringLiteral(".key"), QStringLiteral("expected a string"));
            if (m_ok)
                result.insert(pair.value(QLatin1String("key")).toString(),
                              anyValue(pair.value(QLatin1String("value")).toObject()));
        }
        return result;
    }

    void resource(const QJsonValue &value, const QString &path) {
        const QJsonObject object = objectAt(value, path);
        const QJsonObject resource = object.value(QLatin1String("resource")).toObject();
        const auto resourceAttributes = attributes(resource, join(path, "resource"));
        const QString service = resourceAttributes.value(QStringLiteral("service.name")).toString();
        const QString host = resourceAttributes.value(QStringLiteral("host.name")).toString();
        // "instrumentationLibrarySpans": the name before OTLP 0.15, still in older files.
        const char *scopeKey = object.contains(QLatin1String("scopeSpans"))
                                   ? "scopeSpans"
                                   : "instrumentationLibrarySpans";
        const QJsonArray scopes = array(object, scopeKey, path);
        for (int s = 0; m_ok && s < scopes.size(); ++s) {
            const QString scopePath = QStringLiteral("%1.%2[%3]").arg(path).arg(scopeKey).arg(s);
            const QJsonArray spans = array(objectAt(scopes[s], scopePath), "spans", scopePath);
            for (int i = 0; m_ok && i < spans.size(); ++i)
                span(spans[i], QStringLiteral("%1.spans[%2]").arg(scopePath).arg(i), service, host);
        }
    }

    void span(const QJsonValue &value, const QString &path, const QString &service,
              const QString &host) {
        const QJsonObject object = objectAt(value, path);
        if (!m_ok)
            return;
        OtlpSpan span;
        span.service = service;
        span.hostName = host;
        span.name = object.value(QLatin1String("name")).toString();
        span.attributes = attributes(object, path);
        const QJsonValue kind = object.value(QLatin1String("kind"));
        if (kind.isString()) {
            static const QStringList names = {
                QStringLiteral("SPAN_KIND_UNSPECIFIED"), QStringLiteral("SPAN_KIND_INTERNAL"),
                QStringLiteral("SPAN_KIND_SERVER"),      QStringLiteral("SPAN_KIND_CLIENT"),
                QStringLiteral("SPAN_KIND_PRODUCER"),    QStringLiteral("SPAN_KIND_CONSUMER")};
            span.kind = OtlpSpanKind(std::max(0, int(names.indexOf(kind.toString()))));
        } else {
            const auto number = unsignedInteger(kind);
            span.kind =
                number && *number <= 5 ? OtlpSpanKind(int(*number)) : OtlpSpanKind::Unspecified;
        }
        const QJsonObject status = object.value(QLatin1String("status")).toObject();
        const QJsonValue code = status.value(QLatin1String("code"));
        span.statusCode = code.isString()
                              ? (code.toString() == QLatin1String("STATUS_CODE_ERROR") ? 2
                                 : code.toString() == QLatin1String("STATUS_CODE_OK")  ? 1
                                                                                       : 0)
                              : int(std::clamp<qint64>(code.toInteger(0), 0, 2));
        span.statusMessage = status.value(QLatin1String("message")).toString();
        const QJsonArray events = array(object, "events", path);
        for (int e = 0; m_ok && e < events.size(); ++e) {
            const QJsonObject event =
                objectAt(events[e], QStringLiteral("%1.events[%2]").arg(path).arg(e));
            const auto at = unsignedInteger(event.value(QLatin1String("timeUnixNano")));
            if (at && *at > 0)
                span.events.push_back({event.value(QLatin1String("name")).toString(), *at});
        }
        if (!m_ok)
            return;
        if (QString reason = identify(object, span); !reason.isEmpty()) {
            if (m_batch.rejected++ == 0)
                m_batch.firstRejection = path + QStringLiteral(".") + reason;
            return;
        }
        m_batch.spans.push_back(std::move(span));
    }

    // The ids and times a span cannot be drawn without: "" when fine, else "field: reason".
    static QString identify(const QJsonObject &object, OtlpSpan &span) {
        const auto describe = [&](const char *key, const QString &expected) {
            return QStringLiteral("%1: expected %2, got %3")
                .arg(QLatin1String(key), expected, shortText(object.value(QLatin1String(key))));
        };
        const auto trace = hexId(object.value(QLatin1String("traceId")), 16);
        if (!trace)
            return describe("traceId", QStringLiteral("32 hex digits, not all zero"));
        const auto id = hexId(object.value(QLatin1String("spanId")), 8);
        if (!id)
            return describe("spanId", QStringLiteral("16 hex digits, not all zero"));
        const QJsonValue parent = object.value(QLatin1String("parentSpanId"));
        if (!parent.isUndefined() && !parent.isNull() && parent.toString() != QString()) {
            const auto parentId = hexId(parent, 8);
            if (!parentId)
                return describe("parentSpanId", QStringLiteral("16 hex digits or \"\""));
            span.parentSpanId = *parentId;
        }
        const auto start = unsignedInteger(object.value(QLatin1String("startTimeUnixNano")));
        if (!start || *start == 0)
            return describe("startTimeUnixNano", QStringLiteral("nanoseconds since 1970"));
        const auto end = unsignedInteger(object.value(QLatin1String("endTimeUnixNano")));
        if (!end || *end < *start)
            return describe("endTimeUnixNano", QStringLiteral("nanoseconds, not before the start"));
        span.traceId = *trace;
        span.spanId = *id;
        span.startUnixNs = *start;
        span.endUnixNs = *end;
        return {};
    }

    OtlpBatch &m_batch;
    QString *m_error;
    bool m_ok = true;
};

QString parseErrorText(const QJsonParseError &parseError) {
    return QStringLiteral("not JSON (offset %1: %2)")
        .arg(parseError.offset)
        .arg(parseError.errorString());
}

} // namespace

bool readOtlpTraces(const QJsonObject &object, OtlpBatch &batch, QString *error) {
    return TraceWalker(batch, error).traces(object);
}

std::optional<OtlpBatch> readOtlpRequest(const QByteArray &body, QString *error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = parseErrorText(parseError);
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            *error = QStringLiteral("expected an ExportTraceServiceRequest object");
        return std::nullopt;
    }
    OtlpBatch batch;
    if (!readOtlpTraces(document.object(), batch, error))
        return std::nullopt;
    return batch;
}

std::optional<std::vector<OtlpSpan>> readOtlpFile(const QByteArray &bytes, QString *error) {
    const auto fail = [error](const QString &reason) -> std::optional<std::vector<OtlpSpan>> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (bytes.size() > kMaxOtlpBytes)
        return fail(
            QStringLiteral("too large for an OTLP trace file (%1 bytes)").arg(bytes.size()));
    // One document (perhaps pretty-printed over many lines), else JSON Lines.
    QList<QByteArray> documents;
    QJsonParseError whole;
    QJsonDocument::fromJson(bytes, &whole);
    const bool jsonLines = whole.error != QJsonParseError::NoError;
    if (jsonLines)
        documents = bytes.split('\n');
    else
        documents = {bytes};

    std::vector<OtlpSpan> spans;
    int objects = 0;
    for (int line = 0; line < documents.size(); ++line) {
        const QByteArray text = documents[line].trimmed();
        if (text.isEmpty())
            continue;
        const QString where = jsonLines ? QStringLiteral("line %1: ").arg(line + 1) : QString();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(where + parseErrorText(parseError));
        if (!document.isObject() || !document.object().contains(QLatin1String("resourceSpans")))
            return fail(where + QStringLiteral("not OTLP traces (no \"resourceSpans\")"));
        OtlpBatch batch;
        QString reason;
        if (!readOtlpTraces(document.object(), batch, &reason))
            return fail(where + reason);
        if (batch.rejected > 0)
            return fail(where + batch.firstRejection);
        ++objects;
        std::move(batch.spans.begin(), batch.spans.end(), std::back_inserter(spans));
    }
    if (objects == 0)
        return fail(QStringLiteral("empty: no OTLP traces"));
    return spans;
}

} // namespace reqlanes
