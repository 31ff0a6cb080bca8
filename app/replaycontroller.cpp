#include "replaycontroller.h"

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

Run truncateRun(const Run &run, Nanos at) {
    if (run.finished && at >= run.elapsed)
        return run;
    Run out = run;
    out.elapsed = std::clamp<Nanos>(at, 0, run.elapsed);
    out.finished = false;
    out.cancelled = false;
    for (RequestRecord &record : out.requests) {
        for (Nanos &phase : record.at)
            if (phase != kUnset && phase > out.elapsed)
                phase = kUnset;
        if (!record.has(Phase::Done)) {
            record.status = RequestStatus::Pending;
            record.httpStatus = 0;
            record.error.clear();
        }
    }
    std::erase_if(out.laneEvents, [&](const LaneEvent &event) { return event.at > out.elapsed; });
    return out;
}

ReplayController::ReplayController(QWidget *parent)
    : QWidget(parent)
    , m_playButton(new QToolButton(this))
    , m_speed(new QComboBox(this))
    , m_scrubber(new QSlider(Qt::Horizontal, this)) {
    setObjectName(QStringLiteral("replay"));
    m_playButton->setToolTip(QStringLiteral("Replay the run"));
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    for (double factor : {0.25, 0.5, 1.0, 2.0, 4.0})
        m_speed->addItem(QStringLiteral("%1×").arg(factor), factor);
    m_speed->setCurrentIndex(1); // slow motion is what replay is for
    m_speed->setToolTip(QStringLiteral("Replay speed"));
    m_scrubber->setRange(0, kScrubberSteps);
    m_scrubber->setToolTip(QStringLiteral("Drag to see the run at any moment"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(QStringLiteral("Replay"), this));
    layout->addWidget(m_playButton);
    layout->addWidget(m_speed);
    layout->addWidget(m_scrubber, 1);

    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &ReplayController::advance);
    connect(m_playButton, &QToolButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
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
    emit frame(truncateRun(m_run, m_position));
}

} // namespace reqlanes
