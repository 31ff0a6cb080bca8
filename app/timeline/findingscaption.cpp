#include "timeline/findingscaption.h"

#include "results/findings.h"
#include "style/theme.h"

#include <qcustomplot.h>

namespace reqlanes {

namespace {

constexpr int kScreenPoints = 10;

} // namespace

FindingsCaption::FindingsCaption(QWidget *parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("findingsCaption"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setMargin(6);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps to the width it is given: its longest line must not set the window's minimum width.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setPresenterStyle(0, false);
}

QString FindingsCaption::findingsText(const Run &run, int count) {
    return findingsText(explainRun(run), count);
}

QString FindingsCaption::findingsText(const std::vector<Finding> &findings, int count) {
    QStringList lines;
    for (const Finding &finding : findings) {
        if (int(lines.size()) == count)
            break;
        lines << finding.text;
    }
    return lines.join(QLatin1Char('\n'));
}

void FindingsCaption::showRun(const Run &run, bool liveTick) {
    // Live snapshots arrive at ~60 Hz. Explaining a 100k-request run every frame would cost the
    // frame, so big runs update 4 times a second; small ones (every lesson scenario) each frame,
    // so the caption never lags the plot above it.
    if (liveTick && int(run.requests.size()) > kThrottleAboveRequests && m_lastUpdate.isValid() &&
        m_lastUpdate.elapsed() < kLiveUpdateMs)
        return;
    m_lastUpdate.start();
    m_findings = run.requests.empty() ? QString() : findingsText(run);
    setText(m_customText.isEmpty() ? m_findings : m_customText);
}

void FindingsCaption::showFindings(const std::vector<Finding> &findings) {
    m_findings = findingsText(findings);
    setText(m_customText.isEmpty() ? m_findings : m_customText);
}

void FindingsCaption::setCustomText(const QString &text) {
    m_customText = text.trimmed();
    setText(m_customText.isEmpty() ? m_findings : m_customText);
}

void FindingsCaption::setPresenterStyle(int points, bool dark) {
    QFont font = this->font();
    font.setPointSize(points > 0 ? points : kScreenPoints);
    setFont(font);
    setStyleSheet(dark ? QStringLiteral("background: #141414; color: #f2f2f2;")
                       : QStringLiteral("background: white; color: #202020;"));
}

void FindingsCaption::addToPlot(QCustomPlot *plot, const QString &text, const Theme &theme) {
    if (text.trimmed().isEmpty())
        return;
    auto *element = new QCPTextElement(plot, text, theme.captionFont);
    element->setTextColor(theme.text);
    element->setTextFlags(Qt::AlignLeft | Qt::TextWordWrap);
    element->setMargins(QMargins(24, 6, 24, 12));
    plot->plotLayout()->insertRow(plot->plotLayout()->rowCount());
    plot->plotLayout()->addElement(plot->plotLayout()->rowCount() - 1, 0, element);
}

} // namespace reqlanes
