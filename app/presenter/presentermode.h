// Presenter mode: the window full screen with its controls hidden, large type, the code pane and
// the caption on, a light or a dark slide theme, and the mouse pointer hidden while it rests. Its
// keys step through a run one event at a time (← / →: the previous / next phase change of any
// request, from core's results/phasesteps), change the replay speed (↑ / ↓) and jump to the
// start or the end (Home / End); Esc leaves it. A live run is held at the moment shown while it
// goes on behind; a finished run is stepped through the ReplayController's seek().
#pragma once

#include "model/run.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QAction;
class QWidget;

namespace reqlanes {

class ReplayController;
class RunSession;

class PresenterMode : public QObject {
    Q_OBJECT
public:
    static constexpr int kPointerIdleMs = 2000;

    // `window` goes full screen and takes the keys; `session` is the run in progress, `replay`
    // the finished one's, `shownRun` the run on screen (finished or loaded). All outlive this.
    PresenterMode(QWidget *window, RunSession *session, ReplayController *replay,
                  std::function<const Run &()> shownRun);
    ~PresenterMode() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    bool isDark() const { return m_dark; }
    void setDark(bool dark);

    // A live run held at a moment by stepping; kUnset while following the run.
    Nanos heldAt() const { return m_heldAt; }
    void release(); // follow the live run again

    void stepNext();
    void stepPrevious();
    void toStart();
    void toEnd();
    void faster();
    void slower();
    void playOrPause();

    QAction *toggleAction() const { return m_toggle; }
    QAction *darkAction() const { return m_darkAction; }
    QAction *leaveAction() const { return m_leave; }
    QList<QAction *> stepActions() const { return m_stepActions; }

signals:
    void activeChanged(bool active);
    // Dark slides turned on or off: only the colours change, in or out of presenter mode.
    void darkChanged(bool dark);
    void heldChanged(); // the held moment of a live run moved, or the run was released

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void step(bool forward);
    void hidePointer();
    void showPointer();
    bool liveRunShown() const;

    QWidget *m_window;
    RunSession *m_session;
    ReplayController *m_replay;
    std::function<const Run &()> m_shownRun;
    bool m_active = false;
    bool m_dark = false;
    bool m_pointerHidden = false;
    bool m_wasMaximized = false;
    Nanos m_heldAt = kUnset;
    QTimer m_pointerIdle;
    QAction *m_toggle = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_leave = nullptr;
    QList<QAction *> m_stepActions;
};

} // namespace reqlanes
