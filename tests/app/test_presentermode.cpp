// Presenter mode: the keys are listed in Help → Keys (read from the actions), stepping moves the
// replay to the next / previous phase change of any request, and the mode hides the controls and
// shows the code pane and caption.
#include "apptestenvironment.h"
#include "codepane.h"
#include "controlspanel.h"
#include "findingscaption.h"
#include "keysdialog.h"
#include "mainwindow.h"
#include "presentermode.h"
#include "replaycontroller.h"
#include "results/phasesteps.h"
#include "strategylist.h"
#include "timelineplot.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

constexpr int kRunTimeoutMs = 20000;

class PresenterModeTest : public ::testing::Test {
protected:
    void SetUp() override {
        Scenario scenario;
        scenario.n = 6;
        scenario.limit = 2;
        scenario.timeoutMs = 10000;
        scenario.server.workers = 3;
        scenario.server.latencyMs = 150;
        m_window.controls()->setScenario(scenario);
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

bool hasRow(const std::vector<std::pair<QString, QString>> &rows, const QString &keys,
            const QString &textStart) {
    for (const auto &[rowKeys, text] : rows)
        if (rowKeys == keys && text.startsWith(textStart))
            return true;
    return false;
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
    for (const auto &[keys, text] : rows)
        EXPECT_FALSE(text.isEmpty()) << keys.toStdString();
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
    QDeadlineTimer deadline(kRunTimeoutMs);
    while (m_window.session()->latest().finishedCount() < 2 && !deadline.hasExpired())
        QTest::qWait(10);
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
