// The caption under the timeline: the run's most important findings in plain words (from core's
// results/findings), or a text of the user's own. Also puts the same caption under an exported
// picture (`reqlanes --export … --caption auto|none|TEXT`).
#pragma once

#include "model/run.h"
#include "results/findings.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QString>

class QCustomPlot;

namespace reqlanes {

struct Theme;

class FindingsCaption : public QLabel {
    Q_OBJECT
public:
    static constexpr int kShownFindings = 3;
    static constexpr int kLiveUpdateMs = 250;
    static constexpr int kThrottleAboveRequests = 2000;

    explicit FindingsCaption(QWidget *parent = nullptr);

    // liveTick: one of a live run's ~60 Hz snapshots, shown at most every kLiveUpdateMs.
    void showRun(const Run &run, bool liveTick = false);
    // Findings already explained (the window's shared RunAnalysis, which also decides how often
    // a big live run's are refreshed).
    void showFindings(const std::vector<Finding> &findings);
    // Replaces the findings with the user's text; an empty text brings the findings back.
    void setCustomText(const QString &text);
    QString customText() const { return m_customText; }
    // The desk's size (`points` 0) or presenter mode's at `points`, light or dark.
    void setPresenterStyle(int points, bool dark);

    // The first `count` findings of `run`, one per line: what the caption shows and exports use.
    static QString findingsText(const Run &run, int count = kShownFindings);
    static QString findingsText(const std::vector<Finding> &findings, int count = kShownFindings);
    // Adds `text` as a wrapped line under everything on `plot`, in the theme's caption font.
    static void addToPlot(QCustomPlot *plot, const QString &text, const Theme &theme);

private:
    QString m_customText;
    QString m_findings;
    QElapsedTimer m_lastUpdate; // of a live run's findings
};

} // namespace reqlanes
