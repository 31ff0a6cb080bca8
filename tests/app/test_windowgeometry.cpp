// The main window's first geometry fits the screen it opens on (issue 13: under xvfb-run's
// 1280×1024 screen the 1400-px window was cut off on the right), and a remembered geometry is
// kept only while it still fits.
//
// The fitting rule is tested as a pure function; the real window on whatever screen the process
// has. Run plainly (CTest), the offscreen platform is given a laptop's 1366×768 screen below;
// xvfb_window_fits.sh runs the MainWindowGeometry tests again under real X servers at 1280×1024
// and 1366×768, naming the expected size in REQLANES_EXPECT_SCREEN.
#include "appsettings.h"
#include "apptestenvironment.h"
#include "mainwindow.h"
#include "offscreenscreens.h"
#include "windowgeometry.h"

#include <QDir>
#include <QFile>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>

// Readable rectangles in failure messages: gtest finds PrintTo next to QRect, in Qt's namespace.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QRect &rect, std::ostream *out) {
    *out << rect.x() << ',' << rect.y() << ' ' << rect.width() << 'x' << rect.height();
}
QT_END_NAMESPACE

using namespace reqlanes;

namespace {

const QSize kPreferred(1400, 860);

QRect screen(int width, int height) {
    return QRect(0, 0, width, height);
}

} // namespace

TEST(FitWindowToScreen, KeepsThePreferredSizeCentredOnABigScreen) {
    const QRect available = screen(1920, 1080);
    const QRect placed = fitWindowToScreen(QRect(), available, kPreferred);
    EXPECT_EQ(placed.size(), kPreferred);
    EXPECT_TRUE(available.marginsRemoved(kWindowFrameAllowance).contains(placed))
        << ::testing::PrintToString(placed);
    EXPECT_LE(std::abs(placed.center().x() - available.center().x()), 8);
}

TEST(FitWindowToScreen, ShrinksToXvfbsDefaultScreen) {
    const QRect available = screen(1280, 1024);
    const QRect placed = fitWindowToScreen(QRect(), available, kPreferred);
    EXPECT_TRUE(available.marginsRemoved(kWindowFrameAllowance).contains(placed))
        << ::testing::PrintToString(placed);
    EXPECT_EQ(placed.width(), 1280 - kWindowFrameAllowance.left() - kWindowFrameAllowance.right());
    EXPECT_EQ(placed.height(), kPreferred.height()); // the height did fit
}

TEST(FitWindowToScreen, ShrinksBothWaysOnALaptopScreenBelowAPanel) {
    const QRect available(0, 32, 1366, 768 - 32); // a 32-px top panel
    const QRect placed = fitWindowToScreen(QRect(), available, kPreferred);
    EXPECT_TRUE(available.marginsRemoved(kWindowFrameAllowance).contains(placed))
        << ::testing::PrintToString(placed);
    EXPECT_EQ(placed.size(), available.marginsRemoved(kWindowFrameAllowance).size());
}

TEST(FitWindowToScreen, KeepsASavedGeometryThatStillFits) {
    const QRect saved(100, 80, 1000, 700);
    EXPECT_EQ(fitWindowToScreen(saved, screen(1280, 1024), kPreferred), saved);
    // On a second screen to the right of the first one, too.
    const QRect right(1920 + 50, 40, 1200, 800);
    EXPECT_EQ(fitWindowToScreen(right, QRect(1920, 0, 1280, 1024), kPreferred), right);
}

TEST(FitWindowToScreen, ReplacesASavedGeometryThatNoLongerFits) {
    const QRect available = screen(1280, 1024);
    const QRect inner = available.marginsRemoved(kWindowFrameAllowance);
    // Saved on a 1920-px screen: wider than this one.
    const QRect wide(100, 80, 1400, 860);
    EXPECT_TRUE(inner.contains(fitWindowToScreen(wide, available, kPreferred)));
    // Fits in size, but hangs off the right edge.
    const QRect offEdge(900, 80, 1000, 700);
    EXPECT_TRUE(inner.contains(fitWindowToScreen(offEdge, available, kPreferred)));
    // On a screen that is gone.
    const QRect gone(3000, 100, 800, 600);
    EXPECT_TRUE(inner.contains(fitWindowToScreen(gone, available, kPreferred)));
}

TEST(FitWindowToScreen, AnEmptyScreenGivesThePreferredSize) {
    const QRect placed = fitWindowToScreen(QRect(), QRect(), kPreferred);
    EXPECT_EQ(placed.size(), kPreferred);
}

namespace {

// The screen the window is on, checked against what the caller of this test expects, so that a
// run meant for 1280×1024 cannot pass on some other screen.
const QScreen *checkedScreen(const QWidget &window) {
    const QScreen *screen = window.screen();
    if (!screen)
        return nullptr;
    const QByteArray expected = qgetenv("REQLANES_EXPECT_SCREEN");
    const QString actual =
        QStringLiteral("%1x%2").arg(screen->geometry().width()).arg(screen->geometry().height());
    if (!expected.isEmpty()) {
        EXPECT_EQ(actual, QString::fromLatin1(expected));
    } else if (reqlanes::testing::kOffscreenScreensConfigured) {
        EXPECT_EQ(actual, QStringLiteral("%1x%2")
                              .arg(reqlanes::testing::kPrimaryScreenSize.width())
                              .arg(reqlanes::testing::kPrimaryScreenSize.height()));
    }
    return screen;
}

void expectFits(const QWidget &window) {
    const QScreen *screen = checkedScreen(window);
    ASSERT_NE(screen, nullptr);
    const QRect available = screen->availableGeometry();
    EXPECT_TRUE(available.contains(window.frameGeometry()))
        << "window frame " << ::testing::PrintToString(window.frameGeometry()) << " on available "
        << ::testing::PrintToString(available);
    EXPECT_TRUE(available.contains(window.geometry()))
        << "window " << ::testing::PrintToString(window.geometry()) << " on available "
        << ::testing::PrintToString(available);
}

} // namespace

TEST(MainWindowGeometry, TheFirstWindowFitsTheAvailableScreen) {
    QSettings().clear();
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    expectFits(window);
    // Not shrunk more than the frame allowance asks: the timeline keeps its room.
    const QRect inner = window.screen()->availableGeometry().marginsRemoved(kWindowFrameAllowance);
    EXPECT_EQ(window.width(), std::min(inner.width(), 1400));
    EXPECT_EQ(window.height(), std::min(inner.height(), 960));
}

TEST(MainWindowGeometry, ASavedGeometryThatFitsIsRestored) {
    QSettings().clear();
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    const QRect saved(available.topLeft() + QPoint(30, 60), QSize(900, 600));
    {
        AppSettings settings = AppSettings::load();
        settings.windowGeometry = saved;
        settings.save();
    }
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_EQ(window.geometry(), saved);
    expectFits(window);
}

TEST(MainWindowGeometry, ASavedGeometryWiderThanTheScreenIsNotRestored) {
    QSettings().clear();
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    {
        AppSettings settings = AppSettings::load();
        settings.windowGeometry =
            QRect(available.topLeft(), available.size() + QSize(200, 0)); // a bigger monitor's
        settings.save();
    }
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    expectFits(window);
}

TEST(MainWindowGeometry, ClosingRemembersTheGeometryForTheNextWindow) {
    QSettings().clear();
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    const QRect moved(available.topLeft() + QPoint(20, 50), QSize(1000, 650));
    {
        MainWindow window;
        window.setGeometry(moved); // as if the user had moved it there
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.close(); // saves
    }
    EXPECT_EQ(AppSettings::load().windowGeometry, moved);
    MainWindow again;
    EXPECT_EQ(again.geometry(), moved);
}
