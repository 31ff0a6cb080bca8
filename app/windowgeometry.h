// Where the main window opens. A screen can be smaller than the one the window was last used
// on (a projector, an undocked laptop, xvfb-run's 1280×1024 default), and a window wider than
// its screen hides its right edge. MainWindow asks placeMainWindow() once, before it is shown;
// fitWindowToScreen() is the decision on its own, a pure function for tests.
#pragma once

#include <QMargins>
#include <QRect>
#include <QSize>

class QWidget;

namespace reqlanes {

// Room left around a new window for the window manager's title bar and borders, in pixels:
// they are not known before the window is shown (and there are none under a bare X server).
inline constexpr QMargins kWindowFrameAllowance{8, 40, 8, 8};

// The client-area geometry (global screen coordinates, pixels) of the first window.
// - saved: the window's normal geometry from the last session (QWidget::normalGeometry), or an
//   invalid QRect when there is none. It is kept as it was when it lies wholly inside
//   `available`: the user put it there.
// - available: the screen's area without panels and docks (QScreen::availableGeometry).
// - preferred: the size the window would like; shrunk to `available` less `frame`, and centred
//   there. An empty `available` gives `preferred` at `available`'s top left.
QRect fitWindowToScreen(const QRect &saved, const QRect &available, const QSize &preferred,
                        const QMargins &frame = kWindowFrameAllowance);

// Sets `window`'s geometry with fitWindowToScreen() on the screen that holds the centre of
// `saved` (else the primary screen), and maximises it when `maximized`. Call before show().
void placeMainWindow(QWidget &window, const QRect &saved, bool maximized, const QSize &preferred);

} // namespace reqlanes
