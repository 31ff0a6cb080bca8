#include "results/runproblems.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace reqlanes {

namespace {

QString translated(const char *english) {
    return QCoreApplication::translate("RunProblems", english);
}

// The words of a status, for a request that recorded no error text of its own.
const char *statusSource(RequestStatus status) {
    switch (status) {
    case RequestStatus::Pending:
        return QT_TRANSLATE_NOOP("RunProblems", "never finished");
    case RequestStatus::Ok:
        return QT_TRANSLATE_NOOP("RunProblems", "ok");
    case RequestStatus::HttpError:
        return QT_TRANSLATE_NOOP("RunProblems", "http error");
    case RequestStatus::Timeout:
        return QT_TRANSLATE_NOOP("RunProblems", "timeout");
    case RequestStatus::Refused:
        return QT_TRANSLATE_NOOP("RunProblems", "refused");
    case RequestStatus::Cancelled:
        return QT_TRANSLATE_NOOP("RunProblems", "cancelled");
    case RequestStatus::ProtocolError:
        return QT_TRANSLATE_NOOP("RunProblems", "protocol error");
    }
    return "";
}

// A recorded error stays English in the record (run files, the CLI); the few texts our own
// exchanges write are shown in the user's language, anything else (a system's strerror, a
// parser's detail) as it was recorded.
QString errorWords(const QString &error) {
    static const char *const kFixed[] = {
        QT_TRANSLATE_NOOP("RunProblems", "cancelled"),
        QT_TRANSLATE_NOOP("RunProblems", "connection refused"),
    };
    for (const char *fixed : kFixed)
        if (error == QLatin1String(fixed))
            return translated(fixed);
    // httpexchange.cpp's timeoutMessage() and the steps it names (responsereader.h).
    static const char *const kSteps[] = {
        QT_TRANSLATE_NOOP("RunProblems", "connecting"),
        QT_TRANSLATE_NOOP("RunProblems", "sending the request"),
        QT_TRANSLATE_NOOP("RunProblems", "waiting for the response"),
        QT_TRANSLATE_NOOP("RunProblems", "reading the response"),
    };
    static const QRegularExpression kTimeout(
        QStringLiteral("^timed out after (\\d+) ms while (.+)$"));
    if (const QRegularExpressionMatch match = kTimeout.match(error); match.hasMatch())
        for (const char *step : kSteps)
            if (match.captured(2) == QLatin1String(step))
                return translated(
                           QT_TRANSLATE_NOOP("RunProblems", "timed out after %1 ms while %2"))
                    .arg(match.captured(1), translated(step));
    static const QRegularExpression kHttp(QStringLiteral("^the server answered HTTP (\\d+)$"));
    if (const QRegularExpressionMatch match = kHttp.match(error); match.hasMatch())
        return translated(QT_TRANSLATE_NOOP("RunProblems", "the server answered HTTP %1"))
            .arg(match.captured(1));
    return error;
}

} // namespace

QString failureReason(const RequestRecord &record) {
    if (!record.error.isEmpty())
        return errorWords(record.error);
    if (record.status == RequestStatus::HttpError)
        return QStringLiteral("HTTP %1").arg(record.httpStatus);
    return statusWords(record.status);
}

QString statusWords(RequestStatus status) {
    return translated(statusSource(status));
}

namespace {

// " (and 2 other reasons)" after the main reason; "" for none.
QString otherReasons(std::size_t others) {
    if (others == 0)
        return {};
    return others == 1 ? translated(QT_TRANSLATE_NOOP("RunProblems", " (and 1 other reason)"))
                       : translated(QT_TRANSLATE_NOOP("RunProblems", " (and %1 other reasons)"))
                             .arg(others);
}

// The most frequent reason of `failures` (sorted by countFailures), and how many others there are.
QString mainReason(const std::vector<FailureCount> &failures) {
    return failures.empty() ? QString()
                            : failures.front().reason + otherReasons(failures.size() - 1);
}

} // namespace

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

QString mainFailureReason(const Run &run) {
    if (!run.error.isEmpty())
        return run.error;
    return mainReason(countFailures(run, FailureScope::FailedOnly));
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
    return translated(QT_TRANSLATE_NOOP("RunProblems", "%1 of %2 requests failed: %3"))
        .arg(failed)
        .arg(run.requests.size())
        .arg(mainReason(failures));
}

} // namespace reqlanes
