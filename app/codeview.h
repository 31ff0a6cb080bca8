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

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    friend class BadgeMargin;
    void paintMargin(QPaintEvent *event);
    void updateHighlights();
    void placeMargin();
    int marginWidth() const;

    QWidget *m_margin;
    std::vector<LineBadge> m_badges;
    bool m_dark = false;
};

} // namespace reqlanes
