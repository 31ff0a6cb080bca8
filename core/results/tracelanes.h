// Lane groupings of runs read from OpenTelemetry traces (and of watch sessions that received
// spans), from Run::spans: by service (service.name), by host (the server called) and by trace.
// Plain functions of a Run, rows of the lane-grouping table. A lane here is an executor in the
// widest sense, busy while it has a request in flight; a service runs many at once, so its lane
// stacks them (results/timelinespans.h).
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"

namespace reqlanes {

// One lane per service.name, in order of first request; "unknown service" (key "service:")
// gathers requests no span named a service for (and a watch session's untraced requests).
// Keys "service:NAME".
LaneLayout layoutByService(const Run &run);
// One lane per server called ("name:port"), in order of first request; "unknown host" (key
// "host:") for the rest. Keys "host:NAME".
LaneLayout layoutBySpanHost(const Run &run);
// One lane per trace, in order of first request, labelled "trace " and the trace id's first 8
// hex digits; "untraced" (key "trace:") for requests no span described. Keys "trace:ID".
LaneLayout layoutByTrace(const Run &run);

} // namespace reqlanes
