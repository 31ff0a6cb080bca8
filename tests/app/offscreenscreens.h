// The screens of Qt's offscreen platform for the whole app test executable. Qt reads them once,
// when the QApplication starts, from the JSON file named by the `configfile` platform option (its
// default is one 800×600 screen), so this runs before main(). The first screen is the primary,
// where a window opens: a 1366×768 laptop. (Qt orders the screens by name and makes the first the
// primary, so the names begin with their index.) The presenter's projector sizes follow, side by
// side. An explicit other platform (xcb under xvfb-run) is left alone.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QSize>
#include <QString>
#include <QTemporaryDir>

namespace reqlanes::testing {

inline const QSize kPrimaryScreenSize(1366, 768);
inline const QSize kProjectorScreenSizes[] = {{1024, 768}, {1280, 720}, {1280, 1024}, {1920, 1080}};

inline const bool kOffscreenScreensConfigured = [] {
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && platform != "offscreen")
        return false;
    static QTemporaryDir directory;
    const QString path = QDir(directory.path()).filePath(QStringLiteral("screens.json"));
    QFile file(path);
    if (!directory.isValid() || !file.open(QIODevice::WriteOnly))
        return false;
    QByteArray screens;
    int x = 0;
    const auto add = [&](QSize size) {
        if (!screens.isEmpty())
            screens += ',';
        screens += QStringLiteral(R"({"name": "screen%4-%1x%2", "x": %3, "y": 0, "width": %1,
                       "height": %2, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1})")
                       .arg(size.width())
                       .arg(size.height())
                       .arg(x)
                       .arg(screens.count("name"))
                       .toUtf8();
        x += size.width();
    };
    add(kPrimaryScreenSize);
    for (const QSize &size : kProjectorScreenSizes)
        add(size);
    file.write("{\"screens\": [" + screens + "]}");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(path));
    return true;
}();

} // namespace reqlanes::testing
