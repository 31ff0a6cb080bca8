#include "http/servertiming.h"

#include "http/httpgrammar.h"

#include <cmath>

namespace reqlanes {

namespace {

using namespace reqlanes::http;

// Where a metric is read: a cursor over one list element.
class MetricReader {
public:
    explicit MetricReader(const QByteArray &text)
        : m_text(text) {}

    bool atEnd() const { return m_at >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_at]; }
    void skipWhitespace() {
        while (!atEnd() && isWhitespace(m_text[m_at]))
            ++m_at;
    }
    bool consume(char c) {
        if (peek() != c)
            return false;
        ++m_at;
        return true;
    }
    QByteArray token() {
        const qsizetype start = m_at;
        while (!atEnd() && isTokenChar(m_text[m_at]))
            ++m_at;
        return m_text.mid(start, m_at - start);
    }
    // token / quoted-string; false when neither is there.
    bool value(QByteArray *out) {
        if (peek() == '"') {
            qsizetype end = 0;
            if (!readQuotedString(m_text, m_at, out, &end))
                return false;
            m_at = end;
            return true;
        }
        *out = token();
        return !out->isEmpty();
    }

private:
    const QByteArray &m_text;
    qsizetype m_at = 0;
};

// A duration in ms: plain decimal, optional fraction and exponent. Refuses what toDouble() would
// also take but is no duration ("nan", "inf", hex) and what no timeline can hold.
double durationMs(const QByteArray &text) {
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return -1;
    bool ok = false;
    const double ms = text.toDouble(&ok);
    return ok && std::isfinite(ms) && ms >= 0 && ms <= 1e9 ? ms : -1;
}

// One list element; false when it does not match the grammar.
bool readMetric(const QByteArray &element, ServerTimingMetric *metric) {
    MetricReader in(element);
    metric->name = in.token();
    if (metric->name.isEmpty())
        return false;
    bool haveDur = false, haveDesc = false;
    for (;;) {
        in.skipWhitespace();
        if (in.atEnd())
            return true;
        if (!in.consume(';'))
            return false;
        in.skipWhitespace();
        const QByteArray name = in.token().toLower();
        if (name.isEmpty())
            return false;
        in.skipWhitespace();
        if (!in.consume('='))
            return false;
        in.skipWhitespace();
        QByteArray value;
        if (!in.value(&value))
            return false;
        // Only the first occurrence of a parameter counts (W3C §3).
        if (name == "dur" && !std::exchange(haveDur, true))
            metric->durMs = durationMs(value);
        else if (name == "desc" && !std::exchange(haveDesc, true))
            metric->desc = value;
    }
}

} // namespace

QList<ServerTimingMetric> parseServerTimingMetrics(const QByteArray &value) {
    QList<ServerTimingMetric> metrics;
    for (const QByteArray &element : splitList(value)) {
        ServerTimingMetric metric;
        if (readMetric(element, &metric))
            metrics.append(metric);
    }
    return metrics;
}

ServerTiming parseServerTiming(const QByteArray &value) {
    ServerTiming timing;
    for (const ServerTimingMetric &metric : parseServerTimingMetrics(value)) {
        if (metric.durMs < 0)
            continue;
        if (metric.name == "queue" && timing.queueMs < 0)
            timing.queueMs = metric.durMs;
        else if (metric.name == "app" && timing.appMs < 0)
            timing.appMs = metric.durMs;
    }
    return timing;
}

} // namespace reqlanes
