// The `processes` strategy: a pool of `limit` real OS worker processes (reqlanes-worker) share
// the requests, one request per process at a time, like Python's ProcessPoolExecutor. Their
// start-up cost is part of the run and is drawn on the process lanes. WorkerPool does the work.
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class ProcessStrategy final : public Strategy {
public:
    // More processes than this would cost more start-up and descriptors than they could show.
    static constexpr int kMaxProcesses = 256;

    StrategyInfo info() const override;
    void execute(RunContext &ctx) override;
};

} // namespace reqlanes
