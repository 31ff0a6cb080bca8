// The strategies reqlanes knows, in the order the app lists them (number keys by position) and
// `--all` runs them. Adding a strategy is its two files plus one row in the constructor.
#pragma once

#include "model/strategyinfo.h"
#include "run/strategy.h"

#include <QString>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace reqlanes {

class StrategyRegistry final : public StrategyCatalog {
public:
    static const StrategyRegistry &instance();

    const std::vector<StrategyInfo> &strategies() const { return m_infos; }
    const StrategyInfo *find(const QString &id) const override; // nullptr if unknown
    std::unique_ptr<Strategy> create(const QString &id) const;  // nullptr if unknown
    QStringList ids() const;
    // The number keys that pick a strategy in the app, by position: "1–8" for eight (at most
    // nine: keys 1..9).
    int keyCount() const { return std::min(int(m_infos.size()), 9); }
    QString keyRange() const;
    // Why `id` cannot be run, or empty when it is a known strategy.
    QString unknownIdError(const QString &id) const;

private:
    StrategyRegistry();
    using Factory = std::function<std::unique_ptr<Strategy>()>;
    std::vector<StrategyInfo> m_infos;
    std::vector<Factory> m_factories;
};

} // namespace reqlanes
