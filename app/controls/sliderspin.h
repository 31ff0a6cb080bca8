// A slider and a spin box showing one integer: drag for a feel, type for an exact number.
// The slider is logarithmic, so the small values a lesson starts with (N 9, 3 workers) are as
// easy to hit as the large ones (N 1000): a linear 1-1000 slider jumped 9 -> 47 in a 5-pixel
// drag. The spin box takes any exact value in range. Enter or Escape in the spin box leaves it
// (Escape restores the value), so the window's single-key shortcuts work again.
#pragma once

#include <QWidget>

class QSlider;
class QSpinBox;

namespace reqlanes {

class SliderSpin : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSliderSteps = 1000;

    SliderSpin(int minimum, int maximum, int value, const QString &suffix = {},
               QWidget *parent = nullptr);

    int value() const;
    void setValue(int value);
    void setMaximum(int maximum);
    int maximum() const;
    int minimum() const;
    QSlider *slider() const { return m_slider; }
    QSpinBox *spinBox() const { return m_spin; }

    // The logarithmic mapping between slider steps (0..kSliderSteps) and values, for the range
    // [minimum, maximum]: position(value) inverts valueAt(position) up to rounding.
    int valueAt(int position) const;
    int positionOf(int value) const;

signals:
    void valueChanged(int value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void placeSlider();

    QSlider *m_slider;
    QSpinBox *m_spin;
};

} // namespace reqlanes
