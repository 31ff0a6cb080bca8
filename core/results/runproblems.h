// Why a run's requests failed, in plain words and grouped by reason: the one place the CLI's
// report ("3 requests: connection refused") and the app's problem line ("3 of 9 requests
// failed: connection refused") take their reasons from, so both say the same thing.
#pragma once

#include "model/run.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace reqlanes {

struct FailureCount {
    QString reason;
    int count = 0;
    bool operator==(const FailureCount &) const = default;
};

// Which requests count as failed. The CLI's report also counts cancelled and unfinished
// requests (a Ctrl-C'd run says how many it dropped); the app draws those as bars of their own.
enum class FailureScope { FailedOnly, AllNotOk };

// The reason one request did not succeed: its error text, "HTTP 503", "never finished", or its
// status in words ("timeout", "protocol error"). These words (and runProblem's sentence) are in
// the app's language where a translator is installed (context "RunProblems"); the CLI has none
// and stays English. The record's own error text is never changed.
QString failureReason(const RequestRecord &record);
// A status in words, like failureReason's: "timeout", "refused", "protocol error", "never
// finished" (Pending).
QString statusWords(RequestStatus status);

// Requests that did not succeed, one entry per distinct reason, most frequent first (ties in
// alphabetical order).
std::vector<FailureCount> countFailures(const Run &run, FailureScope scope);

// The run's main failure reason: its run-level error, else the most frequent reason of its failed
// requests with " (and 2 other reasons)" when there are more, else empty. What both runProblem()
// and the run's outcome (runoutcome.h) say after "failed:".
QString mainFailureReason(const Run &run);

// One line per reason for the CLI: "3 requests: connection refused"; empty when all succeeded.
QStringList failureLines(const Run &run);

// One sentence for the app: the run's error, else "3 of 9 requests failed: timeout (and 1 other
// reason)", else empty. Cancelled and unfinished requests are no problem here.
QString runProblem(const Run &run);

} // namespace reqlanes
