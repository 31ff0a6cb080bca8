// `async` and `async-semaphore`: one event-loop thread, non-blocking sockets, like asyncio with
// `gather` — everything in flight at once, or at most `limit` behind a semaphore.
#pragma once

#include "strategy.h"

namespace reqlanes {

class AsyncStrategy final : public Strategy {
public:
    enum class Bound { Unbounded, Semaphore };
    explicit AsyncStrategy(Bound bound)
        : m_bound(bound) {}

    StrategyInfo info() const override;
    void execute(RunContext &ctx) override;

private:
    void runOnThisThread(RunContext &ctx);
    Bound m_bound;
};

} // namespace reqlanes
