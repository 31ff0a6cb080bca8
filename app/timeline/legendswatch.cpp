#include "timeline/legendswatch.h"

namespace reqlanes {

LegendSwatch::LegendSwatch(QCPLegend *legend, const QString &text, Shape shape, const QBrush &fill,
                           const QPen &outline)
    : QCPAbstractLegendItem(legend)
    , m_text(text)
    , m_shape(shape)
    , m_fill(fill)
    , m_outline(outline) {
    setAntialiased(true);
    setSelectable(false);
    // Room for descenders: an entry exactly one line high loses the tail of its "g" to the clip.
    setMargins(QMargins(0, 2, 0, 2));
}

void LegendSwatch::setStyle(const QBrush &fill, const QPen &outline) {
    m_fill = fill;
    m_outline = outline;
}

void LegendSwatch::draw(QCPPainter *painter) {
    const QSize iconSize = mParentLegend->iconSize();
    const QRectF icon(mRect.left(), mRect.top() + (mRect.height() - iconSize.height()) / 2.0,
                      iconSize.width(), iconSize.height());
    if (m_shape == Shape::Box) {
        painter->setPen(Qt::NoPen);
        if (m_fill.style() != Qt::SolidPattern)
            painter->fillRect(icon, Qt::white);
        painter->fillRect(icon, m_fill);
        painter->setPen(m_outline);
        painter->setBrush(Qt::NoBrush);
        if (m_outline.style() != Qt::NoPen) {
            const double inset = m_outline.widthF() / 2;
            painter->drawRect(icon.adjusted(inset, inset, -inset, -inset));
        }
    } else {
        painter->setPen(m_outline);
        painter->drawLine(QPointF(icon.left(), icon.center().y()),
                          QPointF(icon.right(), icon.center().y()));
    }
    painter->setFont(mFont);
    painter->setPen(mTextColor);
    const QRectF text(icon.right() + mParentLegend->iconTextPadding(), mRect.top(),
                      mRect.right() - icon.right(), mRect.height());
    painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter, m_text);
}

QSize LegendSwatch::minimumOuterSizeHint() const {
    const QFontMetrics metrics(mFont);
    const QSize iconSize = mParentLegend->iconSize();
    const QSize textSize = metrics.size(Qt::TextSingleLine, m_text);
    return {iconSize.width() + mParentLegend->iconTextPadding() + textSize.width() +
                mMargins.left() + mMargins.right(),
            std::max(iconSize.height(), textSize.height()) + mMargins.top() + mMargins.bottom()};
}

} // namespace reqlanes
