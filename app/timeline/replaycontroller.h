// Replays a finished or loaded run in slow (or fast) motion: play/pause, a 0.25x-4x speed and a
// scrubber, and keys for them (keysHelp()). It only asks core for "the run as it looked at time
// t" (truncateRun, model/run.h) and hands that to the timeline with the whole run, so the
// timeline keeps the whole run's axis and says where the replay is.
#pragma once

#include "model/run.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QSlider;
class QToolButton;

namespace reqlanes {

class ReplayController : public QWidget {
    Q_OBJECT
public:
    static constexpr int kScrubberSteps = 1000;
    static constexpr int kStepsPerKey = 10; // a step key moves 1 % of the run

    // The replay keys in words, for tooltips and the status bar.
    static QString keysHelp();

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
    void togglePlay();
    void stepForward();
    void stepBack();
    void faster();
    void slower();

signals:
    // `run` truncated at the current position, and the whole run it comes from.
    void frame(const Run &run, const Run &whole);
    void finishedPlaying(const Run &run);

private:
    void advance();
    void showPosition();
    void step(int direction);

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
