// The open-file limit (RLIMIT_NOFILE) and what a run needs of it. Every connection is a
// descriptor, twice over with the embedded server in the same process, and Linux's default soft
// limit of 1024 fails an async run of a few hundred requests with "Too many open files". The
// executables raise the soft limit to the hard one at start-up (as reqlanes-server does); the
// Runner refuses a scenario that even the hard limit cannot hold, before it starts.
#pragma once

#include "model/scenario.h"
#include "openfilelimit.h"

#include <QString>

#include <cstdint>

namespace reqlanes {

struct StrategyInfo;

// Raising the soft limit and reading the hard one are the server library's
// (server/openfilelimit.h), shared by all three executables.
using server::hardOpenFileLimit;
using server::raiseOpenFileLimit;

// Descriptors the scenario holds at once in this process, roughly: per request in flight a
// client socket, plus the server's socket when the server is embedded, plus a fixed reserve
// (standard streams, epoll, eventfds, the listener, Qt's own).
std::uint64_t openFilesNeeded(const Scenario &scenario, const StrategyInfo &strategy);
// What a scenario needs against what the hard limit allows; the app words a refusal from it.
struct OpenFileBudget {
    std::uint64_t needed = 0;
    std::uint64_t hardLimit = 0; // server::kUnlimitedFiles when there is none
    bool fits() const { return hardLimit == server::kUnlimitedFiles || needed <= hardLimit; }
};
OpenFileBudget openFileBudget(const Scenario &scenario, const StrategyInfo &strategy,
                              std::uint64_t hardLimit);
// Why the scenario cannot run under this hard limit, or empty:
// "N=3000 needs ~6064 open files, the hard limit is 4096; raise it with ulimit -Hn ...".
QString openFileLimitError(const Scenario &scenario, const StrategyInfo &strategy,
                           std::uint64_t hardLimit);

// Grows this process's descriptor table to hold `descriptors` at once (up to the soft limit), so
// a run does not grow it while it connects: Linux doubles the table as descriptors are opened,
// and in a multi-threaded process such as ours each growth waits for an RCU grace period
// (milliseconds; ~70 ms over a 10,000-connection storm). A single-threaded client would not pay
// that, so the Runner pays it before the run's clock starts. The table never shrinks: later runs
// find it grown.
void reserveDescriptorTable(std::uint64_t descriptors);

} // namespace reqlanes
