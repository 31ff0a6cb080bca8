#include "presenter/presentermode.h"

#include "keysdialog.h"
#include "results/phasesteps.h"
#include "runsession.h"
#include "timeline/replaycontroller.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QWidget>

#include <algorithm>

namespace reqlanes {

namespace {

constexpr double kSlowest = 0.25;
constexpr double kFastest = 4;

} // namespace

PresenterMode::PresenterMode(QWidget *window, RunSession *session, ReplayController *replay,
                             std::function<const Run &()> shownRun)
    : QObject(window)
    , m_window(window)
    , m_session(session)
    , m_replay(replay)
    , m_shownRun(std::move(shownRun)) {
    m_pointerIdle.setSingleShot(true);
    m_pointerIdle.setInterval(kPointerIdleMs);
    connect(&m_pointerIdle, &QTimer::timeout, this, &PresenterMode::hidePointer);
    buildActions();
}

PresenterMode::~PresenterMode() {
    showPointer();
}

void PresenterMode::buildActions() {
    m_toggle = new QAction(tr("Presenter mode"), m_window);
    m_toggle->setCheckable(true);
    m_toggle->setShortcuts({QKeySequence(Qt::Key_F11), QKeySequence(Qt::Key_F5)});
    m_toggle->setToolTip(tr("Full screen with large type, the code and the caption (F11 or F5)"));
    connect(m_toggle, &QAction::toggled, this, &PresenterMode::setActive);
    setKeyGroup(m_toggle, KeyGroup::View);
    // Esc is how full-screen things are left everywhere else; only while presenting, so Esc
    // still closes dialogs and menus the rest of the time.
    m_leave = new QAction(tr("Leave presenter mode"), m_window);
    m_leave->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leave->setEnabled(false);
    connect(m_leave, &QAction::triggered, this, [this] { setActive(false); });
    setKeyGroup(m_leave, KeyGroup::PresenterOnly);
    m_darkAction = new QAction(tr("Dark slides"), m_window);
    m_darkAction->setCheckable(true);
    m_darkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(m_darkAction, &QAction::toggled, this, &PresenterMode::setDark);
    setKeyGroup(m_darkAction, KeyGroup::View);

    const struct {
        const char *text;
        QKeySequence key;
        void (PresenterMode::*slot)();
    } steps[] = {
        {QT_TR_NOOP("Next event (the next phase change of any request)"),
         QKeySequence(Qt::Key_Right), &PresenterMode::stepNext},
        {QT_TR_NOOP("Previous event"), QKeySequence(Qt::Key_Left), &PresenterMode::stepPrevious},
        {QT_TR_NOOP("Replay faster"), QKeySequence(Qt::Key_Up), &PresenterMode::faster},
        {QT_TR_NOOP("Replay slower"), QKeySequence(Qt::Key_Down), &PresenterMode::slower},
        {QT_TR_NOOP("Go to the start of the run"), QKeySequence(Qt::Key_Home),
         &PresenterMode::toStart},
        {QT_TR_NOOP("Go to the end, or follow the live run again"), QKeySequence(Qt::Key_End),
         &PresenterMode::toEnd},
        {QT_TR_NOOP("Play or pause the replay"), QKeySequence(Qt::Key_P),
         &PresenterMode::playOrPause},
    };
    for (const auto &step : steps) {
        auto *action = new QAction(tr(step.text), m_window);
        action->setShortcut(step.key);
        // Only in presenter mode: elsewhere these keys belong to the lists and sliders.
        action->setEnabled(false);
        connect(action, &QAction::triggered, this, step.slot);
        setKeyGroup(action, KeyGroup::PresenterOnly);
        m_stepActions << action;
    }
    // On the window itself, so the keys work while the menus are hidden.
    m_window->addAction(m_toggle);
    m_window->addAction(m_darkAction);
    m_window->addAction(m_leave);
    m_window->addActions(m_stepActions);
}

void PresenterMode::setActive(bool active) {
    if (active == m_active)
        return;
    m_active = active;
    m_toggle->setChecked(active);
    for (QAction *action : m_stepActions)
        action->setEnabled(active);
    m_leave->setEnabled(active);
    if (active) {
        m_wasMaximized = m_window->isMaximized();
        m_window->showFullScreen();
        qApp->installEventFilter(this);
        m_pointerIdle.start();
    } else {
        qApp->removeEventFilter(this);
        m_pointerIdle.stop();
        showPointer();
        release();
        if (m_wasMaximized)
            m_window->showMaximized();
        else
            m_window->showNormal();
    }
    emit activeChanged(active);
}

void PresenterMode::setDark(bool dark) {
    if (dark == m_dark)
        return;
    m_dark = dark;
    m_darkAction->setChecked(dark);
    emit darkChanged(dark);
}

void PresenterMode::release() {
    if (m_heldAt == kUnset)
        return;
    m_heldAt = kUnset;
    emit heldChanged();
}

bool PresenterMode::liveRunShown() const {
    return m_session->isRunning();
}

void PresenterMode::step(bool forward) {
    if (liveRunShown()) {
        const Run run = m_session->latest();
        const Nanos from = m_heldAt == kUnset ? run.elapsed : m_heldAt;
        const Nanos to = forward ? nextPhaseChange(run, from) : previousPhaseChange(run, from);
        // Forward never passes what has happened yet.
        if (to == kUnset || to > run.elapsed)
            return;
        m_heldAt = to;
        emit heldChanged();
        return;
    }
    const Run &run = m_shownRun();
    m_replay->pause();
    const Nanos to = forward ? nextPhaseChange(run, m_replay->position())
                             : previousPhaseChange(run, m_replay->position());
    if (to != kUnset)
        m_replay->seek(to);
}

void PresenterMode::stepNext() {
    step(true);
}

void PresenterMode::stepPrevious() {
    step(false);
}

void PresenterMode::toStart() {
    if (liveRunShown()) {
        m_heldAt = 0;
        emit heldChanged();
        return;
    }
    m_replay->pause();
    m_replay->seek(0);
}

void PresenterMode::toEnd() {
    if (liveRunShown()) {
        release();
        return;
    }
    m_replay->pause();
    m_replay->seek(m_shownRun().elapsed);
}

void PresenterMode::faster() {
    m_replay->setSpeed(std::min(kFastest, m_replay->speed() * 2));
}

void PresenterMode::slower() {
    m_replay->setSpeed(std::max(kSlowest, m_replay->speed() / 2));
}

void PresenterMode::playOrPause() {
    if (liveRunShown()) {
        if (m_heldAt == kUnset) {
            m_heldAt = m_session->latest().elapsed;
            emit heldChanged();
        } else {
            release();
        }
        return;
    }
    if (m_replay->isPlaying())
        m_replay->pause();
    else
        m_replay->play();
}

bool PresenterMode::eventFilter(QObject *watched, QEvent *event) {
    if (event->type() == QEvent::MouseMove) {
        showPointer();
        m_pointerIdle.start();
    }
    return QObject::eventFilter(watched, event);
}

void PresenterMode::hidePointer() {
    if (m_pointerHidden || !m_active)
        return;
    QApplication::setOverrideCursor(Qt::BlankCursor);
    m_pointerHidden = true;
}

void PresenterMode::showPointer() {
    if (!m_pointerHidden)
        return;
    QApplication::restoreOverrideCursor();
    m_pointerHidden = false;
}

} // namespace reqlanes
