// Which line of a strategy's code each request is "on" at a moment of the run, for the code pane
// of the app: "6 waiting" on the semaphore line, "3 in flight" on the request line. The mapping
// from a request's activity to lines is data shipped next to each snippet (a snippet index in
// JSON), so a new strategy brings its own; the counting is here, testable without widgets.
#pragma once

#include "model/run.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace reqlanes {

// What a request is doing at a moment, from its phase timestamps (RFC 9110 §3.3 terms: the
// client sends a request, then reads the response).
enum class RequestActivity {
    NotCreated, // the strategy has not made it yet
    Waiting,    // created, waiting for its slot (semaphore, pool thread, worker process)
    Connecting, // has its slot; connecting or writing the request
    InFlight,   // request sent; the server queues or serves it
    Reading,    // first response byte read, reading the rest
    Done,       // ended: response complete, error, timeout or cancel
};
inline constexpr int kRequestActivityCount = 6;
QString activityName(RequestActivity activity); // "waiting", "in_flight", ...: the index's words
std::optional<RequestActivity> activityFromName(const QString &name);

// The activity of `record` at time `at` (ns since the run's start). A phase at exactly `at` has
// happened.
RequestActivity activityAt(const RequestRecord &record, Nanos at);
// How many requests are in each activity at `at`, indexed by RequestActivity.
std::array<int, kRequestActivityCount> countActivities(const Run &run, Nanos at);

// One marked line of a snippet: the requests in `activities` are counted on it, shown with the
// label's wording ("waiting" -> "6 waiting").
struct MarkedLine {
    QString match;                           // text that occurs on exactly one line
    std::vector<RequestActivity> activities; // counted on this line
    RequestActivity label = RequestActivity::Waiting;
    int line = -1; // 0-based, once resolved against the text
    bool operator==(const MarkedLine &) const = default;
};

// One snippet: the code of one strategy in one language, and its marked lines.
struct SnippetSpec {
    QString strategy; // a StrategyRegistry id
    QString language; // "cpp" or "python"
    QString file;     // relative to the index
    std::vector<MarkedLine> lines;
};

// Parses a snippet index: {"version": 1, "snippets": [{"strategy", "language", "file",
// "lines": [{"match", "activities": [...], "label"}]}]}. nullopt and the reason on any
// structural error (unknown activity, missing field, wrong version).
std::optional<std::vector<SnippetSpec>> parseSnippetIndex(const QByteArray &json, QString *error);

// Finds each marked line's `match` in `code`; false and the reason when a match is on no line or
// on more than one, so a snippet edited without its index fails loudly (in tests).
bool resolveMarkedLines(std::vector<MarkedLine> &lines, const QString &code, QString *error);

// The count shown on each marked line at `at` (same order as `lines`).
std::vector<int> countMarkedLines(const Run &run, Nanos at, const std::vector<MarkedLine> &lines);

} // namespace reqlanes
