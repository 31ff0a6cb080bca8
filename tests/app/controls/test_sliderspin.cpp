#include "apptestenvironment.h"
#include "controls/sliderspin.h"

#include <QAction>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QVBoxLayout>

#include <gtest/gtest.h>

using namespace reqlanes;

TEST(SliderSpin, SmallValuesTakeAsMuchSliderAsLargeOnes) {
    SliderSpin requests(1, 1000, 9);
    // 1 -> 10 and 100 -> 1000 are the same distance on a logarithmic slider.
    const int oneToTen = requests.positionOf(10) - requests.positionOf(1);
    const int hundredToThousand = requests.positionOf(1000) - requests.positionOf(100);
    EXPECT_NEAR(oneToTen, hundredToThousand, SliderSpin::kSliderSteps / 100);
    // A short drag from 9 (2.5 % of the slider: about 5 px of a 200 px slider) stays near 9,
    // where a linear 1-1000 slider jumped to ~34.
    const int nudged = requests.valueAt(requests.positionOf(9) + SliderSpin::kSliderSteps / 40);
    EXPECT_GT(nudged, 9);
    EXPECT_LE(nudged, 12);
}

TEST(SliderSpin, TheMappingCoversTheRangeAndRoundTrips) {
    SliderSpin latency(0, 60000, 1000);
    EXPECT_EQ(latency.valueAt(0), 0);
    EXPECT_EQ(latency.valueAt(SliderSpin::kSliderSteps), 60000);
    for (int value : {0, 1, 2, 3, 10, 150}) { // small values: exact
        SCOPED_TRACE(value);
        EXPECT_EQ(latency.valueAt(latency.positionOf(value)), value);
    }
    // Large values: one of 1000 steps is ~1.1 % of the value on a 0-60000 range; the spin box
    // takes the exact number.
    EXPECT_NEAR(latency.valueAt(latency.positionOf(1000)), 1000, 12);
    EXPECT_NEAR(latency.valueAt(latency.positionOf(30000)), 30000, 340);
}

TEST(SliderSpin, TheSpinBoxKeepsExactValuesTheSliderCannotHit) {
    SliderSpin requests(1, 1000, 9);
    QSignalSpy changed(&requests, &SliderSpin::valueChanged);
    requests.setValue(997);
    EXPECT_EQ(requests.value(), 997);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(requests.slider()->value(), requests.positionOf(997));
    requests.setMaximum(500);
    EXPECT_EQ(requests.value(), 500);
    EXPECT_EQ(requests.slider()->value(), SliderSpin::kSliderSteps);
}

TEST(SliderSpin, ArrowKeysStepByOne) {
    SliderSpin workers(1, 64, 3);
    workers.slider()->setFocus();
    QTest::keyClick(workers.slider(), Qt::Key_Right);
    EXPECT_EQ(workers.value(), 4);
    QTest::keyClick(workers.slider(), Qt::Key_Left);
    QTest::keyClick(workers.slider(), Qt::Key_Left);
    EXPECT_EQ(workers.value(), 2);
}

namespace {

// A window with a settings field and a single-key shortcut, as the main window has keys 1-8.
struct KeyWindow {
    KeyWindow() {
        auto *layout = new QVBoxLayout(&window);
        spin = new SliderSpin(1, 1000, 9, {}, &window);
        layout->addWidget(spin);
        shortcut = new QAction(&window);
        shortcut->setShortcut(QKeySequence(Qt::Key_1));
        window.addAction(shortcut);
        window.show();
        window.activateWindow();
    }
    QWidget window;
    SliderSpin *spin = nullptr;
    QAction *shortcut = nullptr;
};

} // namespace

TEST(SliderSpin, EnterLeavesTheFieldSoShortcutsWorkAgain) {
    KeyWindow w;
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w.window));
    QSignalSpy triggered(w.shortcut, &QAction::triggered);
    QSpinBox *spin = w.spin->spinBox();
    spin->setFocus();
    ASSERT_TRUE(spin->hasFocus());
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("1")); // typed into the field, not a shortcut
    EXPECT_EQ(triggered.count(), 0);
    QTest::keyClick(spin, Qt::Key_Return);
    EXPECT_EQ(w.spin->value(), 1);
    EXPECT_FALSE(spin->hasFocus());
    QTest::keyClick(&w.window, Qt::Key_1);
    EXPECT_EQ(triggered.count(), 1);
}

TEST(SliderSpin, EscapeRestoresTheValueAndLeavesTheField) {
    KeyWindow w;
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w.window));
    QSignalSpy changed(w.spin, &SliderSpin::valueChanged);
    QSignalSpy triggered(w.shortcut, &QAction::triggered);
    QSpinBox *spin = w.spin->spinBox();
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("500"));
    QTest::keyClick(spin, Qt::Key_Escape);
    EXPECT_EQ(w.spin->value(), 9);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_FALSE(spin->hasFocus());
    QTest::keyClick(&w.window, Qt::Key_1);
    EXPECT_EQ(triggered.count(), 1);
}
