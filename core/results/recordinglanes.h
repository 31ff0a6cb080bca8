// Lanes only a recording from elsewhere has (a HAR file, model/recording.h): by host. A row of
// the lane-grouping table, like watchlanes.h's by connection (which recordings use too, from
// their `connection` ids).
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"

namespace reqlanes {

// One lane per host the requests went to (from RequestOrigin::target's URL), in the order of
// each host's first request; a lane is busy while any request to its host is in flight, and
// stacks them where several were at once: a browser's six connections per host, side by side.
// Requests without a URL have no lane. Label: the host ("cdn.example.com"), key "host:HOST".
LaneLayout layoutByUrlHost(const Run &run);

} // namespace reqlanes
