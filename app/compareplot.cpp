#include "compareplot.h"

#include "laneticker.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "runtext.h"
#include "spanplottable.h"
#include "timelinelegend.h"

#include <algorithm>

namespace reqlanes {

namespace {

// The "  ·  "-separated parts of `text` on as few lines as fit `width` pixels in `font`.
QString wrapAtSeparators(const QString &text, const QFont &font, int width) {
    const QString separator = QStringLiteral("  ·  ");
    const QFontMetrics metrics(font);
    QStringList lines;
    for (const QString &part : text.split(separator)) {
        if (!lines.isEmpty() && metrics.horizontalAdvance(lines.back() + separator + part) <= width)
            lines.back() += separator + part;
        else
            lines << part;
    }
    return lines.join(QLatin1Char('\n'));
}

// Through the base class: QCPTextElement makes its size hint protected.
int hintedHeight(const QCPLayoutElement *element) {
    return element->minimumOuterSizeHint().height();
}

} // namespace

QString compareLabel(const Run &run, double syncMakespanS) {
    const RunStats stats = computeStats(run);
    QString label = runTitle(run);
    if (!run.error.isEmpty())
        return label + QStringLiteral(": failed (%1)").arg(run.error);
    if (!run.finished)
        return label + QStringLiteral(": running…");
    label += QStringLiteral(": %1").arg(formatSeconds(stats.makespanS));
    if (run.scenario.strategy == QLatin1String("sync") || syncMakespanS <= 0 ||
        stats.makespanS <= 0)
        return label;
    const double speedUp = syncMakespanS / stats.makespanS;
    label += speedUp >= 1 ? QStringLiteral(", %1× faster than sync").arg(speedUp, 0, 'f', 2)
                          : QStringLiteral(", %1× slower than sync").arg(1 / speedUp, 0, 'f', 2);
    if (const QString problem = runProblem(run); !problem.isEmpty())
        label += QStringLiteral(" — %1").arg(problem);
    return label;
}

ComparePlot::ComparePlot(QWidget *parent)
    : QCustomPlot(parent) {
    setMouseTracking(true);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    rebuild();
}

void ComparePlot::setTheme(const Theme &theme) {
    m_theme = theme;
    rebuild();
}

void ComparePlot::setRuns(const std::vector<Run> &runs, LaneGrouping grouping) {
    m_runs = runs;
    m_grouping = grouping;
    rebuild();
}

// Rebuilt from scratch on every change: a comparison has at most a dozen blocks.
void ComparePlot::rebuild() {
    clearPlottables();
    plotLayout()->clear();
    m_blocks.clear();
    setBackground(m_theme.background);

    // Title and settings on lines of their own, as on the single timeline: one line holding both
    // does not fit a 1280-pixel slide.
    auto *title =
        new QCPTextElement(this, QStringLiteral("Compare all strategies"), m_theme.titleFont);
    title->setTextColor(m_theme.text);
    plotLayout()->addElement(0, 0, title);
    QList<double> stretch{0.001};
    m_caption = nullptr;
    m_captionText.clear();
    if (!m_runs.empty()) {
        // The shared settings, limit included: no single strategy's caption, whose makespan
        // differs per block and whose limit may not apply.
        Run shared;
        shared.scenario = m_runs.front().scenario;
        shared.scenario.strategy.clear();
        shared.finished = true;
        m_captionText =
            runCaption(shared, RunStats{}).section(QStringLiteral("  ·  makespan"), 0, 0);
        m_caption = new QCPTextElement(this, m_captionText, m_theme.captionFont);
        m_caption->setTextColor(m_theme.mutedText);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, m_caption);
        stretch << 0.001;
    }

    m_legend = new QCPLegend;
    plotLayout()->addElement(plotLayout()->rowCount(), 0, m_legend);
    styleLegend(m_legend, m_theme);
    // Every phase, so each comparison has the same legend whatever its blocks happen to show.
    addLegendEntries(m_legend, legendcontent::kAllPhases, m_theme);
    stretch << 0.001;

    double syncMakespan = -1, end = 0.01;
    for (const Run &run : m_runs) {
        if (run.scenario.strategy == QLatin1String("sync") && run.finished)
            syncMakespan = computeStats(run).makespanS;
        end = std::max(end, nanosToSeconds(run.elapsed));
    }

    delete m_margins;
    m_margins = new QCPMarginGroup(this);
    const int lineHeight = QFontMetrics(m_theme.baseFont).height();
    for (const Run &run : m_runs) {
        Block block{};
        block.label = new QCPTextElement(this, compareLabel(run, syncMakespan), m_theme.baseFont);
        block.label->setTextColor(m_theme.text);
        block.label->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, block.label);
        block.rect = new QCPAxisRect(this);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, block.rect);
        block.rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
        // Each block's label already separates it from the one above, and eight blocks must fit
        // a 720-pixel slide: no 15-pixel margins above and below, lanes down to one line high.
        block.rect->setMinimumMargins(QMargins(15, 2, 15, 2));
        block.rect->setMinimumSize(50, lineHeight);
        block.rect->setRangeDrag(Qt::Horizontal);
        block.rect->setRangeZoom(Qt::Horizontal);
        for (QCPAxis *axis : block.rect->axes())
            m_theme.styleAxis(axis);

        QCPAxis *time = block.rect->axis(QCPAxis::atBottom);
        QCPAxis *lanes = block.rect->axis(QCPAxis::atLeft);
        auto ticker = QSharedPointer<LaneTicker>::create();
        lanes->setTicker(ticker);
        lanes->setRangeReversed(true);
        lanes->setSubTicks(false);
        lanes->setTickLength(0, 0);
        lanes->grid()->setVisible(false);
        time->setTickLabels(false);
        time->setRange(0, end * 1.03);

        block.spans = new SpanPlottable(time, lanes);
        block.spans->setTheme(m_theme);
        block.spans->removeFromLegend();
        TimelineSpans spans = buildTimelineSpans(run, m_grouping);
        std::vector<QString> labels;
        for (const TimelineLane &lane : spans.lanes)
            labels.push_back(lane.label);
        ticker->setLabels(std::move(labels));
        lanes->setRange(0, std::max(1, spans.laneCount()));
        block.spans->setSpans(std::move(spans));

        // One time axis for all: moving any block moves the others.
        if (!m_blocks.empty()) {
            QCPAxis *first = m_blocks.front().rect->axis(QCPAxis::atBottom);
            connect(first, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), time,
                    qOverload<const QCPRange &>(&QCPAxis::setRange));
            connect(time, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), first,
                    qOverload<const QCPRange &>(&QCPAxis::setRange));
        }
        stretch << 0.001 << 1;
        m_blocks.push_back(block);
    }
    if (!m_blocks.empty()) {
        QCPAxis *time = m_blocks.back().rect->axis(QCPAxis::atBottom);
        time->setTickLabels(true);
        time->setLabel(QStringLiteral("time (s)"));
    } else {
        auto *empty = new QCPTextElement(
            this,
            QStringLiteral("Press \"Compare all\" to run every strategy with these settings."),
            m_theme.captionFont);
        empty->setTextColor(m_theme.mutedText);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, empty);
        stretch << 1;
    }
    plotLayout()->setRowStretchFactors(stretch);
    plotLayout()->setRowSpacing(0);
    layoutFor(size());
    replot(rpQueuedReplot);
}

void ComparePlot::layoutFor(const QSize &size) {
    if (size.isEmpty())
        return;
    wrapLegendToWidth(m_legend, size.width());
    if (m_caption)
        m_caption->setText(wrapAtSeparators(m_captionText, m_theme.captionFont, size.width()));
    if (m_blocks.empty())
        return;

    // What is left for the lanes once the fixed-height rows have their lines: the title, the
    // caption, the legend, each block's label and the time axis under the last block.
    const int lineHeight = QFontMetrics(m_theme.baseFont).height();
    const int timeAxisHeight = lineHeight * 5 / 2; // tick labels, "time (s)" and padding
    int fixed = hintedHeight(plotLayout()->element(0, 0)) + hintedHeight(m_legend) + timeAxisHeight;
    if (m_caption)
        fixed += hintedHeight(m_caption);
    for (const Block &block : m_blocks)
        fixed += hintedHeight(block.label);
    const int perBlock = std::max(0, size.height() - fixed) / int(m_blocks.size());
    for (const Block &block : m_blocks) {
        auto ticker = block.rect->axis(QCPAxis::atLeft)->ticker().dynamicCast<LaneTicker>();
        if (ticker)
            ticker->setMaxLabels(int(perBlock / (lineHeight * 1.3)));
    }
    // Stretch shares out whole rows, time axis included: the last block gets the axis's height
    // on top, so its lanes are as tall as the others'.
    plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1,
                                      1 + double(timeAxisHeight) / std::max(1, perBlock));
}

void ComparePlot::resizeEvent(QResizeEvent *event) {
    layoutFor(event->size());
    QCustomPlot::resizeEvent(event);
}

QString ComparePlot::caption() const {
    return m_caption ? m_caption->text() : QString();
}

QString ComparePlot::blockLabel(int index) const {
    return index >= 0 && index < blockCount() ? m_blocks[std::size_t(index)].label->text()
                                              : QString();
}

std::size_t ComparePlot::spanCount() const {
    std::size_t count = 0;
    for (const Block &block : m_blocks)
        count += block.spans->spans().spanCount;
    return count;
}

} // namespace reqlanes
