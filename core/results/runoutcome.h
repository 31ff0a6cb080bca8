// How a run ended, in plain words: complete, stopped part-way, all failed or some failed. The
// CLI's summary, the app's stats panel and caption and the exports read it, so a stopped or
// failed run is labelled the same everywhere and never gets a ×ideal ratio (design.md, "Ends,
// failures and what the server keeps doing").
#pragma once

#include "model/run.h"

#include <QString>

namespace reqlanes {

enum class RunOutcomeKind {
    Running,    // not finished yet
    Complete,   // every request ended by itself and succeeded
    Stopped,    // cancelled part-way: some requests were cancelled or never ran
    AllFailed,  // every request failed (or the run could not start)
    SomeFailed, // every request ended by itself, some failed
};

struct RunOutcome {
    RunOutcomeKind kind = RunOutcomeKind::Running;
    int total = 0;  // requests in the run
    int ended = 0;  // ended by themselves (ok or failed), not cancelled or left pending
    int ok = 0;     // succeeded
    int failed = 0; // ended by themselves with an error
    // "complete: 9 of 9 ok", "stopped after 3.6 s: 3 of 9 had finished", "9 of 9 failed:
    // connection refused"; in the app's language where it has a translator ("RunOutcome").
    QString words;

    // Whether makespan against the ideal (and speed-ups between runs) mean anything: only when
    // the run did all its work and every request got its answer.
    bool comparable() const { return kind == RunOutcomeKind::Complete; }
};

RunOutcome runOutcome(const Run &run);
// The same with the requests already counted: `ok` succeeded, `failed` ended by themselves with
// an error (computeStats counts them in its one walk over the records).
RunOutcome runOutcome(const Run &run, int ok, int failed);

} // namespace reqlanes
