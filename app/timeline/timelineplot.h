// The timeline: lanes over time with every request's phases (one SpanPlottable), a legend, lane
// labels, the ideal-makespan marker and, while live, a "now" line the view follows; under it the
// concurrency strip on the same time axis. Feed it Run snapshots (analysed by a RunAnalyzer of its
// own) or the window's shared RunAnalysis; it never touches the network. The same class renders
// exports and comparison rows, so what is exported is what is seen.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "results/runanalysis.h"
#include "style/theme.h"
#include "timeline/timelinelegend.h"
#include "view/timelineviewstate.h"

#include <qcustomplot.h>

#include <QElapsedTimer>

#include <memory>

namespace reqlanes {

class ConcurrencyRect;
class LaneTicker;
class SpanPlottable;

class TimelinePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit TimelinePlot(QWidget *parent = nullptr);
    ~TimelinePlot() override;

    void setRun(const Run &run); // a live snapshot or a finished run
    // What another's RunAnalyzer made of a snapshot (the window's, shared with the other views):
    // drawn without a copy. Call again each time that analyzer updated it.
    void showAnalysis(const std::shared_ptr<const RunAnalysis> &analysis);
    const Run &run() const { return m_analysis->run; }
    void clearRun(const QString &placeholder);

    void setGrouping(LaneGrouping grouping);
    LaneGrouping grouping() const { return m_grouping; }
    void setTheme(const Theme &theme);
    const Theme &theme() const { return m_theme; }

    // A replay frame (`frame`, truncated from `whole` by ReplayController): the axis stays on the
    // whole run and the title says "replay 1.2 s of 3.0 s". The whole run itself ends the replay.
    void showReplayFrame(const Run &frame, const Run &whole);
    bool showsReplay() const { return m_replay.active; }

    // While a run is live the time axis follows "now" until the user pans or zooms; the rules
    // live in TimelineViewState, the plot draws what it answers.
    bool followsLive() const { return m_view.followsLive(); }
    // Whether the ideal-makespan marker is drawn: for a live run and a complete one, not for a
    // stopped or failed run, which did other work than the ideal assumes.
    bool showsIdeal() const;
    void showWholeRun(); // back to the whole run on both axes; follow again if live
    void setTimeRange(const QCPRange &seconds);
    QCPRange timeRange() const;
    QCPRange laneRange() const;
    const TimelineViewState &viewState() const { return m_view; }
    // Shows what `other` shows: its zoom on both axes (or the whole run) and its replay moment.
    // Exports use it, so a picture is the view on screen. Call after setRun.
    void copyViewFrom(const TimelinePlot &other);
    QString title() const; // the whole title, before it is broken into lines

    // Lay out legend wrap and lane-label density for a size (the widget's, or an export's).
    void layoutFor(const QSize &size);

    int laneCount() const;
    std::size_t spanCount() const;
    int barCount() const; // requests drawn
    const SpanPlottable *spanPlottable() const { return m_spans; }
    QString message() const; // what the plot says besides bars: a problem or a placeholder
    // Small: QCustomPlot asks for its layout's whole minimum (a one-row legend in slide type was
    // 650 px), which pushed the window past a 1024-pixel screen. The plot lays itself out, the
    // legend wrapped, in the size it gets.
    QSize minimumSizeHint() const override { return {240, 200}; }

signals:
    void followChanged(bool following);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildLayout();
    void show(const std::shared_ptr<const RunAnalysis> &analysis, bool newRun);
    void rebuildSpans();
    void rebuildLegend();
    void updateMarkers();
    void showProblemRow(bool show);
    void updateTitle();
    void wrapTexts(); // the title and caption broken into lines that fit the plot's width
    TimelineContent content() const;
    // Runs `change` on the view state, draws the ranges it answers and says if following changed.
    template <typename Change> void changeView(Change change);
    void applyView();
    void userMovedAxis();

    // Where a replay is: drawn as the frame's title, the whole run's axis and caption.
    struct ReplayMoment {
        bool active = false;
        Nanos position = 0;
        Nanos total = 0;
        double wholeEndS = 0;
        QString caption; // the whole run's
        QDateTime startedAt;
    };

    // The plot's own analyses (setRun, replay frames); m_analysis is one of them or a shared one.
    RunAnalyzer m_analyzer;
    std::shared_ptr<const RunAnalysis> m_analysis;
    const RunAnalysis *m_labelled = nullptr; // the analysis the lane labels were made for
    QDateTime m_shownStart;                  // the run the view state follows
    Scenario m_shownScenario;
    LaneGrouping m_grouping = LaneGrouping::Request;
    Theme m_theme = Theme::screen();
    TimelineViewState m_view;
    bool m_applyingView = false; // our own setRange calls are not the user's
    ReplayMoment m_replay;
    // What the legend shows (timelinelegend.h) and the strip's lines in it: rebuilt on change.
    LegendContent m_legendContent;
    unsigned m_legendLines = 0;
    bool m_legendBuilt = false;
    // A big live run's legend is looked for at most every kLegendInterval ms: finding which
    // phases show walks every span (1.5 ms at 100k requests), and the legend changes rarely.
    static constexpr std::size_t kLegendThrottleSpans = 50'000;
    static constexpr int kLegendIntervalMs = 250;
    QElapsedTimer m_legendAge;
    QString m_placeholder;
    QString m_titleText;   // unwrapped
    QString m_captionText; // unwrapped
    QString m_problemText; // unwrapped
    int m_wrapWidth = 0;   // the width the texts were last wrapped for (pixels)
    // What the text elements were last wrapped from: a live frame rewraps (shapes) only what
    // changed. A width of -1 wraps again (a new theme's fonts).
    struct WrapInput {
        QString title, caption, problem;
        int width = -1;
        bool operator==(const WrapInput &) const = default;
    };
    WrapInput m_wrapped;

    QCPTextElement *m_title = nullptr;
    QCPTextElement *m_caption = nullptr;
    QCPTextElement *m_problem = nullptr; // what went wrong, in plain words
    QCPAxisRect *m_lanesRect = nullptr;
    SpanPlottable *m_spans = nullptr;
    QSharedPointer<LaneTicker> m_laneTicker;
    std::unique_ptr<ConcurrencyRect> m_concurrency;
    QCPItemStraightLine *m_nowLine = nullptr;
    QCPItemStraightLine *m_idealLine = nullptr;
    QCPItemText *m_idealLabel = nullptr;
    QCPItemText *m_message = nullptr;
};

} // namespace reqlanes
