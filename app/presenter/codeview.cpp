#include "presenter/codeview.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>

#include <algorithm>
#include <cmath>

namespace reqlanes {

// The right-hand margin the badges are painted in, like Qt's line-number-area example.
class BadgeMargin : public QWidget {
public:
    explicit BadgeMargin(CodeView *view)
        : QWidget(view)
        , m_view(view) {}

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintMargin(event); }

private:
    CodeView *m_view;
};

CodeView::CodeView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_margin(new BadgeMargin(this)) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(codeFont(QFontDatabase::systemFont(QFontDatabase::FixedFont).pointSize()));
    setViewportMargins(0, 0, marginWidth(), 0);
    connect(this, &QPlainTextEdit::updateRequest, m_margin, [this] { m_margin->update(); });
}

void CodeView::setBadges(std::vector<LineBadge> badges) {
    if (badges == m_badges)
        return;
    m_badges = std::move(badges);
    setViewportMargins(0, 0, marginWidth(), 0);
    updateHighlights();
    m_margin->update();
}

void CodeView::setDark(bool dark) {
    m_dark = dark;
    QPalette palette = this->palette();
    palette.setColor(QPalette::Base, dark ? QColor(0x14, 0x14, 0x14) : Qt::white);
    palette.setColor(QPalette::Text, dark ? QColor(0xF2, 0xF2, 0xF2) : QColor(0x20, 0x20, 0x20));
    setPalette(palette);
    updateHighlights();
}

QFont CodeView::codeFont(int points) {
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Noto Sans Mono CJK JP")});
    font.setStyleHint(QFont::Monospace);
    font.setFixedPitch(true);
    font.setPointSize(std::max(1, points));
    return font;
}

void CodeView::setWrapsLines(bool wraps) {
    setLineWrapMode(wraps ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
}

int CodeView::wholeLinesWidth() const {
    int widest = 0;
    const QFontMetrics metrics(font());
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        widest = std::max(widest, metrics.horizontalAdvance(block.text()));
    const int documentMargins = 2 * int(std::ceil(document()->documentMargin()));
    const int frame = 2 * frameWidth();
    // The vertical scroll bar shows when the code is longer than the pane; count it always.
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    return widest + documentMargins + frame + marginWidth() + scrollBar +
           metrics.averageCharWidth();
}

void CodeView::setPointSize(int points) {
    setFont(codeFont(points));
    setViewportMargins(0, 0, marginWidth(), 0);
    placeMargin();
}

int CodeView::marginWidth() const {
    int widest = 0;
    for (const LineBadge &badge : m_badges)
        widest = std::max(widest, fontMetrics().horizontalAdvance(badge.text));
    return widest > 0 ? widest + fontMetrics().height() : 0;
}

void CodeView::resizeEvent(QResizeEvent *event) {
    QPlainTextEdit::resizeEvent(event);
    placeMargin();
}

void CodeView::placeMargin() {
    const QRect area = contentsRect();
    const int width = marginWidth();
    m_margin->setGeometry(area.right() - width + 1, area.top(), width, area.height());
}

void CodeView::updateHighlights() {
    // The Okabe-Ito orange of the server queue, faint: "requests are here now".
    const QColor active = m_dark ? QColor(0x5A, 0x40, 0x00) : QColor(0xFF, 0xE7, 0xB0);
    QList<QTextEdit::ExtraSelection> selections;
    for (const LineBadge &badge : m_badges) {
        if (!badge.active)
            continue;
        const QTextBlock block = document()->findBlockByNumber(badge.line);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(active);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(block);
        selections << selection;
    }
    setExtraSelections(selections);
    placeMargin();
}

void CodeView::paintMargin(QPaintEvent *) {
    QPainter painter(m_margin);
    painter.fillRect(m_margin->rect(), palette().color(QPalette::Base));
    painter.setFont(font());
    const QColor activeText = m_dark ? QColor(0xFF, 0xC8, 0x50) : QColor(0x90, 0x50, 0x00);
    const QColor idleText = m_dark ? QColor(0x80, 0x80, 0x80) : QColor(0xA0, 0xA0, 0xA0);
    for (const LineBadge &badge : m_badges) {
        const QTextBlock block = document()->findBlockByNumber(badge.line);
        if (!block.isValid() || !block.isVisible())
            continue;
        const QRectF box = blockBoundingGeometry(block).translated(contentOffset());
        if (box.bottom() < 0 || box.top() > m_margin->height())
            continue;
        QFont font = painter.font();
        font.setBold(badge.active);
        painter.setFont(font);
        painter.setPen(badge.active ? activeText : idleText);
        painter.drawText(
            QRectF(fontMetrics().height() / 2.0, box.top(), m_margin->width(), box.height()),
            Qt::AlignLeft | Qt::AlignVCenter, badge.text);
    }
}

} // namespace reqlanes
