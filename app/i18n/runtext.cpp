#include "i18n/runtext.h"

#include "results/lanegroupings.h"
#include "results/queueing.h"
#include "results/runproblems.h"
#include "results/slotwait.h"
#include "results/timelinespans.h"
#include "results/watchlanes.h"
#include "run/strategyregistry.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace reqlanes {

namespace {

QString statusText(const RequestRecord &record) {
    switch (record.status) {
    case RequestStatus::Pending:
        return QCoreApplication::translate("reqlanes::RunText", "running");
    case RequestStatus::Ok:
        return record.httpStatus ? QCoreApplication::translate("reqlanes::RunText", "ok (HTTP %1)")
                                       .arg(record.httpStatus)
                                 : QCoreApplication::translate("reqlanes::RunText", "ok");
    case RequestStatus::Cancelled: // stopped by the user: not a failure of the request
        return QCoreApplication::translate("reqlanes::RunText", "cancelled");
    default:
        return QCoreApplication::translate("reqlanes::RunText", "failed: %1")
            .arg(failureReason(record));
    }
}

} // namespace

QString spanKindText(SpanKind kind) {
    return QCoreApplication::translate("SpanKind", spanKindLabel(kind).toUtf8().constData());
}

QString slotWaitText(StrategyInfo::Slot slot) {
    return QCoreApplication::translate("SpanKind", slotWaitLabel(slot).toUtf8().constData());
}

QString strategyText(const QString &english) {
    return QCoreApplication::translate("Strategy", english.toUtf8().constData());
}

QString laneLabelText(const TimelineLane &shown) {
    const auto inLanguage = [](const char *english) {
        return QCoreApplication::translate("reqlanes::RunText", english);
    };
    if (shown.request >= 0)
        return inLanguage(QT_TRANSLATE_NOOP("reqlanes::RunText", "request %1")).arg(shown.request);
    const TimelineLane &lane = shown;
    // Whole labels core gives a lane of its own kind (lanelayout.cpp, watchlanes.cpp).
    static const struct {
        const char *key;
        const char *label;
    } kWholeLabels[] = {
        {"worker:unknown", QT_TRANSLATE_NOOP("reqlanes::RunText", "unknown worker")},
        {"client:0:", QT_TRANSLATE_NOOP("reqlanes::RunText", "unknown process")},
        // Runs read from OpenTelemetry traces (tracelanes.cpp).
        {"service:", QT_TRANSLATE_NOOP("reqlanes::RunText", "unknown service")},
        {"host:", QT_TRANSLATE_NOOP("reqlanes::RunText", "unknown host")},
        {"trace:", QT_TRANSLATE_NOOP("reqlanes::RunText", "untraced")},
    };
    for (const auto &whole : kWholeLabels)
        if (lane.key == QLatin1String(whole.key) && lane.label == QLatin1String(whole.label))
            return inLanguage(whole.label);
    // The words core puts before the lane's number (or a watch lane's "K  ADDRESS:PORT", "PID
    // program"), and the key prefix that names the grouping.
    static const struct {
        const char *word;
        const char *keyPrefix;
        const char *pattern;
    } kLabels[] = {
        {"request ", "request:", QT_TRANSLATE_NOOP("reqlanes::RunText", "request %1")},
        {"thread ", "thread:", QT_TRANSLATE_NOOP("reqlanes::RunText", "thread %1")},
        {"process ", "process:", QT_TRANSLATE_NOOP("reqlanes::RunText", "process %1")},
        {"worker ", "worker:", QT_TRANSLATE_NOOP("reqlanes::RunText", "worker %1")},
        {"conn ", "connection:", QT_TRANSLATE_NOOP("reqlanes::RunText", "conn %1")},
        {"pid ", "client:", QT_TRANSLATE_NOOP("reqlanes::RunText", "pid %1")},
        {"trace ", "trace:", QT_TRANSLATE_NOOP("reqlanes::RunText", "trace %1")},
    };
    for (const auto &label : kLabels) {
        const QLatin1String word(label.word);
        if (lane.key.startsWith(QLatin1String(label.keyPrefix)) && lane.label.startsWith(word))
            return inLanguage(label.pattern).arg(lane.label.mid(word.size()));
    }
    // A lane the client named (X-Client-Lane), "NAME (pid P)": key "client:P:NAME".
    const QStringList key = lane.key.split(QLatin1Char(':'));
    if (key.size() >= 3 && key[0] == QLatin1String("client")) {
        const QString name = key.mid(2).join(QLatin1Char(':'));
        if (lane.label == QStringLiteral("%1 (pid %2)").arg(name, key[1]))
            return inLanguage(QT_TRANSLATE_NOOP("reqlanes::RunText", "%1 (pid %2)"))
                .arg(name, key[1]);
    }
    return lane.label;
}

QString formatTitleText(const FileFormat &format) {
    return QCoreApplication::translate("FileFormat", format.title.toUtf8().constData());
}

QString formatFilterText(const FileFormat &format) {
    return QCoreApplication::translate("FileFormat", format.filter.toUtf8().constData());
}

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
    // Core names a watch session "watch session 3" or "watch session 4 (live)"
    // (watchrecorder.cpp): the number is kept, the words are the user's.
    static const QRegularExpression kSession(
        QStringLiteral("^watch session (\\d+)( \\(live\\))?$"));
    if (const QRegularExpressionMatch session = kSession.match(run.strategyName);
        session.hasMatch())
        return QStringLiteral("%1 (%2)").arg(
            (session.capturedLength(2) > 0
                 ? QCoreApplication::translate("reqlanes::RunText", "watch session %1 (live)")
                 : QCoreApplication::translate("reqlanes::RunText", "watch session %1"))
                .arg(session.captured(1)),
            run.scenario.strategy);
    return QStringLiteral("%1 (%2)").arg(strategyText(run.strategyName), run.scenario.strategy);
}

QString runCaption(const Run &run, const RunStats &stats) {
    const Scenario &scenario = run.scenario;
    QStringList parts;
    parts << QCoreApplication::translate("reqlanes::RunText", "N %1").arg(scenario.n);
    // A limit the strategy ignores would only mislead the audience; a watch session (no
    // strategy of ours, its requests on connections) has none. A comparison's shared caption
    // (no one strategy) keeps it: some of its strategies use it.
    const StrategyInfo *info = StrategyRegistry::instance().find(scenario.strategy);
    // Traces and recordings from elsewhere: neither a limit nor our server's settings are theirs.
    const bool traced = runKindOf(run) == RunKind::TracedRun;
    if (!traced &&
        (info ? info->usesLimit() : (run.connections.empty() && !run.recording.isRecording())))
        parts << QCoreApplication::translate("reqlanes::RunText", "limit %1").arg(scenario.limit);
    if (traced) {
        // nothing: the servers are the traced services', named on their lanes
    } else if (scenario.usesEmbeddedServer()) {
        // Workers bound a sync server only; an async one handles every request at once.
        const int workers = scenario.server.workers;
        parts << (scenario.server.mode == ServerMode::Async
                      ? QCoreApplication::translate("reqlanes::RunText", "async server")
                  : workers == 1
                      ? QCoreApplication::translate("reqlanes::RunText", "1 sync worker")
                      : QCoreApplication::translate("reqlanes::RunText", "%1 sync workers")
                            .arg(workers));
        QString latency = QCoreApplication::translate("reqlanes::RunText", "latency %1 ms")
                              .arg(scenario.server.latencyMs);
        if (scenario.server.jitterMs > 0)
            latency += QStringLiteral(" ± %1").arg(scenario.server.jitterMs);
        parts << latency;
    } else {
        parts << scenario.targetUrl;
    }
    QString makespan = run.finished
                           ? QCoreApplication::translate("reqlanes::RunText", "makespan %1")
                                 .arg(formatSeconds(stats.makespanS))
                           : QCoreApplication::translate("reqlanes::RunText", "running: %1 elapsed")
                                 .arg(formatSeconds(nanosToSeconds(run.elapsed)));
    if (stats.idealS > 0 && (!run.finished || stats.complete))
        makespan += QCoreApplication::translate("reqlanes::RunText", " (ideal %1)")
                        .arg(formatSeconds(stats.idealS));
    // A stopped or failed run says so instead of standing next to the ideal; the cause ("9 of 9
    // failed: timed out ...") has a line of its own under this one, so only its head goes here.
    if (run.finished && !stats.complete)
        makespan +=
            QStringLiteral(" — %1").arg(stats.outcome.words.section(QLatin1Char(':'), 0, 0));
    parts << makespan;
    return parts.join(QStringLiteral("  ·  "));
}

QString describeRequest(const Run &run, int id) {
    const RequestRecord &record = run.requests[std::size_t(id)];
    const Nanos runElapsed = run.elapsed;
    const RequestOrigin *origin =
        std::size_t(id) < run.origins.size() ? &run.origins[std::size_t(id)] : nullptr;
    QStringList lines;
    if (origin && !origin->requestId.isEmpty())
        lines << QStringLiteral("<b>%1</b> — %2")
                     .arg(origin->requestId.toHtmlEscaped(), statusText(record));
    else
        lines << QCoreApplication::translate("reqlanes::RunText", "<b>request %1</b> — %2")
                     .arg(record.id)
                     .arg(statusText(record));
    if (origin && origin->connection >= 0 &&
        std::size_t(origin->connection) < run.connections.size()) {
        const ClientConnection &connection = run.connections[std::size_t(origin->connection)];
        if (!origin->target.isEmpty())
            lines << origin->target.toHtmlEscaped();
        lines << QCoreApplication::translate("reqlanes::RunText", "connection %1 from %2")
                     .arg(origin->connection + 1)
                     .arg(connection.peer.toHtmlEscaped());
        lines << (connection.processId > 0
                      ? watch::clientProcessDetail(connection).toHtmlEscaped()
                      : QCoreApplication::translate("reqlanes::RunText", "unknown process"));
    }
    QStringList where;
    if (record.threadId)
        where << QCoreApplication::translate("reqlanes::RunText", "thread %1").arg(record.threadId);
    if (record.processId && !origin)
        where
            << QCoreApplication::translate("reqlanes::RunText", "process %1").arg(record.processId);
    if (record.serverWorker >= 0)
        where << QCoreApplication::translate("reqlanes::RunText", "server worker %1")
                     .arg(record.serverWorker);
    if (!where.isEmpty())
        lines << where.join(QStringLiteral(", "));

    std::vector<Span> spans;
    appendRequestSpans(record, runElapsed, spans, significantWait(run));
    std::array<double, kSpanKindCount> total{};
    for (const Span &span : spans)
        total[std::size_t(span.kind)] += span.end - span.start;
    for (int kind = 0; kind < kSpanKindCount; ++kind)
        if (total[std::size_t(kind)] > 0)
            lines << QStringLiteral("%1: %2 ms")
                         .arg(SpanKind(kind) == SpanKind::Waiting ? slotWaitText(slotOf(run))
                                                                  : spanKindText(SpanKind(kind)))
                         .arg(total[std::size_t(kind)] * 1000, 0, 'f', 1);
    std::vector<Span> abandoned;
    appendAbandonedSpan(record, runElapsed, abandoned);
    for (const Span &span : abandoned)
        lines << QCoreApplication::translate("reqlanes::RunText",
                                             "%1 (after the client gave up): %2 ms")
                     .arg(spanKindText(span.kind))
                     .arg((span.end - span.start) * 1000, 0, 'f', 1);
    if (!spans.empty())
        lines << QCoreApplication::translate("reqlanes::RunText", "total: %1 ms (from %2 to %3 s)")
                     .arg((spans.back().end - spans.front().start) * 1000, 0, 'f', 1)
                     .arg(spans.front().start, 0, 'f', 3)
                     .arg(spans.back().end, 0, 'f', 3);
    return lines.join(QStringLiteral("<br>"));
}

} // namespace reqlanes
