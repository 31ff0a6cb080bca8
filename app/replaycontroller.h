// Replays a finished or loaded run in slow (or fast) motion: play/pause, a 0.25x-4x speed and a
// scrubber. It only computes "the run as it looked at time t" (truncateRun) and hands that to
// the timeline, so replay and live runs draw through the same path.
#pragma once

#include "model/run.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QSlider;
class QToolButton;

namespace reqlanes {

// The run as a live snapshot taken at `at` would have shown it: later phases unset, requests
// not done by then still pending, lane events after it dropped.
Run truncateRun(const Run &run, Nanos at);

class ReplayController : public QWidget {
    Q_OBJECT
public:
    static constexpr int kScrubberSteps = 1000;

    explicit ReplayController(QWidget *parent = nullptr);

    void setRun(const Run &run); // a finished run; stops any replay
    void clear();
    bool isPlaying() const { return m_timer.isActive(); }
    double speed() const;
    void setSpeed(double factor); // 0.25 .. 4
    Nanos position() const { return m_position; }

public slots:
    void play();
    void pause();
    void seek(Nanos at);

signals:
    void frame(const Run &run); // the run truncated at the current position
    void finishedPlaying(const Run &run);

private:
    void advance();
    void showPosition();

    Run m_run;
    Nanos m_position = 0;
    Nanos m_startPosition = 0;
    QElapsedTimer m_clock; // wall time since play(), so the speed holds however slow frames are
    QTimer m_timer;
    QToolButton *m_playButton;
    QComboBox *m_speed;
    QSlider *m_scrubber;
};

} // namespace reqlanes
