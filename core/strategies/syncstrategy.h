// `sync`: one blocking request after another on the run thread, like a plain loop of
// `requests.get`. The baseline every speed-up is measured against.
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class SyncStrategy final : public Strategy {
public:
    StrategyInfo info() const override;
    void execute(RunContext &ctx) override;
};

} // namespace reqlanes
