// The strategies reqlanes knows, in the order the app lists them (keys 1-8) and `--all` runs them.
#pragma once

#include "run/strategy.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace reqlanes {

class StrategyRegistry {
public:
    static const StrategyRegistry &instance();

    const std::vector<StrategyInfo> &strategies() const { return m_infos; }
    const StrategyInfo *find(const QString &id) const;         // nullptr if unknown
    std::unique_ptr<Strategy> create(const QString &id) const; // nullptr if unknown
    QStringList ids() const;
    // Why `id` cannot be run, or empty when it is a known strategy.
    QString unknownIdError(const QString &id) const;

private:
    StrategyRegistry();
    using Factory = std::function<std::unique_ptr<Strategy>()>;
    std::vector<StrategyInfo> m_infos;
    std::vector<Factory> m_factories;
};

} // namespace reqlanes
