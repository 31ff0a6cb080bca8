// Which lane each request goes in, for one grouping of the same records (Qt Creator's
// TimelineModel idea): the view asks this, so a new grouping is a function here, not a change
// to the painter.
#pragma once

#include "run.h"

#include <QString>

#include <optional>
#include <vector>

namespace reqlanes {

enum class LaneGrouping { Request, Thread, Process, ServerWorker };
QString laneGroupingName(LaneGrouping grouping); // "request", "thread", "process", "worker"
std::optional<LaneGrouping> laneGroupingFromName(const QString &name);

struct LaneLayout {
    std::vector<QString> labels;    // one per lane, top to bottom
    std::vector<int> laneOfRequest; // per request id; -1 when it has no lane yet
    int laneCount() const { return static_cast<int>(labels.size()); }
};

LaneLayout layoutLanes(const Run &run, LaneGrouping grouping);

} // namespace reqlanes
