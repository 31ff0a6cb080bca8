#include "run/strategyregistry.h"

#include "strategies/asyncstrategy.h"
#include "strategies/coroutinestrategy.h"
#include "strategies/processstrategy.h"
#include "strategies/qnamstrategy.h"
#include "strategies/syncstrategy.h"
#include "strategies/threadpoolstrategy.h"
#include "strategies/threadsstrategy.h"

#include <QStringList>

namespace reqlanes {

namespace {
template <typename T, typename... Args>
std::function<std::unique_ptr<Strategy>()> factory(Args... args) {
    return [=] { return std::make_unique<T>(args...); };
}
} // namespace

StrategyRegistry::StrategyRegistry() {
    // The order of the talk: from one-at-a-time to everything at once, then the outliers.
    m_factories = {
        factory<SyncStrategy>(),
        factory<ThreadsStrategy>(),
        factory<ThreadPoolStrategy>(),
        factory<AsyncStrategy>(AsyncStrategy::Bound::Unbounded),
        factory<AsyncStrategy>(AsyncStrategy::Bound::Semaphore),
        factory<CoroutineStrategy>(),
        factory<ProcessStrategy>(),
        factory<QnamStrategy>(),
    };
    for (const auto &make : m_factories)
        m_infos.push_back(make()->info());
}

const StrategyRegistry &StrategyRegistry::instance() {
    static const StrategyRegistry registry;
    return registry;
}

const StrategyCatalog &strategyCatalog() {
    return StrategyRegistry::instance();
}

const StrategyInfo *StrategyRegistry::find(const QString &id) const {
    for (const auto &info : m_infos)
        if (info.id == id)
            return &info;
    return nullptr;
}

std::unique_ptr<Strategy> StrategyRegistry::create(const QString &id) const {
    for (std::size_t i = 0; i < m_infos.size(); ++i)
        if (m_infos[i].id == id)
            return m_factories[i]();
    return nullptr;
}

QStringList StrategyRegistry::ids() const {
    QStringList out;
    for (const auto &info : m_infos)
        out << info.id;
    return out;
}

QString StrategyRegistry::keyRange() const {
    return keyCount() <= 1 ? QStringLiteral("1") : QStringLiteral("1–%1").arg(keyCount());
}

QString StrategyRegistry::unknownIdError(const QString &id) const {
    if (find(id))
        return {};
    return QStringLiteral("unknown strategy \"%1\"; valid strategies: %2")
        .arg(id, ids().join(QStringLiteral(", ")));
}

} // namespace reqlanes
