// `coroutines`: C++20 co_await with QCoro, written the way the talk's Python reads —
// `async def fetch` awaiting one exchange, `gather` awaiting them all, behind an optional
// semaphore of `limit`. Same event loop and exchange as `async`, different way to write it.
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class CoroutineStrategy final : public EventLoopStrategy {
public:
    StrategyInfo info() const override;

private:
    void executeOnLoopThread(RunContext &ctx) override;
};

} // namespace reqlanes
