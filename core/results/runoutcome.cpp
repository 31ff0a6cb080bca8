#include "results/runoutcome.h"

#include "results/findings.h"
#include "results/runproblems.h"

#include <QCoreApplication>

namespace reqlanes {

RunOutcome runOutcome(const Run &run) {
    int ok = 0, failed = 0;
    for (const RequestRecord &record : run.requests) {
        if (!record.finished() || record.status == RequestStatus::Cancelled)
            continue;
        if (record.status == RequestStatus::Ok)
            ++ok;
        else
            ++failed;
    }
    return runOutcome(run, ok, failed);
}

RunOutcome runOutcome(const Run &run, int ok, int failed) {
    RunOutcome outcome;
    outcome.total = static_cast<int>(run.requests.size());
    outcome.ok = ok;
    outcome.failed = failed;
    outcome.ended = ok + failed;

    // Translated where a translator is installed (the app); the CLI has none and stays English.
    // The head before the first ':' stands alone in the run's caption line.
    if (!run.finished) {
        outcome.kind = RunOutcomeKind::Running;
        outcome.words = QCoreApplication::translate("RunOutcome", "running: %1 of %2 ended")
                            .arg(outcome.ended)
                            .arg(outcome.total);
    } else if (outcome.total == 0 && !run.error.isEmpty()) {
        // Refused before any request existed (refusedRun): nothing failed, nothing ran.
        outcome.kind = RunOutcomeKind::AllFailed;
        outcome.words = QCoreApplication::translate("RunOutcome", "not started: %1").arg(run.error);
    } else if (outcome.total > 0 && outcome.failed == outcome.total) {
        outcome.kind = RunOutcomeKind::AllFailed;
        outcome.words = QCoreApplication::translate("RunOutcome", "%1 of %2 failed: %3")
                            .arg(outcome.failed)
                            .arg(outcome.total)
                            .arg(mainFailureReason(run));
    } else if (run.cancelled || outcome.ended < outcome.total) {
        outcome.kind = RunOutcomeKind::Stopped;
        // Cancelled requests did not finish: "3 of 9", never "9 of 9".
        const QString after = formatDurationRange(run.elapsed, run.elapsed);
        outcome.words =
            outcome.failed > 0
                ? QCoreApplication::translate("RunOutcome",
                                              "stopped after %1: %2 of %3 had finished, %4 failed")
                      .arg(after)
                      .arg(outcome.ended)
                      .arg(outcome.total)
                      .arg(outcome.failed)
                : QCoreApplication::translate("RunOutcome",
                                              "stopped after %1: %2 of %3 had finished")
                      .arg(after)
                      .arg(outcome.ended)
                      .arg(outcome.total);
    } else if (outcome.failed > 0 || !run.error.isEmpty()) {
        outcome.kind = outcome.failed > 0 ? RunOutcomeKind::SomeFailed : RunOutcomeKind::AllFailed;
        outcome.words = QCoreApplication::translate("RunOutcome", "%1 of %2 failed: %3")
                            .arg(outcome.failed)
                            .arg(outcome.total)
                            .arg(mainFailureReason(run));
    } else {
        outcome.kind = RunOutcomeKind::Complete;
        outcome.words = QCoreApplication::translate("RunOutcome", "complete: %1 of %2 ok")
                            .arg(outcome.ok)
                            .arg(outcome.total);
    }
    return outcome;
}

} // namespace reqlanes
