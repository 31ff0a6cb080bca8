#include "results/runproblems.h"

#include <algorithm>
#include <map>

namespace reqlanes {

QString failureReason(const RequestRecord &record) {
    if (!record.error.isEmpty())
        return record.error;
    if (record.status == RequestStatus::HttpError)
        return QStringLiteral("HTTP %1").arg(record.httpStatus);
    if (record.status == RequestStatus::Pending)
        return QStringLiteral("never finished");
    return statusName(record.status).replace(QLatin1Char('_'), QLatin1Char(' '));
}

std::vector<FailureCount> countFailures(const Run &run, FailureScope scope) {
    std::map<QString, int> counts; // sorted by reason, so equal counts stay alphabetical
    for (const RequestRecord &record : run.requests) {
        if (record.status == RequestStatus::Ok)
            continue;
        if (scope == FailureScope::FailedOnly &&
            (!record.finished() || record.status == RequestStatus::Cancelled))
            continue;
        ++counts[failureReason(record)];
    }
    std::vector<FailureCount> sorted;
    sorted.reserve(counts.size());
    for (const auto &[reason, count] : counts)
        sorted.push_back({reason, count});
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const FailureCount &a, const FailureCount &b) { return a.count > b.count; });
    return sorted;
}

QStringList failureLines(const Run &run) {
    QStringList lines;
    for (const FailureCount &failure : countFailures(run, FailureScope::AllNotOk))
        lines << QStringLiteral("%1 %2: %3")
                     .arg(failure.count)
                     .arg(failure.count == 1 ? QStringLiteral("request")
                                             : QStringLiteral("requests"),
                          failure.reason);
    return lines;
}

QString runProblem(const Run &run) {
    if (!run.error.isEmpty())
        return run.error;
    const std::vector<FailureCount> failures = countFailures(run, FailureScope::FailedOnly);
    if (failures.empty())
        return {};
    int failed = 0;
    for (const FailureCount &failure : failures)
        failed += failure.count;
    const std::size_t others = failures.size() - 1;
    QString text = QStringLiteral("%1 of %2 requests failed: %3")
                       .arg(failed)
                       .arg(run.requests.size())
                       .arg(failures.front().reason);
    if (others > 0)
        text += QStringLiteral(" (and %1 other reason%2)")
                    .arg(others)
                    .arg(others > 1 ? QStringLiteral("s") : QString());
    return text;
}

} // namespace reqlanes
