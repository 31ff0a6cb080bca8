#include "runtext.h"

#include "results/runproblems.h"
#include "results/timelinespans.h"
#include "run/strategyregistry.h"

#include <QStringList>

namespace reqlanes {

namespace {

QString statusText(const RequestRecord &record) {
    switch (record.status) {
    case RequestStatus::Pending:
        return QStringLiteral("running");
    case RequestStatus::Ok:
        return record.httpStatus ? QStringLiteral("ok (HTTP %1)").arg(record.httpStatus)
                                 : QStringLiteral("ok");
    default:
        return QStringLiteral("failed: %1").arg(failureReason(record));
    }
}

} // namespace

QString formatSeconds(double seconds) {
    if (seconds < 0)
        return QStringLiteral("–");
    if (seconds < 1)
        return QStringLiteral("%1 ms").arg(seconds * 1000, 0, 'f', seconds < 0.01 ? 1 : 0);
    return QStringLiteral("%1 s").arg(seconds, 0, 'f', 2);
}

QString runTitle(const Run &run) {
    if (run.strategyName.isEmpty())
        return run.scenario.strategy;
    return QStringLiteral("%1 (%2)").arg(run.strategyName, run.scenario.strategy);
}

QString runCaption(const Run &run, const RunStats &stats) {
    const Scenario &scenario = run.scenario;
    QStringList parts;
    parts << QStringLiteral("N %1").arg(scenario.n);
    // A limit the strategy ignores would only mislead the audience; a watch session (no
    // strategy of ours) has none.
    const StrategyInfo *info = StrategyRegistry::instance().find(scenario.strategy);
    if (info && info->usesLimit())
        parts << QStringLiteral("limit %1").arg(scenario.limit);
    if (scenario.usesEmbeddedServer()) {
        parts << QStringLiteral("%1 %2 worker%3")
                     .arg(scenario.server.workers)
                     .arg(serverModeName(scenario.server.mode))
                     .arg(scenario.server.workers == 1 ? QString() : QStringLiteral("s"));
        QString latency = QStringLiteral("latency %1 ms").arg(scenario.server.latencyMs);
        if (scenario.server.jitterMs > 0)
            latency += QStringLiteral(" ± %1").arg(scenario.server.jitterMs);
        parts << latency;
    } else {
        parts << scenario.targetUrl;
    }
    QString makespan =
        run.finished
            ? QStringLiteral("makespan %1").arg(formatSeconds(stats.makespanS))
            : QStringLiteral("running: %1 elapsed").arg(formatSeconds(nanosToSeconds(run.elapsed)));
    if (stats.idealS > 0 && (!run.finished || stats.complete))
        makespan += QStringLiteral(" (ideal %1)").arg(formatSeconds(stats.idealS));
    // A stopped or failed run says so instead of standing next to the ideal; the cause ("9 of 9
    // failed: timed out ...") has a line of its own under this one, so only its head goes here.
    if (run.finished && !stats.complete)
        makespan +=
            QStringLiteral(" — %1").arg(stats.outcome.words.section(QLatin1Char(':'), 0, 0));
    parts << makespan;
    return parts.join(QStringLiteral("  ·  "));
}

QString describeRequest(const RequestRecord &record, Nanos runElapsed) {
    QStringList lines;
    lines << QStringLiteral("<b>request %1</b> — %2").arg(record.id).arg(statusText(record));
    QStringList where;
    if (record.threadId)
        where << QStringLiteral("thread %1").arg(record.threadId);
    if (record.processId)
        where << QStringLiteral("process %1").arg(record.processId);
    if (record.serverWorker >= 0)
        where << QStringLiteral("server worker %1").arg(record.serverWorker);
    if (!where.isEmpty())
        lines << where.join(QStringLiteral(", "));

    std::vector<Span> spans;
    appendRequestSpans(record, runElapsed, spans);
    std::array<double, kSpanKindCount> total{};
    for (const Span &span : spans)
        total[std::size_t(span.kind)] += span.end - span.start;
    for (int kind = 0; kind < kSpanKindCount; ++kind)
        if (total[std::size_t(kind)] > 0)
            lines << QStringLiteral("%1: %2 ms")
                         .arg(spanKindLabel(SpanKind(kind)))
                         .arg(total[std::size_t(kind)] * 1000, 0, 'f', 1);
    std::vector<Span> abandoned;
    appendAbandonedSpan(record, runElapsed, abandoned);
    for (const Span &span : abandoned)
        lines << QStringLiteral("%1 (after the client gave up): %2 ms")
                     .arg(spanKindLabel(span.kind))
                     .arg((span.end - span.start) * 1000, 0, 'f', 1);
    if (!spans.empty())
        lines << QStringLiteral("total: %1 ms (from %2 to %3 s)")
                     .arg((spans.back().end - spans.front().start) * 1000, 0, 'f', 1)
                     .arg(spans.front().start, 0, 'f', 3)
                     .arg(spans.back().end, 0, 'f', 3);
    return lines.join(QStringLiteral("<br>"));
}

} // namespace reqlanes
