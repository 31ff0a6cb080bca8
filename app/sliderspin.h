// A slider and a spin box showing one integer: drag for a feel, type for an exact number.
#pragma once

#include <QWidget>

class QSlider;
class QSpinBox;

namespace reqlanes {

class SliderSpin : public QWidget {
    Q_OBJECT
public:
    SliderSpin(int minimum, int maximum, int value, const QString &suffix = {},
               QWidget *parent = nullptr);

    int value() const;
    void setValue(int value);
    void setMaximum(int maximum);
    int maximum() const;
    QSlider *slider() const { return m_slider; }
    QSpinBox *spinBox() const { return m_spin; }

signals:
    void valueChanged(int value);

private:
    QSlider *m_slider;
    QSpinBox *m_spin;
};

} // namespace reqlanes
