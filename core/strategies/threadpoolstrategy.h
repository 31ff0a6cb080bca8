// `thread-pool`: a QThreadPool of `limit` threads working through the N requests, like
// `ThreadPoolExecutor(max_workers=limit).map(fetch, urls)`. Requests queue for a pool thread.
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class ThreadPoolStrategy final : public Strategy {
public:
    StrategyInfo info() const override;
    void execute(RunContext &ctx) override;
};

} // namespace reqlanes
