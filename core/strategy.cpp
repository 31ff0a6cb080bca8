#include "strategy.h"

#include <algorithm>

namespace reqlanes {

int clientConcurrency(const StrategyInfo &info, const Scenario &scenario) {
    switch (info.concurrency) {
    case StrategyInfo::Concurrency::One:
        return 1;
    case StrategyInfo::Concurrency::Limit:
        return std::clamp(scenario.limit, 1, std::max(1, scenario.n));
    case StrategyInfo::Concurrency::All:
        break;
    }
    return std::max(1, scenario.n);
}

} // namespace reqlanes
