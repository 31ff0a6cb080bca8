// The machine-readable summary of a finished run (--summary-json). The reasons requests failed
// come from core's runproblems, shared with the app.
#pragma once

#include "model/run.h"
#include "results/runstats.h"

#include <QJsonObject>

namespace reqlanes::cli {

QJsonObject summaryJson(const Run &run, const RunStats &stats);

} // namespace reqlanes::cli
