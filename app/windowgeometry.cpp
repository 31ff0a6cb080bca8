#include "windowgeometry.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace reqlanes {

QRect fitWindowToScreen(const QRect &saved, const QRect &available, const QSize &preferred,
                        const QMargins &frame) {
    if (saved.isValid() && available.contains(saved))
        return saved;
    const QRect inner = available.marginsRemoved(frame);
    if (!inner.isValid())
        return QRect(available.topLeft(), preferred);
    QRect placed(QPoint(0, 0), preferred.boundedTo(inner.size()));
    placed.moveCenter(inner.center());
    return placed;
}

void placeMainWindow(QWidget &window, const QRect &saved, bool maximized, const QSize &preferred) {
    const QScreen *screen = saved.isValid() ? QGuiApplication::screenAt(saved.center()) : nullptr;
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    if (!screen) {
        window.resize(preferred);
        return;
    }
    window.setGeometry(fitWindowToScreen(saved, screen->availableGeometry(), preferred));
    if (maximized)
        window.setWindowState(window.windowState() | Qt::WindowMaximized);
}

} // namespace reqlanes
