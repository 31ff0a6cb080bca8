// Which lane each request goes in, for one grouping of the same records (Qt Creator's
// TimelineModel idea): the view asks this, so a new grouping is a function here, not a change
// to the painter.
#pragma once

#include "model/run.h"

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
    std::vector<int> laneOfEvent;   // per Run::laneEvents index; -1 when not on a lane here
    int laneCount() const { return static_cast<int>(labels.size()); }
};

// By request: one lane per request id, a waterfall. By thread / process: one lane per OS thread
// or process, in the order they first appear in time; thread and process start-up events sit on
// their lanes. By server worker: "worker k" lanes in worker order, then "no worker" for requests
// the server never picked up. A request that has not been created yet has no lane (except by
// request, where every row is fixed up front so the live view does not reshuffle).
LaneLayout layoutLanes(const Run &run, LaneGrouping grouping);

} // namespace reqlanes
