#include "appsettings.h"

#include <QSettings>

namespace reqlanes {

namespace {

// Bad or stale values fall back to the defaults instead of producing an invalid scenario.
int readInt(const QSettings &settings, const char *key, int fallback, int minimum, int maximum) {
    bool ok = false;
    const int value = settings.value(QLatin1String(key), fallback).toInt(&ok);
    return ok && value >= minimum && value <= maximum ? value : fallback;
}

// "server/latency-ms": the server's own name for the setting.
QString serverKey(const server::Setting &setting) {
    return QStringLiteral("server/") +
           QString::fromLatin1(setting.name.data(), qsizetype(setting.name.size()));
}

} // namespace

AppSettings AppSettings::load() {
    const QSettings settings;
    AppSettings app;
    const Scenario defaults;
    Scenario &s = app.scenario;
    s.strategy = settings.value(QStringLiteral("scenario/strategy"), defaults.strategy).toString();
    s.n = readInt(settings, "scenario/n", defaults.n, 1, limits::kMaxRequests);
    s.limit = readInt(settings, "scenario/limit", defaults.limit, 1, limits::kMaxLimit);
    s.timeoutMs =
        readInt(settings, "scenario/timeoutMs", defaults.timeoutMs, 1, limits::kMaxTimeoutMs);
    for (const server::Setting &setting : server::settings()) {
        if (!setting.perScenario)
            continue;
        // A value out of the server's range (an older version's, or edited by hand) is dropped.
        bool ok = false;
        const double value = settings.value(serverKey(setting)).toDouble(&ok);
        setting.set(s.server, ok && setting.inRange(value) ? value : setting.get(defaults.server));
    }
    s.server.mode =
        settings.value(QStringLiteral("server/mode")).toString() == QLatin1String("async")
            ? ServerMode::Async
            : ServerMode::Sync;
    s.targetUrl = settings.value(QStringLiteral("scenario/targetUrl")).toString();
    app.grouping = laneGroupingFromName(settings.value(QStringLiteral("view/lanes")).toString())
                       .value_or(LaneGrouping::Request);
    app.theme = settings.value(QStringLiteral("view/theme"), app.theme).toString();
    app.liveRerun = settings.value(QStringLiteral("view/liveRerun"), false).toBool();
    app.windowGeometry = settings.value(QStringLiteral("window/normalGeometry")).toRect();
    app.windowMaximized = settings.value(QStringLiteral("window/maximized"), false).toBool();
    app.windowState = settings.value(QStringLiteral("window/state")).toByteArray();
    return app;
}

void AppSettings::save() const {
    QSettings settings;
    settings.setValue(QStringLiteral("scenario/strategy"), scenario.strategy);
    settings.setValue(QStringLiteral("scenario/n"), scenario.n);
    settings.setValue(QStringLiteral("scenario/limit"), scenario.limit);
    settings.setValue(QStringLiteral("scenario/timeoutMs"), scenario.timeoutMs);
    settings.setValue(QStringLiteral("scenario/targetUrl"), scenario.targetUrl);
    for (const server::Setting &setting : server::settings())
        if (setting.perScenario)
            settings.setValue(serverKey(setting), setting.get(scenario.server));
    settings.setValue(QStringLiteral("server/mode"), serverModeName(scenario.server.mode));
    settings.setValue(QStringLiteral("view/lanes"), laneGroupingName(grouping));
    settings.setValue(QStringLiteral("view/theme"), theme);
    settings.setValue(QStringLiteral("view/liveRerun"), liveRerun);
    settings.setValue(QStringLiteral("window/normalGeometry"), windowGeometry);
    settings.setValue(QStringLiteral("window/maximized"), windowMaximized);
    settings.remove(QStringLiteral("window/geometry")); // the saveGeometry() blob of older versions
    settings.setValue(QStringLiteral("window/state"), windowState);
}

} // namespace reqlanes
