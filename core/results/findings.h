// What a finished (or stopped, or live) run shows, in plain words with its numbers: server
// queueing, client-side slot waiting, a hidden cap on concurrency, start-up cost, abandoned server
// work (the run's own, and a stopped earlier run's its requests queued behind), failures by
// cause, measured against ideal. The app's caption, the presenter's caption,
// `reqlanes --export --caption auto`, `reqlanes-cli --explain` and `--summary-json` all read these,
// so every place says the same thing.
#pragma once

#include "model/run.h"
#include "results/queueing.h" // significantWait: the threshold of every wait named here

#include <QJsonObject>
#include <QString>

#include <vector>

namespace reqlanes {

enum class FindingKind {
    RunStopped,     // cancelled before every request finished
    RunFailed,      // a run-level error (server could not start, bad URL)
    Failures,       // requests that failed, one finding per cause
    HiddenCap,      // fewer in flight than the client started at once (or, for another program's
                    // client, than it sent: clientcap.h)
    ServerQueueing, // requests waited in the server's queue for a worker
    ClientWaiting,  // requests waited in the client for their slot (semaphore, pool thread...; a
                    // traced program's: its semaphore, aiohttp's connector, urllib3's pool)
    ClientTimeouts, // a traced program's requests timed out in its client, some never sent
    StartupCost,    // worker processes started before the first request could go out
    AbandonedWork,  // the server kept working on requests the client had given up on
    EarlierRunWork, // requests queued behind work a stopped earlier run left in the server
    Makespan,       // measured makespan against the ideal ceil(N / min(W, C)) x L
    RecordingGap,   // what a recording from elsewhere (HAR) could not say (recordingnotes.h)
};
// "server_queueing", ...: the id in --summary-json.
QString findingKindName(FindingKind kind);

// Problems first (something went wrong), then lessons (where the time went), then plain facts.
enum class FindingSeverity { Problem, Lesson, Info };
QString findingSeverityName(FindingSeverity severity); // "problem" / "lesson" / "info"

struct Finding {
    FindingKind kind = FindingKind::Makespan;
    FindingSeverity severity = FindingSeverity::Info;
    // How much the finding weighs within its severity, for ordering: the seconds it cost (sum of
    // waits, gap to the ideal) or the number of requests it concerns.
    double weight = 0;
    QString text;        // one or two whole sentences, translated through the "Findings" context
    QJsonObject numbers; // the figures in the text: counts, seconds (keys end in _s)
};

// The run's findings, most important first. Works on live snapshots too (only what has happened
// so far); measured-against-ideal is given only for a finished run that was neither stopped nor
// had failures. The strategy's slot wording comes from StrategyInfo::slot (strategyCatalog()).
std::vector<Finding> explainRun(const Run &run);

// "1.0–2.0 s", "120–180 ms", "1.0 s": a range of durations as the findings write it.
QString formatDurationRange(Nanos shortest, Nanos longest);

} // namespace reqlanes
