// Reads the W3C Server-Timing response field (https://www.w3.org/TR/server-timing/, §3 "The
// Server-Timing Header Field"): the server's own durations, which reqlanes lays back from the
// response's first byte to draw the server's queue and work for --target and worker processes.
// Used by both forms of the measured exchange and by qnam; fuzzed by fuzz_http_response.
#pragma once

#include <QByteArray>
#include <QList>

namespace reqlanes {

// One server-timing-metric. durMs is -1 when the metric has no usable dur (absent, not a number,
// negative, or above 1e9 ms).
struct ServerTimingMetric {
    QByteArray name;
    double durMs = -1;
    QByteArray desc;
};

// Every valid metric of a Server-Timing field value, in order. The value is a #list (RFC 9110
// §5.6.1): several field lines must be combined with ", " first (RFC 9110 §5.3), which
// HttpResponseParser::combinedHeader() does. Grammar (W3C §3, tokens and quoted-string as RFC 9110
// §5.6.2, §5.6.4):
//   metric-name *( OWS ";" OWS param-name OWS "=" OWS ( token / quoted-string ) )
// Parameter names compare case-insensitively; only the first occurrence of a parameter counts
// (W3C §3); unknown parameters are ignored; a metric that does not match the grammar is skipped
// without losing the others.
QList<ServerTimingMetric> parseServerTimingMetrics(const QByteArray &value);

// The metrics reqlanes' server sends: queue;dur=ms and app;dur=ms, the first of each name with a
// usable dur. A missing metric is -1.
struct ServerTiming {
    double queueMs = -1;
    double appMs = -1;
    bool valid() const { return appMs >= 0; }
};
ServerTiming parseServerTiming(const QByteArray &value);

} // namespace reqlanes
