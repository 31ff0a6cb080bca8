// Which lane each request goes in, for one grouping of the same records (Qt Creator's
// TimelineModel idea): the view asks this, so a new grouping is one layout function plus one row
// in laneGroupings() (results/lanegroupings.h), not a change to the painter.
#pragma once

#include "model/run.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace reqlanes {

// A grouping is a row of laneGroupings(); the value is its index there. The named values are the
// built-in rows; a grouping added as a row is usable as LaneGrouping(index) without a name here.
enum class LaneGrouping : int { Request = 0, Thread = 1, Process = 2, ServerWorker = 3 };
QString laneGroupingName(LaneGrouping grouping); // the row's id: "request", "thread", ...
std::optional<LaneGrouping> laneGroupingFromName(const QString &name);

// What one lane of a layout stands for (design.md, "Lane semantics"), which decides what is
// drawn on it:
enum class LaneMeaning : std::uint8_t {
    Request,        // one request: all its phases, and abandoned server work as a ghost after it
    ClientExecutor, // a client thread or process: busy from acquired to done, phases inside
    ServerWorker,   // a server worker: busy from server start to server end, nothing else
};

struct LaneLayout {
    LaneMeaning meaning = LaneMeaning::Request;
    std::vector<QString> labels;    // one per lane, top to bottom
    std::vector<QString> keys;      // per lane, stable for exports: "thread:4240:4242", "worker:0"
    std::vector<int> laneOfRequest; // per request id; -1 when it has no lane yet
    std::vector<int> laneOfEvent;   // per Run::laneEvents index; -1 when not on a lane here
    std::vector<int> laneOfOutside; // per Run::outsideRequests index; -1 when not on a lane here
    int laneCount() const { return static_cast<int>(labels.size()); }
};

// By request: one lane per request id, a waterfall; every row is fixed up front so the live view
// does not reshuffle. Labelled "request K", or in a watch session by the X-Request-Id the
// client sent (RequestOrigin::requestId) when it sent one. A numbered lane's label and key are
// null: buildTimelineSpans gives the lane its request's number instead (TimelineLane::request).
LaneLayout layoutByRequest(const Run &run);
// The label and key layoutByRequest gives request `index`'s lane (both null for a numbered one).
struct RequestLaneName {
    QString label, key;
};
RequestLaneName requestLaneName(const Run &run, std::size_t index);
// By thread / process: one lane per OS thread or process that ran a request or announced itself
// with a lane event (so idle pool threads and worker processes get a lane), in the order they
// first appear in time. Thread and process life events sit on their lanes.
LaneLayout layoutByThread(const Run &run);
LaneLayout layoutByProcess(const Run &run);
// By server worker: "worker k" lanes in worker order, all W of the embedded sync server's workers
// even when idle (plus any other worker id seen), then "unknown worker" for requests the server
// served without saying which worker did it (an external target without X-Worker). Outside
// traffic (Run::outsideRequests) goes on the lane of the worker that served it.
LaneLayout layoutByServerWorker(const Run &run);

// The grouping's row in laneGroupings(), applied; an unknown grouping gives an empty layout.
LaneLayout layoutLanes(const Run &run, LaneGrouping grouping);

} // namespace reqlanes
