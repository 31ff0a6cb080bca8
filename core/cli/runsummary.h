// The machine-readable summary of a finished run (--summary-json). The reasons requests failed
// come from core's runproblems and the findings (a list, most important first, each with kind,
// severity, text and numbers) from core's findings, both shared with the app.
#pragma once

#include "model/run.h"
#include "results/runstats.h"

#include <QJsonObject>

namespace reqlanes::cli {

QJsonObject summaryJson(const Run &run, const RunStats &stats);

// --explain for one run: "\nNAME (STRATEGY):\n  - finding\n  - finding\n".
QString explanationText(const Run &run);

} // namespace reqlanes::cli
