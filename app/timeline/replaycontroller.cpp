#include "timeline/replaycontroller.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace reqlanes {

ReplayController::ReplayController(QWidget *parent)
    : QWidget(parent)
    , m_playButton(new QToolButton(this))
    , m_speed(new QComboBox(this))
    , m_scrubber(new QSlider(Qt::Horizontal, this)) {
    setObjectName(QStringLiteral("replay"));
    m_playButton->setToolTip(keysHelp());
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    for (double factor : {0.25, 0.5, 1.0, 2.0, 4.0})
        m_speed->addItem(QStringLiteral("%1×").arg(factor), factor);
    m_speed->setCurrentIndex(1); // slow motion is what replay is for
    m_speed->setToolTip(tr("Replay speed ([ slower, ] faster)"));
    m_scrubber->setRange(0, kScrubberSteps);
    m_scrubber->setToolTip(tr("Drag to see the run at any moment (, and . step)"));

    // Window-wide keys: they work wherever the focus is, except in a text field, which keeps its
    // typing (a settings field hands the keys back on Enter or Escape).
    // Each has a text, so Help → Keys lists it.
    const auto addKey = [this](const QKeySequence &key, void (ReplayController::*slot)(),
                               const QString &text) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addKey(QKeySequence(Qt::Key_P), &ReplayController::togglePlay, tr("Replay: play or pause"));
    addKey(QKeySequence(Qt::Key_Period), &ReplayController::stepForward,
           tr("Replay: step forward"));
    addKey(QKeySequence(Qt::Key_Comma), &ReplayController::stepBack, tr("Replay: step back"));
    addKey(QKeySequence(Qt::Key_BracketRight), &ReplayController::faster, tr("Replay: faster"));
    addKey(QKeySequence(Qt::Key_BracketLeft), &ReplayController::slower, tr("Replay: slower"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Replay"), this);
    label->setToolTip(keysHelp());
    layout->addWidget(label);
    layout->addWidget(m_playButton);
    layout->addWidget(m_speed);
    layout->addWidget(m_scrubber, 1);

    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &ReplayController::advance);
    connect(m_playButton, &QToolButton::clicked, this, &ReplayController::togglePlay);
    connect(m_speed, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        if (isPlaying())
            play(); // restart the clock from here at the new speed
    });
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int step) {
        pause();
        seek(m_run.elapsed * step / kScrubberSteps);
    });
    setEnabled(false);
}

QString ReplayController::keysHelp() {
    return tr("Replay keys: P play/pause · , and . step back/forward · [ and ] slower/faster");
}

void ReplayController::togglePlay() {
    isPlaying() ? pause() : play();
}

void ReplayController::stepForward() {
    step(1);
}

void ReplayController::stepBack() {
    step(-1);
}

void ReplayController::step(int direction) {
    if (m_run.elapsed <= 0)
        return;
    pause();
    seek(m_position + direction * m_run.elapsed * kStepsPerKey / kScrubberSteps);
}

void ReplayController::faster() {
    m_speed->setCurrentIndex(std::min(m_speed->count() - 1, m_speed->currentIndex() + 1));
}

void ReplayController::slower() {
    m_speed->setCurrentIndex(std::max(0, m_speed->currentIndex() - 1));
}

void ReplayController::setRun(const Run &run) {
    pause();
    m_run = run;
    m_position = run.elapsed;
    setEnabled(run.finished && run.elapsed > 0);
    const QSignalBlocker block(m_scrubber);
    m_scrubber->setValue(kScrubberSteps);
}

void ReplayController::clear() {
    setRun(Run());
}

double ReplayController::speed() const {
    return m_speed->currentData().toDouble();
}

void ReplayController::setSpeed(double factor) {
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - factor) <
            std::abs(m_speed->itemData(best).toDouble() - factor))
            best = i;
    m_speed->setCurrentIndex(best);
}

void ReplayController::play() {
    if (m_run.elapsed <= 0)
        return;
    if (m_position >= m_run.elapsed)
        m_position = 0;
    m_startPosition = m_position;
    m_clock.start();
    m_timer.start();
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    showPosition();
}

void ReplayController::pause() {
    m_timer.stop();
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
}

void ReplayController::seek(Nanos at) {
    m_position = std::clamp<Nanos>(at, 0, m_run.elapsed);
    showPosition();
}

void ReplayController::advance() {
    const auto played = Nanos(double(m_clock.nsecsElapsed()) * speed());
    m_position = std::min(m_run.elapsed, m_startPosition + played);
    showPosition();
    if (m_position >= m_run.elapsed) {
        pause();
        emit finishedPlaying(m_run);
    }
}

void ReplayController::showPosition() {
    {
        const QSignalBlocker block(m_scrubber);
        m_scrubber->setValue(m_run.elapsed > 0 ? int(m_position * kScrubberSteps / m_run.elapsed)
                                               : 0);
    }
    emit frame(truncateRun(m_run, m_position), m_run);
}

} // namespace reqlanes
