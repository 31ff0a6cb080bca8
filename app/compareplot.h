// Small multiples: one lane block per strategy, stacked on one shared time axis, each labelled
// with its makespan and speed-up against `sync`. Each block is a SpanPlottable, as in the main
// timeline, so a comparison exports to PNG/SVG/PDF the same way.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "theme.h"

#include <qcustomplot.h>

#include <vector>

namespace reqlanes {

class SpanPlottable;

// "Thread per request (threads): 1.01 s, 2.97× faster than sync"
QString compareLabel(const Run &run, double syncMakespanS);

class ComparePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit ComparePlot(QWidget *parent = nullptr);

    void setRuns(const std::vector<Run> &runs, LaneGrouping grouping);
    void setTheme(const Theme &theme);
    const Theme &theme() const { return m_theme; }
    void layoutFor(const QSize &size);

    int blockCount() const { return int(m_blocks.size()); }
    QString blockLabel(int index) const;
    std::size_t spanCount() const;
    // The settings line under the title, wrapped to the width it was last laid out for.
    QString caption() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Block {
        QCPTextElement *label;
        QCPAxisRect *rect;
        SpanPlottable *spans;
    };
    void rebuild();

    std::vector<Run> m_runs;
    LaneGrouping m_grouping = LaneGrouping::Request;
    Theme m_theme = Theme::screen();
    std::vector<Block> m_blocks;
    QCPMarginGroup *m_margins = nullptr;
    QCPTextElement *m_caption = nullptr; // null without runs
    QString m_captionText;               // unwrapped
    QCPLegend *m_legend = nullptr;
};

} // namespace reqlanes
