// What the CLI says about a finished run beyond its table row: the machine-readable summary
// (--summary-json) and the reasons requests failed, grouped ("3 requests: connection refused").
#pragma once

#include "run.h"
#include "runstats.h"

#include <QJsonObject>
#include <QStringList>

namespace reqlanes::cli {

QJsonObject summaryJson(const Run &run, const RunStats &stats);

// One line per distinct reason, most frequent first; empty when every request succeeded.
QStringList failureReasons(const Run &run);

} // namespace reqlanes::cli
