// Spans CSV: what the timeline draws, as data, for one lane grouping. One row per drawn span:
// lane_key, lane_label, row (sub-row within the lane, 0 unless the lane is stacked), request_id
// (empty for process start-ups and outside traffic), phase (spanKindId: "server_work",
// "abandoned", ...), start_ms, end_ms (ms since the run's start, 3 decimals). RFC 4180 quoting,
// CRLF line ends. Used by `reqlanes-cli --spans` and the formats table.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"

#include <QByteArray>
#include <QString>

namespace reqlanes {

QByteArray runToSpansCsv(const Run &run, LaneGrouping grouping);

// Writes runToSpansCsv atomically (QSaveFile: an existing file is untouched on error). False
// and a reason when the grouping id is not a row of laneGroupings() or the file cannot be
// written.
bool writeSpansCsv(const Run &run, const QString &laneGroupingId, const QString &path,
                   QString *error);

} // namespace reqlanes
