#include "runsummary.h"

#include <QJsonValue>

#include <algorithm>
#include <map>

namespace reqlanes::cli {

namespace {

QJsonValue secondsOrNull(double seconds) {
    return seconds < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(seconds);
}

QString reasonOf(const RequestRecord &record) {
    if (!record.error.isEmpty())
        return record.error;
    if (record.status == RequestStatus::HttpError)
        return QStringLiteral("HTTP %1").arg(record.httpStatus);
    if (record.status == RequestStatus::Pending)
        return QStringLiteral("never finished");
    return statusName(record.status);
}

} // namespace

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
        {QStringLiteral("ratio"), stats.idealS > 0 && stats.makespanS > 0
                                      ? QJsonValue(stats.makespanS / stats.idealS)
                                      : QJsonValue()},
        {QStringLiteral("ok"), stats.ok},
        {QStringLiteral("errors"), stats.errors},
        {QStringLiteral("cancelled"), stats.cancelled},
        {QStringLiteral("peak_in_flight"), stats.peakInFlight},
        {QStringLiteral("threads"), stats.threads},
        {QStringLiteral("processes"), stats.processes},
        {QStringLiteral("throughput_rps"), stats.throughputRps},
        {QStringLiteral("p50_s"), stats.p50S},
        {QStringLiteral("p95_s"), stats.p95S},
        {QStringLiteral("p99_s"), stats.p99S},
        {QStringLiteral("max_s"), stats.maxS},
        {QStringLiteral("mean_slot_wait_s"), stats.meanSlotWaitS},
        {QStringLiteral("mean_server_queue_s"), stats.meanServerQueueS},
        {QStringLiteral("run_cancelled"), run.cancelled},
        {QStringLiteral("error"), run.error.isEmpty() ? QJsonValue() : QJsonValue(run.error)},
    };
}

QStringList failureReasons(const Run &run) {
    std::map<QString, int> counts;
    for (const RequestRecord &record : run.requests)
        if (record.status != RequestStatus::Ok)
            ++counts[reasonOf(record)];
    std::vector<std::pair<QString, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList lines;
    for (const auto &[reason, count] : sorted)
        lines << QStringLiteral("%1 %2: %3")
                     .arg(count)
                     .arg(count == 1 ? QStringLiteral("request") : QStringLiteral("requests"),
                          reason);
    return lines;
}

} // namespace reqlanes::cli
