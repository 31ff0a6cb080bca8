// Reads OpenTelemetry traces in OTLP/JSON: the Collector's file exporter (JSON Lines, one
// TracesData object per line), a single exported document, and the body of an OTLP/HTTP export
// request (ExportTraceServiceRequest has the same shape). Follows the OTLP/JSON rules: trace and
// span ids in hex, enums as integers (their names are accepted too), 64-bit integers as strings
// or numbers, lowerCamelCase keys, unknown fields ignored. Keeps only what reqlanes draws; what
// the spans mean (which are HTTP requests) is otlprun's job. The fuzz target drives it directly.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>
#include <vector>

namespace reqlanes {

// SpanKind of the OTLP proto; the values are its integers.
enum class OtlpSpanKind : int { Unspecified = 0, Internal, Server, Client, Producer, Consumer };

struct OtlpEvent {
    QString name;
    std::int64_t timeUnixNs = 0; // nanoseconds since the Unix epoch, as OTLP stamps everything
};

struct OtlpSpan {
    QString traceId;      // 32 lower-case hex digits, never all zero
    QString spanId;       // 16 lower-case hex digits, never all zero
    QString parentSpanId; // 16 hex digits, "" for a root span
    QString name;
    OtlpSpanKind kind = OtlpSpanKind::Unspecified;
    std::int64_t startUnixNs = 0; // > 0
    std::int64_t endUnixNs = 0;   // >= startUnixNs
    int statusCode = 0;           // 0 unset, 1 ok, 2 error
    QString statusMessage;
    QString service;  // the resource's service.name, "" if it had none
    QString hostName; // the resource's host.name, "" if it had none
    // Span attributes: strings, integers (qint64), doubles and booleans; arrays and maps as
    // their JSON text. Duplicate keys: the last one wins.
    QHash<QString, QVariant> attributes;
    std::vector<OtlpEvent> events; // in the order written
};

struct OtlpBatch {
    std::vector<OtlpSpan> spans; // in the order written
    int rejected = 0;            // spans left out: bad ids or times
    QString firstRejection;      // "resourceSpans[0].scopeSpans[0].spans[3].spanId: ..."
};

// A payload bigger than this is refused by the readers (files) and by the receiver (413).
inline constexpr qint64 kMaxOtlpBytes = 16 * 1024 * 1024;

// One TracesData / ExportTraceServiceRequest. A span with bad ids or times is left out and
// counted (OTLP's partial success); a wrong structure (resourceSpans not an array, a span not an
// object...) fails the whole object: false and "PATH: reason" in `error`.
bool readOtlpTraces(const QJsonObject &object, OtlpBatch &batch, QString *error);

// An export request body (one JSON object), for the OTLP/HTTP receiver: nullopt and a reason
// when it is not JSON or not OTLP-shaped.
std::optional<OtlpBatch> readOtlpRequest(const QByteArray &body, QString *error);

// A file: one JSON document, or JSON Lines with one TracesData per non-blank line. Strict: any
// span left out fails the file too. nullopt and "line N: PATH: reason" (line numbers for JSON
// Lines only), e.g. "line 3: resourceSpans[0].scopeSpans[0].spans[2].traceId: expected 32 hex
// digits, got \"abc\"".
std::optional<std::vector<OtlpSpan>> readOtlpFile(const QByteArray &bytes, QString *error);

} // namespace reqlanes
