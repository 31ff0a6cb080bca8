// Lane groupings that only a watch session has: by TCP connection, by client process and (a traced
// program's, Run::clientSides) by asyncio task. Plain
// functions of a Run, like layoutLanes(), to be listed as rows of the lane-grouping table.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"

#include <QStringList>

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

// One lane per asyncio task that made requests (Run::clientSides), in order of its first request,
// labelled with the task's name ("Task-7"; "Task-7 (pid P)" when several processes had tasks):
// each request with all its phases, so a task's wait for its semaphore is on its lane. Requests
// made outside any task (a thread, a plain script) share a lane "outside asyncio tasks"; requests
// no client event described (another program's) have none.
LaneLayout layoutByTask(const Run &run);

// What a person calls the program of a command line: for an interpreter (python3, node, ruby,
// perl, sh...) the script it runs, the first argument after it that is not an option
// ("python3 -u /home/me/sequential.py 8000" -> "sequential.py"; "python3 -m reqlanes_trace
// x.py" -> "x.py", "python3 -m http.server" -> "http.server"), otherwise the executable
// ("/usr/bin/curl -s URL" -> "curl"); file names without their folders. "" for "".
QString clientProgramName(const QString &command);
// "pid 4242 threads.py" (clientProgramName of its command), or "unknown process".
QString clientProcessLabel(const ClientConnection &connection);
// For a tooltip: "pid 4242: python3 /home/me/threads.py 8000" (the whole command line as read),
// or "unknown process".
QString clientProcessDetail(const ClientConnection &connection);
// The tooltip of a watch lane, by its key (LaneLayout::keys): a client lane ("client:PID:...")
// gives clientProcessDetail of that process, a connection lane ("connection:K") its peer and
// process; "" for any other lane.
QString watchLaneDetail(const Run &run, const QString &laneKey);
// Who sent a session's requests, for its title in a comparison: the client processes in order
// of their first request, each "threads.py (pid 4242)"; empty when no process was found.
QStringList sessionClients(const Run &run);

} // namespace reqlanes::watch
