// Lane groupings that only a watch session has: by TCP connection and by client process. Plain
// functions of a Run, like layoutLanes(), to be listed as rows of the lane-grouping table.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"

namespace reqlanes::watch {

// One lane per connection, in the order the connections' first requests came (Run::connections
// order): its kept-alive requests sit back to back on it, and the gaps between them are the
// connection's idle time. Label: "conn K  ADDRESS:PORT". Requests without a connection (a
// strategy run) have no lane.
LaneLayout layoutByConnection(const Run &run);

// One lane per client process (pid and command line, from Run::connections), in order of first
// appearance; "unknown process" gathers requests whose process could not be found. A request
// that sent X-Client-Lane goes to the lane of that name instead (per process: "NAME (pid P)").
LaneLayout layoutByClientProcess(const Run &run);

// "pid 4242 python3 threads.py", or "unknown process"; the command is cut to ~60 characters.
QString clientProcessLabel(const ClientConnection &connection);

} // namespace reqlanes::watch
