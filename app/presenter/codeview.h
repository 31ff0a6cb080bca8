// One snippet on screen: read-only, monospaced, highlighted lines where requests are, and a
// badge ("6 waiting") in a margin to the right of each marked line. The code pane owns two (C++
// and Python); the counts come from core (results/codelines).
#pragma once

#include <QPlainTextEdit>
#include <QString>

#include <vector>

namespace reqlanes {

struct LineBadge {
    int line = -1;       // 0-based
    QString text;        // "6 waiting"
    bool active = false; // requests are on this line now: highlight it
    bool operator==(const LineBadge &) const = default;
};

class CodeView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeView(QWidget *parent = nullptr);

    void setBadges(std::vector<LineBadge> badges);
    const std::vector<LineBadge> &badges() const { return m_badges; }
    void setDark(bool dark);
    void setPointSize(int points);
    // The width the view needs to show its longest line whole, badges and frame included, at its
    // current font (pixels).
    int wholeLinesWidth() const;
    // The width of the badges' margin at the right at the current font (pixels; 0 without
    // badges).
    int marginWidth() const;
    // Presenter mode wraps a line that still does not fit at the smallest size it allows, so
    // the whole of every line is on screen; at the desk lines stay whole and the view scrolls.
    void setWrapsLines(bool wraps);
    // The code font: DejaVu Sans Mono, with the CJK monospace face for what it lacks, so code and
    // Japanese comments stay in columns. Set as a whole family list: a widget's font inherits the
    // application's family list otherwise (the Japanese app font is proportional).
    static QFont codeFont(int points);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    friend class BadgeMargin;
    void paintMargin(QPaintEvent *event);
    void updateHighlights();
    void placeMargin();

    QWidget *m_margin;
    std::vector<LineBadge> m_badges;
    bool m_dark = false;
};

} // namespace reqlanes
