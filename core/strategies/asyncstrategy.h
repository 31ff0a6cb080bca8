// `async` and `async-semaphore`: one event-loop thread, non-blocking sockets, like asyncio with
// `gather` — everything in flight at once, or at most `limit` behind a semaphore.
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class AsyncStrategy final : public EventLoopStrategy {
public:
    enum class Bound { Unbounded, Semaphore };
    explicit AsyncStrategy(Bound bound)
        : m_bound(bound) {}

    StrategyInfo info() const override;

private:
    void executeOnLoopThread(RunContext &ctx) override;
    Bound m_bound;
};

} // namespace reqlanes
