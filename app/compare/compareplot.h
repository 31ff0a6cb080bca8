// Small multiples: one lane block per strategy, stacked on one shared time axis, each labelled
// with its makespan and speed-up against `sync`. Each block is a SpanPlottable, as in the main
// timeline, so a comparison exports to PNG/SVG/PDF the same way.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "style/theme.h"

#include <qcustomplot.h>

#include <vector>

namespace reqlanes {

class LaneTicker;
class SpanPlottable;

// "Thread per request (threads): 1.01 s, 3.0× faster than sync" (wording: results/speedup.h).
// `baselineMakespanS` <= 0 or the baseline's own run: no speed-up. A watch session is named
// after its clients: "Session 2 — sequential.py (pid 5077): 0.62 s".
bool isWatchSession(const Run &run);
QString compareTitle(const Run &run);
QString compareLabel(const Run &run, double baselineMakespanS,
                     const QString &baseline = QStringLiteral("sync"));

// Request lanes packed like a calendar: each request on the first row free by its start, so a
// block needs as many rows as requests were ever in flight at once instead of N. Lanes lose their
// request labels. The comparison packs when N rows per block would be thinner than kMinLanePx.
void packRequestLanes(TimelineSpans &spans);

class ComparePlot : public QCustomPlot {
    Q_OBJECT
public:
    // Lanes thinner than this are unreadable on a slide: request lanes are packed instead.
    static constexpr double kMinLanePx = 6;

    explicit ComparePlot(QWidget *parent = nullptr);

    void setRuns(const std::vector<Run> &runs, LaneGrouping grouping);
    void setTheme(const Theme &theme);
    const Theme &theme() const { return m_theme; }
    void layoutFor(const QSize &size);

    int blockCount() const { return int(m_blocks.size()); }
    QString blockLabel(int index) const;
    QRect blockLabelRect(int index) const;     // where the label is drawn, as last laid out
    QSize blockLabelTextSize(int index) const; // the room its text needs, margins included
    std::size_t spanCount() const;
    // The settings line under the title, wrapped to the width it was last laid out for.
    QString caption() const;
    QString title() const;
    // Whether request lanes were packed to fit (see packRequestLanes), as last laid out.
    bool packedLanes() const { return m_packed; }
    // The thinnest lane of any block, in pixels, as last drawn.
    double thinnestLanePx() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QString titleText() const; // "Compare sessions" when every run is a watch session
    struct Block {
        std::size_t run;
        QString labelText; // unwrapped: layoutFor wraps it to the label column's share
        QCPTextElement *label;
        QCPAxisRect *rect;
        SpanPlottable *spans;
        QSharedPointer<LaneTicker> ticker;
    };
    void rebuild();
    void fillBlock(Block &block);

    std::vector<Run> m_runs;
    LaneGrouping m_grouping = LaneGrouping::Request;
    Theme m_theme = Theme::screen();
    std::vector<Block> m_blocks;
    QCPMarginGroup *m_margins = nullptr;
    QCPTextElement *m_caption = nullptr; // null without runs
    QString m_captionText;               // unwrapped
    QCPLegend *m_legend = nullptr;
    QCPTextElement *m_title = nullptr;
    QCPLayoutGrid *m_blocksGrid = nullptr; // label | lanes, one row per block
    bool m_packed = false;
};

} // namespace reqlanes
