#include "cli/runsummary.h"

#include "results/findings.h"

#include <QJsonArray>
#include <QJsonValue>

namespace reqlanes::cli {

namespace {

QJsonValue secondsOrNull(double seconds) {
    return seconds < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(seconds);
}

QJsonArray findingsJson(const Run &run) {
    QJsonArray findings;
    for (const Finding &finding : explainRun(run))
        findings.append(
            QJsonObject{{QStringLiteral("kind"), findingKindName(finding.kind)},
                        {QStringLiteral("severity"), findingSeverityName(finding.severity)},
                        {QStringLiteral("text"), finding.text},
                        {QStringLiteral("numbers"), finding.numbers}});
    return findings;
}

} // namespace

QString explanationText(const Run &run) {
    QString text = QStringLiteral("\n%1 (%2):\n").arg(run.strategyName, run.scenario.strategy);
    for (const Finding &finding : explainRun(run))
        text += QStringLiteral("  - %1\n").arg(finding.text);
    return text;
}

QJsonObject summaryJson(const Run &run, const RunStats &stats) {
    const Scenario &scenario = run.scenario;
    const bool embedded = scenario.usesEmbeddedServer();
    return {
        {QStringLiteral("strategy"), scenario.strategy},
        {QStringLiteral("strategy_name"), run.strategyName},
        {QStringLiteral("n"), scenario.n},
        {QStringLiteral("limit"), scenario.limit},
        {QStringLiteral("target"), embedded ? QStringLiteral("embedded") : scenario.targetUrl},
        {QStringLiteral("workers"), embedded ? QJsonValue(scenario.server.workers) : QJsonValue()},
        {QStringLiteral("latency_ms"),
         embedded ? QJsonValue(scenario.server.latencyMs) : QJsonValue()},
        {QStringLiteral("server_mode"),
         embedded ? QJsonValue(serverModeName(scenario.server.mode)) : QJsonValue()},
        {QStringLiteral("makespan_s"), stats.makespanS},
        {QStringLiteral("ideal_s"), secondsOrNull(stats.idealS)},
        {QStringLiteral("ideal_basis"), idealBasisName(stats.idealBasis)},
        {QStringLiteral("ratio"), stats.complete && stats.idealS > 0 && stats.makespanS > 0
                                      ? QJsonValue(stats.makespanS / stats.idealS)
                                      : QJsonValue()},
        {QStringLiteral("ok"), stats.ok},
        {QStringLiteral("errors"), stats.errors},
        {QStringLiteral("cancelled"), stats.cancelled},
        {QStringLiteral("peak_in_flight"), stats.peakInFlight},
        {QStringLiteral("threads"), stats.threads},
        {QStringLiteral("processes"), stats.processes},
        {QStringLiteral("throughput_rps"), stats.throughputRps},
        {QStringLiteral("p50_s"), secondsOrNull(stats.p50S)},
        {QStringLiteral("p95_s"), secondsOrNull(stats.p95S)},
        {QStringLiteral("p99_s"), secondsOrNull(stats.p99S)},
        {QStringLiteral("max_s"), secondsOrNull(stats.maxS)},
        {QStringLiteral("mean_slot_wait_s"), secondsOrNull(stats.meanSlotWaitS)},
        {QStringLiteral("mean_server_queue_s"), secondsOrNull(stats.meanServerQueueS)},
        {QStringLiteral("abandoned_server_work_s"), stats.abandonedServerWorkS},
        {QStringLiteral("abandoned_requests"), stats.abandonedCount},
        {QStringLiteral("outside_requests"), stats.outsideRequests},
        {QStringLiteral("earlier_run_requests"), stats.earlierRunRequests},
        {QStringLiteral("outcome"), stats.outcome.words},
        {QStringLiteral("complete"), stats.complete},
        {QStringLiteral("run_cancelled"), run.cancelled},
        {QStringLiteral("error"), run.error.isEmpty() ? QJsonValue() : QJsonValue(run.error)},
        {QStringLiteral("findings"), findingsJson(run)},
    };
}

} // namespace reqlanes::cli
