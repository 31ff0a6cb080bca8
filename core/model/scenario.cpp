#include "model/scenario.h"

namespace reqlanes {

QString serverModeName(ServerMode mode) {
    return QString::fromLatin1(server::modeName(mode));
}

namespace {
QString outOfRange(const char *what, int value, int low, int high) {
    return QStringLiteral("%1 must be %2..%3 (got %4)")
        .arg(QLatin1String(what))
        .arg(low)
        .arg(high)
        .arg(value);
}
} // namespace

QString validateScenario(const Scenario &scenario) {
    if (scenario.strategy.isEmpty())
        return QStringLiteral("no strategy given");
    if (scenario.n < 1 || scenario.n > limits::kMaxRequests)
        return outOfRange("n", scenario.n, 1, limits::kMaxRequests);
    if (scenario.limit < 1 || scenario.limit > limits::kMaxLimit)
        return outOfRange("limit", scenario.limit, 1, limits::kMaxLimit);
    if (scenario.timeoutMs < 1 || scenario.timeoutMs > limits::kMaxTimeoutMs)
        return outOfRange("timeout-ms", scenario.timeoutMs, 1, limits::kMaxTimeoutMs);
    if (!scenario.usesEmbeddedServer())
        return {}; // the server settings do not apply to an external target
    for (const server::Setting &setting : server::settings())
        if (setting.perScenario && !setting.inRange(setting.get(scenario.server)))
            return QStringLiteral("%1 must be %2 (got %3)")
                .arg(QLatin1String(setting.name), QString::fromStdString(setting.rangeText()),
                     QString::fromStdString(server::valueText(setting.get(scenario.server))));
    return QString::fromStdString(server::validate(scenario.server));
}

} // namespace reqlanes
