#include "controls/sliderspin.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace reqlanes {

SliderSpin::SliderSpin(int minimum, int maximum, int value, const QString &suffix, QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new QSpinBox(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    m_slider->setRange(0, kSliderSteps);
    m_slider->setPageStep(kSliderSteps / 20);
    m_spin->setRange(minimum, maximum);
    m_spin->setSuffix(suffix);
    m_spin->setKeyboardTracking(false); // typing "100" is one change, not three
    m_spin->setValue(value);
    m_spin->installEventFilter(this);
    placeSlider();
    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        const int v = valueAt(position);
        if (v == m_spin->value())
            return;
        const QSignalBlocker block(m_spin);
        m_spin->setValue(v);
        emit valueChanged(m_spin->value());
    });
    // Arrow keys and wheel notches move the value by one, as a linear slider's would: one of a
    // thousand logarithmic steps is less than one at small values and several at large ones.
    connect(m_slider, &QSlider::actionTriggered, this, [this](int action) {
        const int direction = action == QAbstractSlider::SliderSingleStepAdd   ? 1
                              : action == QAbstractSlider::SliderSingleStepSub ? -1
                                                                               : 0;
        if (direction == 0)
            return;
        const int current = m_spin->value();
        const int from = positionOf(current);
        int to = positionOf(current + direction);
        if (to == from)
            to = from + direction;
        m_slider->setSliderPosition(std::clamp(to, 0, kSliderSteps));
    });
    connect(m_spin, qOverload<int>(&QSpinBox::valueChanged), this, [this](int v) {
        placeSlider();
        emit valueChanged(v);
    });
}

// value = minimum + e^(t ln(1 + span)) - 1 for t = position / steps: equal slider distances are
// equal ratios of (1 + value - minimum), so 1 -> 10 takes as long a drag as 100 -> 1000.
int SliderSpin::valueAt(int position) const {
    const int span = m_spin->maximum() - m_spin->minimum();
    const double t = double(std::clamp(position, 0, kSliderSteps)) / kSliderSteps;
    const double offset = std::expm1(t * std::log1p(double(span)));
    return m_spin->minimum() + std::clamp(int(std::lround(offset)), 0, span);
}

int SliderSpin::positionOf(int value) const {
    const int span = m_spin->maximum() - m_spin->minimum();
    if (span <= 0)
        return kSliderSteps;
    const double offset = std::clamp(value - m_spin->minimum(), 0, span);
    return int(std::lround(std::log1p(offset) / std::log1p(double(span)) * kSliderSteps));
}

void SliderSpin::placeSlider() {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(positionOf(m_spin->value()));
}

int SliderSpin::value() const {
    return m_spin->value();
}

void SliderSpin::setValue(int value) {
    m_spin->setValue(value); // moves the slider and emits once if it changed
}

void SliderSpin::setMaximum(int maximum) {
    const int before = value();
    {
        const QSignalBlocker blockSpin(m_spin);
        m_spin->setMaximum(maximum);
    }
    placeSlider(); // the same value sits elsewhere on a new range
    if (value() != before)
        emit valueChanged(value());
}

int SliderSpin::maximum() const {
    return m_spin->maximum();
}

int SliderSpin::minimum() const {
    return m_spin->minimum();
}

// A focused spin box takes digits and Space as text, so the window's keys 1-8 and Space are
// swallowed while it has focus: Enter (commit) and Escape (revert) hand the keyboard back.
bool SliderSpin::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_spin && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            m_spin->interpretText();
            m_spin->clearFocus();
            return true;
        }
        if (key == Qt::Key_Escape) {
            m_spin->setValue(m_spin->value()); // puts the current value back in the text
            m_spin->clearFocus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace reqlanes
