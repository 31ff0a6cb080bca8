// Presenter mode: the keys are listed in Help → Keys (read from the actions), stepping moves the
// replay to the next / previous phase change of any request, and the mode hides the controls and
// shows the code pane and caption.
#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "controls/strategylist.h"
#include "keysdialog.h"
#include "mainwindow.h"
#include "presenter/codepane.h"
#include "presenter/presentermode.h"
#include "results/phasesteps.h"
#include "testscenario.h"
#include "timeline/findingscaption.h"
#include "timeline/replaycontroller.h"
#include "timeline/statspanel.h"
#include "timeline/timelineplot.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kRunTimeoutMs;

class PresenterModeTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_window.controls()->setScenario(reqlanes::testing::testScenario({.n = 6, .limit = 2}));
        m_window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
        // Window shortcuts fire only in the active window.
        m_window.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&m_window));
    }

    reqlanes::Run runAndWait(const QString &id) {
        QSignalSpy finished(&m_window, &MainWindow::runFinished);
        EXPECT_TRUE(m_window.runStrategy(id));
        EXPECT_TRUE(finished.wait(kRunTimeoutMs)) << "run did not finish";
        return finished.isEmpty() ? reqlanes::Run()
                                  : finished.takeFirst().at(0).value<reqlanes::Run>();
    }

    MainWindow m_window;
};

const KeyRow *findRow(const std::vector<KeyRow> &rows, const QString &keys,
                      const QString &textStart) {
    for (const KeyRow &row : rows)
        if (row.keys == keys && row.text.startsWith(textStart))
            return &row;
    return nullptr;
}

bool hasRow(const std::vector<KeyRow> &rows, const QString &keys, const QString &textStart) {
    return findRow(rows, keys, textStart) != nullptr;
}

} // namespace

TEST_F(PresenterModeTest, HelpKeysListsEveryShortcutFromTheActions) {
    const auto rows = KeysDialog::keyRows(&m_window);
    EXPECT_TRUE(hasRow(rows, QStringLiteral("F11 or F5"), QStringLiteral("Presenter mode")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Right"), QStringLiteral("Next event")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Left"), QStringLiteral("Previous event")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Up"), QStringLiteral("Replay faster")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Down"), QStringLiteral("Replay slower")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Home"), QStringLiteral("Go to the start")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("End"), QStringLiteral("Go to the end")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Space"), QStringLiteral("Run")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("1"), QStringLiteral("Run strategy 1")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("W"), QStringLiteral("Watch")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("Esc"), QStringLiteral("Leave presenter mode")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("C"), QStringLiteral("Compare")));
    EXPECT_TRUE(hasRow(rows, QStringLiteral("L"), QStringLiteral("Next lane grouping")));
    for (const KeyRow &row : rows) {
        EXPECT_FALSE(row.text.isEmpty()) << row.keys.toStdString();
        EXPECT_FALSE(row.where.isEmpty()) << row.keys.toStdString();
    }
}

TEST_F(PresenterModeTest, HelpKeysSaysTheStepKeysWorkOnlyInPresenterModeAndGroupsTheRows) {
    const auto rows = KeysDialog::keyRows(&m_window);
    const KeyRow *next = findRow(rows, QStringLiteral("Right"), QStringLiteral("Next event"));
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->group, KeyGroup::PresenterOnly);
    EXPECT_EQ(next->where, KeysDialog::whereText(KeyGroup::PresenterOnly));
    const KeyRow *run = findRow(rows, QStringLiteral("Space"), QStringLiteral("Run"));
    ASSERT_NE(run, nullptr);
    EXPECT_EQ(run->group, KeyGroup::Runs);
    EXPECT_NE(run->where, next->where);
    // Grouped: once a group's rows end, that group does not come back.
    for (std::size_t i = 1; i < rows.size(); ++i)
        EXPECT_LE(int(rows[i - 1].group), int(rows[i].group)) << rows[i].text.toStdString();
}

TEST_F(PresenterModeTest, DarkSlidesChangeOnlyTheColoursNotThePanes) {
    const bool codeShown = m_window.codePane()->isVisible();
    QTest::keyClick(&m_window, Qt::Key_D, Qt::ControlModifier);
    EXPECT_TRUE(m_window.presenter()->isDark());
    EXPECT_EQ(m_window.codePane()->isVisible(), codeShown) << "Ctrl+D showed or hid the code";
    EXPECT_TRUE(m_window.strategyList()->isVisible());
    m_window.presenter()->setActive(true);
    QTest::qWait(50);
    // Dark all over: the window's own surfaces (stats strip, tabs) take the slide's background.
    EXPECT_LT(m_window.statsPanel()->palette().color(QPalette::Window).lightness(), 60);
    m_window.presenter()->setActive(false);
    QTest::keyClick(&m_window, Qt::Key_D, Qt::ControlModifier);
    EXPECT_FALSE(m_window.presenter()->isDark());
    EXPECT_GT(m_window.statsPanel()->palette().color(QPalette::Window).lightness(), 120);
}

TEST_F(PresenterModeTest, EscapeLeavesPresenterMode) {
    m_window.presenter()->setActive(true);
    QTest::qWait(50);
    ASSERT_TRUE(m_window.presenter()->isActive());
    QTest::keyClick(&m_window, Qt::Key_Escape);
    EXPECT_FALSE(m_window.presenter()->isActive());
    EXPECT_TRUE(m_window.strategyList()->isVisible());
}

TEST_F(PresenterModeTest, PresenterModeHidesControlsAndShowsCodeAndCaption) {
    PresenterMode *presenter = m_window.presenter();
    presenter->setActive(true);
    QTest::qWait(50);
    EXPECT_TRUE(m_window.codePane()->isVisible());
    EXPECT_TRUE(m_window.caption()->isVisible());
    EXPECT_FALSE(m_window.strategyList()->isVisible());
    EXPECT_FALSE(m_window.replay()->isVisible());
    for (QAction *action : presenter->stepActions())
        EXPECT_TRUE(action->isEnabled());
    presenter->setActive(false);
    QTest::qWait(50);
    EXPECT_TRUE(m_window.strategyList()->isVisible());
    for (QAction *action : presenter->stepActions())
        EXPECT_FALSE(action->isEnabled()) << "outside presenter mode the keys stay with the lists";
}

TEST_F(PresenterModeTest, ArrowKeysStepTheReplayFromPhaseChangeToPhaseChange) {
    const reqlanes::Run run = runAndWait(QStringLiteral("async-semaphore"));
    ASSERT_EQ(run.okCount(), 6) << run.error.toStdString();
    PresenterMode *presenter = m_window.presenter();
    presenter->setActive(true);
    ReplayController *replay = m_window.replay();

    QTest::keyClick(&m_window, Qt::Key_Home);
    EXPECT_EQ(replay->position(), 0);
    QTest::keyClick(&m_window, Qt::Key_Right);
    const Nanos first = nextPhaseChange(run, 0);
    EXPECT_EQ(replay->position(), first);
    QTest::keyClick(&m_window, Qt::Key_Right);
    const Nanos second = nextPhaseChange(run, first);
    EXPECT_EQ(replay->position(), second);
    QTest::keyClick(&m_window, Qt::Key_Left);
    EXPECT_EQ(replay->position(), first);
    QTest::keyClick(&m_window, Qt::Key_End);
    EXPECT_EQ(replay->position(), run.elapsed);

    const double speed = replay->speed();
    QTest::keyClick(&m_window, Qt::Key_Up);
    EXPECT_GT(replay->speed(), speed);
    QTest::keyClick(&m_window, Qt::Key_Down);
    EXPECT_DOUBLE_EQ(replay->speed(), speed);

    // The caption explains the finished run: the semaphore held 4 of 6 back.
    EXPECT_TRUE(m_window.caption()->text().contains(QStringLiteral("The semaphore held 4 of 6")))
        << m_window.caption()->text().toStdString();
    presenter->setActive(false);
}

TEST_F(PresenterModeTest, SteppingALiveRunHoldsItAtAMomentWhileItGoesOn) {
    QSignalSpy finished(&m_window, &MainWindow::runFinished);
    PresenterMode *presenter = m_window.presenter();
    presenter->setActive(true);
    ASSERT_TRUE(m_window.runStrategy(QStringLiteral("async-semaphore")));
    // Wait until something has happened, then hold the run there.
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_window.session()->latest().finishedCount() >= 2; },
                                kRunTimeoutMs));
    if (m_window.session()->isRunning()) {
        presenter->playOrPause();
        const Nanos held = presenter->heldAt();
        EXPECT_NE(held, kUnset);
        presenter->stepPrevious();
        EXPECT_LT(presenter->heldAt(), held);
        EXPECT_EQ(m_window.timeline()->run().elapsed, presenter->heldAt())
            << "the timeline shows the held moment, not the live one";
    }
    ASSERT_TRUE(finished.count() > 0 || finished.wait(kRunTimeoutMs));
    EXPECT_EQ(presenter->heldAt(), kUnset) << "the finished run goes on in the replay";
    presenter->setActive(false);
}
