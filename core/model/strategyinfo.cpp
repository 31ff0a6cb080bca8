#include "model/strategyinfo.h"

#include <algorithm>

namespace reqlanes {

int clientConcurrency(const StrategyInfo &info, const Scenario &scenario) {
    switch (info.concurrency) {
    case StrategyInfo::Concurrency::One:
        return 1;
    case StrategyInfo::Concurrency::Limit: {
        const int cap =
            info.maxConcurrency > 0 ? std::min(info.maxConcurrency, scenario.n) : scenario.n;
        return std::clamp(scenario.limit, 1, std::max(1, cap));
    }
    case StrategyInfo::Concurrency::All:
        break;
    }
    return std::max(1, scenario.n);
}

} // namespace reqlanes
