#include "sliderspin.h"

#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

namespace reqlanes {

SliderSpin::SliderSpin(int minimum, int maximum, int value, const QString &suffix, QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new QSpinBox(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    m_slider->setRange(minimum, maximum);
    m_spin->setRange(minimum, maximum);
    m_spin->setSuffix(suffix);
    m_spin->setKeyboardTracking(false); // typing "100" is one change, not three
    m_slider->setValue(value);
    m_spin->setValue(value);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        const QSignalBlocker block(m_spin);
        m_spin->setValue(v);
        emit valueChanged(v);
    });
    connect(m_spin, qOverload<int>(&QSpinBox::valueChanged), this, [this](int v) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(v);
        emit valueChanged(v);
    });
}

int SliderSpin::value() const {
    return m_spin->value();
}

void SliderSpin::setValue(int value) {
    m_spin->setValue(value); // forwards to the slider and emits once if it changed
}

void SliderSpin::setMaximum(int maximum) {
    const int before = value();
    {
        const QSignalBlocker blockSlider(m_slider);
        const QSignalBlocker blockSpin(m_spin);
        m_slider->setMaximum(maximum);
        m_spin->setMaximum(maximum);
    }
    if (value() != before)
        emit valueChanged(value());
}

int SliderSpin::maximum() const {
    return m_spin->maximum();
}

} // namespace reqlanes
