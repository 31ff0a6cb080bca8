// `threads`: a new OS thread per request, all started at once, then joined, like
// `[Thread(target=fetch).start() for ...]`. Concurrency is N; the server decides the rest.
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class ThreadsStrategy final : public Strategy {
public:
    StrategyInfo info() const override;
    void execute(RunContext &ctx) override;
};

} // namespace reqlanes
