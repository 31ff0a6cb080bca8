#include "compare/compareplot.h"

#include "i18n/runtext.h"
#include "results/lanegroupings.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "results/slotwait.h"
#include "results/speedup.h"
#include "results/watchlanes.h"
#include "style/textwrap.h"
#include "timeline/laneticker.h"
#include "timeline/plotlayout.h"
#include "timeline/spanplottable.h"
#include "timeline/timelinelegend.h"

#include <QCoreApplication>
#include <QRegularExpression>

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

// A block's label, left of its lanes. QCPTextElement caps its row at the text's height, which
// in a grid row shared with the block's lanes would cap the lanes too; this one does not.
class BlockLabel : public QCPTextElement {
public:
    using QCPTextElement::QCPTextElement;

protected:
    QSize maximumOuterSizeHint() const override {
        return {QCPTextElement::maximumOuterSizeHint().width(), QWIDGETSIZE_MAX};
    }
};

// A block's label: its title, its outcome and the start of a long reason (a refused run's advice
// would push the blocks below off a 768-pixel screen). The whole reason is the run's error.
constexpr int kLabelLines = 4;

QString firstLines(const QString &text, int count) {
    const QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() <= count)
        return text;
    return lines.mid(0, count).join(QLatin1Char('\n')) + QStringLiteral(" …");
}

// Through the base class: QCPTextElement makes its size hint protected.
int hintedHeight(const QCPLayoutElement *element) {
    return element->minimumOuterSizeHint().height();
}

double rowStart(const TimelineRow &row) {
    double start = row.spans.empty() ? 0 : row.spans.front().start;
    if (!row.bars.empty())
        start =
            row.spans.empty() ? row.bars.front().start : std::min(start, row.bars.front().start);
    return start;
}

double rowEnd(const TimelineRow &row) {
    double end = row.spans.empty() ? 0 : row.spans.back().end;
    if (!row.bars.empty())
        end = std::max(end, row.bars.back().end);
    return end;
}

} // namespace

void packRequestLanes(TimelineSpans &spans) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < spans.rows.size(); ++i)
        if (!spans.rows[i].spans.empty() || !spans.rows[i].bars.empty())
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return rowStart(spans.rows[a]) < rowStart(spans.rows[b]);
    });
    std::vector<TimelineRow> packed;
    std::vector<double> freeFrom;
    for (std::size_t index : order) {
        TimelineRow &row = spans.rows[index];
        const double start = rowStart(row);
        std::size_t target = 0;
        while (target < packed.size() && freeFrom[target] > start)
            ++target;
        if (target == packed.size()) {
            packed.emplace_back();
            packed.back().lane = int(target);
            freeFrom.push_back(0);
        }
        // Starts no earlier than the row's last end: appending keeps the row sorted by time.
        TimelineRow &into = packed[target];
        into.spans.insert(into.spans.end(), row.spans.begin(), row.spans.end());
        into.bars.insert(into.bars.end(), row.bars.begin(), row.bars.end());
        into.failed = into.failed || row.failed;
        freeFrom[target] = rowEnd(row);
    }
    spans.rows = std::move(packed);
    spans.lanes.clear();
    for (int row = 0; row < spans.rowCount(); ++row)
        spans.lanes.push_back(TimelineLane{QString(), QString(), row, 1});
    spans.marks.clear(); // lane events belong to threads and processes, not packed rows
}

bool isWatchSession(const Run &run) {
    return run.scenario.strategy == QLatin1String("watch");
}

QString compareTitle(const Run &run) {
    if (!isWatchSession(run))
        return runTitle(run);
    // Core names a session "watch session 3" in English; the number is what is kept.
    static const QRegularExpression kNumber(QStringLiteral("(\\d+)"));
    const QRegularExpressionMatch number = kNumber.match(run.strategyName);
    const QString session = number.hasMatch()
                                ? ComparePlot::tr("Session %1").arg(number.captured(1))
                                : run.strategyName;
    QStringList clients = watch::sessionClients(run);
    constexpr qsizetype kShownClients = 3;
    QString who;
    if (clients.isEmpty())
        who = ComparePlot::tr("unknown client");
    else if (clients.size() > kShownClients)
        who = ComparePlot::tr("%1 and %2 more")
                  .arg(clients.mid(0, kShownClients - 1).join(QStringLiteral(", ")))
                  .arg(clients.size() - (kShownClients - 1));
    else
        who = clients.join(QStringLiteral(", "));
    return ComparePlot::tr("%1 — %2").arg(session, who);
}

QString compareLabel(const Run &run, double baselineMakespanS, const QString &baseline) {
    const RunStats stats = computeStats(run);
    QString label = compareTitle(run);
    if (!run.error.isEmpty() && run.requests.empty()) // refused before it began (refusedRun)
        return label + ComparePlot::tr(": not started (%1)").arg(run.error);
    if (!run.error.isEmpty())
        return label + ComparePlot::tr(": failed (%1)").arg(run.error);
    if (!run.finished)
        return label + ComparePlot::tr(": running…");
    label += QStringLiteral(": %1").arg(formatSeconds(stats.makespanS));
    // A stopped or failed run did not do the same work: no speed-up, say how it ended instead.
    if (!stats.outcome.comparable())
        return label + QStringLiteral(" (%1)").arg(stats.outcome.words);
    if (run.scenario.strategy != baseline)
        if (const QString speedUp = speedUpText(baselineMakespanS, stats.makespanS, baseline);
            !speedUp.isEmpty())
            label += QStringLiteral(", ") + speedUp;
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
    m_title = new QCPTextElement(this, titleText(), m_theme.titleFont);
    m_title->setTextColor(m_theme.text);
    plotLayout()->addElement(0, 0, m_title);
    QList<double> stretch{0.001};
    m_caption = nullptr;
    m_captionText.clear();
    if (!m_runs.empty()) {
        // The shared settings, limit included: no single strategy's caption, whose makespan
        // differs per block and whose limit may not apply.
        Run shared;
        shared.scenario = m_runs.front().scenario;
        shared.scenario.strategy.clear();
        // Sessions of other programs have no limit of ours (runCaption tells them by this).
        if (std::all_of(m_runs.begin(), m_runs.end(), isWatchSession))
            shared.connections = m_runs.front().connections;
        shared.finished = true;
        // Cut at the makespan part, in the caption's own language.
        const QString makespan =
            QCoreApplication::translate("reqlanes::RunText", "makespan %1").arg(QString());
        m_captionText =
            runCaption(shared, RunStats{}).section(QStringLiteral("  ·  ") + makespan, 0, 0);
        m_caption = new QCPTextElement(this, m_captionText, m_theme.captionFont);
        m_caption->setTextColor(m_theme.mutedText);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, m_caption);
        stretch << 0.001;
    }

    m_legend = new QCPLegend;
    plotLayout()->addElement(plotLayout()->rowCount(), 0, m_legend);
    styleLegend(m_legend, m_theme); // its entries once the blocks are filled
    stretch << 0.001;

    // Speed-ups against core's baseline (sync, else the first run), as the CLI summary says them.
    std::vector<RunStats> runStats;
    std::vector<ComparedRun> compared;
    runStats.reserve(m_runs.size());
    for (const Run &run : m_runs)
        runStats.push_back(computeStats(run));
    for (std::size_t index = 0; index < m_runs.size(); ++index)
        compared.push_back({m_runs[index].scenario.strategy, &runStats[index]});
    const std::optional<SpeedUpBaseline> baseline = speedUpBaseline(compared);
    double end = 0.01;
    for (const Run &run : m_runs)
        end = std::max(end, nanosToSeconds(run.elapsed));

    delete m_margins;
    m_margins = new QCPMarginGroup(this);
    const int lineHeight = QFontMetrics(m_theme.baseFont).height();
    m_packed = false;
    // Labels left of their lanes, not on rows above them: eight label rows cost a 720-pixel
    // slide a quarter of its height, which the lanes need more.
    m_blocksGrid = nullptr;
    if (!m_runs.empty()) {
        m_blocksGrid = new QCPLayoutGrid; // owned by the plot's layout
        m_blocksGrid->setRowSpacing(0);
        m_blocksGrid->setColumnSpacing(0);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, m_blocksGrid);
        stretch << 1;
    }
    for (std::size_t index = 0; index < m_runs.size(); ++index) {
        const Run &run = m_runs[index];
        Block block{};
        block.run = index;
        // "Thread per request (threads)" over "3.24 s, 2.9× faster than sync".
        QString text = compareLabel(run, baseline ? baseline->makespanS : -1,
                                    baseline ? baseline->name : QStringLiteral("sync"));
        const QString title = compareTitle(run);
        if (text.startsWith(title + QStringLiteral(": ")))
            text = title + QLatin1Char('\n') + text.mid(title.size() + 2);
        // The problem after " — " on a line of its own (the title keeps its own dash).
        text = title + text.mid(title.size()).replace(QStringLiteral(" — "), QStringLiteral("\n"));
        block.labelText = text;
        block.label = new BlockLabel(this, text, m_theme.baseFont);
        block.label->setTextColor(m_theme.text);
        // At the top of its block: the last row also holds the time axis below the lanes.
        block.label->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
        block.label->setMargins(QMargins(4, 0, 8, 0));
        const int row = int(index);
        m_blocksGrid->addElement(row, 0, block.label);
        block.rect = new QCPAxisRect(this);
        m_blocksGrid->addElement(row, 1, block.rect);
        block.rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
        // Eight blocks must fit a 720-pixel slide: 4-pixel gaps between blocks, lanes down to
        // one line high.
        block.rect->setMinimumMargins(QMargins(15, 2, 15, 2));
        block.rect->setMinimumSize(50, lineHeight);
        block.rect->setRangeDrag(Qt::Horizontal);
        block.rect->setRangeZoom(Qt::Horizontal);
        for (QCPAxis *axis : block.rect->axes())
            m_theme.styleAxis(axis);

        QCPAxis *time = block.rect->axis(QCPAxis::atBottom);
        QCPAxis *lanes = block.rect->axis(QCPAxis::atLeft);
        block.ticker = QSharedPointer<LaneTicker>::create();
        block.ticker->setAxis(lanes);
        block.ticker->setEveryLaneOrNone(true);
        lanes->setTicker(block.ticker);
        lanes->setRangeReversed(true);
        lanes->setSubTicks(false);
        lanes->setTickLength(0, 0);
        lanes->grid()->setVisible(false);
        time->setTickLabels(false);
        // Inner blocks' time axes are a hairline with grid lines: ticks and padding there would
        // cost every block ten pixels that its lanes need on a 720-pixel slide.
        time->setTickLength(0, 0);
        time->setSubTickLength(0, 0);
        time->setPadding(0);

        block.spans = new SpanPlottable(time, lanes);
        block.spans->setTheme(m_theme);
        block.spans->removeFromLegend();
        fillBlock(block);

        // One time axis for all: moving any block moves the others.
        if (!m_blocks.empty()) {
            QCPAxis *first = m_blocks.front().rect->axis(QCPAxis::atBottom);
            connect(first, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), time,
                    qOverload<const QCPRange &>(&QCPAxis::setRange));
            connect(time, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), first,
                    qOverload<const QCPRange &>(&QCPAxis::setRange));
        }
        m_blocks.push_back(block);
    }
    // Abandoned server work may go on past a run's last done: the axis shows it too.
    for (const Block &block : m_blocks)
        end = std::max(end, block.spans->spans().endS);
    for (const Block &block : m_blocks)
        block.rect->axis(QCPAxis::atBottom)->setRange(0, end * 1.03);
    // The phases some block shows wide enough to see on the common time axis: a comparison's
    // legend explains its picture, not every colour a run could have.
    LegendContent content;
    for (const Block &block : m_blocks)
        content |= legendContent(block.spans->spans(), slotOf(m_runs[block.run]), end * 1.03);
    addLegendEntries(m_legend, content, m_theme);
    if (!m_blocks.empty()) {
        m_blocksGrid->setColumnStretchFactors({0.001, 1}); // labels as wide as their text
        QCPAxis *time = m_blocks.back().rect->axis(QCPAxis::atBottom);
        time->setTickLabels(true);
        time->setTickLength(0, 5);
        time->setSubTickLength(0, 2);
        time->setPadding(5);
        time->setLabel(tr("time (s)"));
    } else {
        auto *empty = new QCPTextElement(
            this, tr("Press \"Compare\" to run the chosen strategies with these settings."),
            m_theme.captionFont);
        empty->setTextColor(m_theme.mutedText);
        plotLayout()->addElement(plotLayout()->rowCount(), 0, empty);
        stretch << 1;
    }
    plotLayout()->setRowStretchFactors(stretch);
    plotLayout()->setRowSpacing(0);
    layoutFor(size());
    // New blocks have no height yet: their lane labels are thinned for the real one.
    layOutPlotAt(this, size());
    replot(rpQueuedReplot);
}

void ComparePlot::fillBlock(Block &block) {
    const Run &run = m_runs[block.run];
    TimelineSpans spans = buildTimelineSpans(run, groupingFor(run, m_grouping));
    if (m_packed)
        packRequestLanes(spans);
    std::vector<QString> labels;
    for (const TimelineLane &lane : spans.lanes)
        labels.push_back(laneLabelText(lane));
    block.ticker->setLabels(std::move(labels));
    block.rect->axis(QCPAxis::atLeft)->setRange(0, std::max(1, spans.laneCount()));
    block.spans->setSpans(std::move(spans));
}

void ComparePlot::layoutFor(const QSize &size) {
    if (size.isEmpty())
        return;
    wrapLegendToWidth(m_legend, size.width());
    if (m_caption)
        m_caption->setText(wrapAtSeparators(m_captionText, m_theme.captionFont, size.width()));
    if (m_blocks.empty())
        return;
    // A long label (a refused run's reason) would take the lanes' width: labels wrap to at most
    // a third of the plot, and every label is made of whole lines.
    const int labelWidth =
        std::max(size.width() / 3, QFontMetrics(m_theme.baseFont).averageCharWidth() * 16);
    for (Block &block : m_blocks)
        block.label->setText(
            firstLines(wrapToWidth(block.labelText, m_theme.baseFont, labelWidth), kLabelLines));

    // What is left for the lanes once the fixed-height rows have their lines: the title, the
    // caption, the legend, each block's label and the time axis under the last block.
    const int lineHeight = QFontMetrics(m_theme.baseFont).height();
    const int timeAxisHeight = lineHeight * 5 / 2; // tick labels, "time (s)" and padding
    int fixed = hintedHeight(plotLayout()->element(0, 0)) + hintedHeight(m_legend) + timeAxisHeight;
    if (m_caption)
        fixed += hintedHeight(m_caption);
    const double available = std::max(0, size.height() - fixed);
    const auto laneTotal = [this] {
        int lanes = 0;
        for (const Block &block : m_blocks)
            lanes += std::max(1, block.spans->spans().laneCount());
        return lanes;
    };
    // Too thin to read: pack request lanes (other groupings keep their threads, processes or
    // workers). Decided on the unpacked lanes, so a resize can unpack again.
    if (m_packed) {
        m_packed = false;
        for (Block &block : m_blocks)
            fillBlock(block);
    }
    if (m_grouping == LaneGrouping::Request && available / laneTotal() < kMinLanePx) {
        m_packed = true;
        for (Block &block : m_blocks)
            fillBlock(block);
    }
    m_title->setText(titleText());

    // Blocks as tall as their lanes, so every lane of every block is equally thick; a block of
    // few lanes still gets its label's height.
    const double lanePx = available / laneTotal();
    QList<double> stretch;
    for (const Block &block : m_blocks)
        stretch << std::max(double(hintedHeight(block.label)),
                            std::max(1, block.spans->spans().laneCount()) * lanePx);
    // Stretch shares out whole rows, time axis included: the last block gets the axis's height
    // on top, so its lanes are as thick as the others'.
    stretch.back() += timeAxisHeight;
    m_blocksGrid->setRowStretchFactors(stretch);
}

void ComparePlot::resizeEvent(QResizeEvent *event) {
    layoutFor(event->size());
    // The lane labels thinned for the new height, not the old one (see plotlayout.h).
    layOutPlotAt(this, event->size());
    QCustomPlot::resizeEvent(event);
}

QString ComparePlot::titleText() const {
    const bool sessions =
        !m_runs.empty() && std::all_of(m_runs.begin(), m_runs.end(), isWatchSession);
    if (sessions)
        return m_packed ? tr("Compare sessions (requests share rows to fit)")
                        : tr("Compare sessions");
    return m_packed ? tr("Compare strategies (requests share rows to fit)")
                    : tr("Compare strategies");
}

QString ComparePlot::title() const {
    return m_title ? m_title->text() : QString();
}

double ComparePlot::thinnestLanePx() const {
    double thinnest = -1;
    for (const Block &block : m_blocks) {
        const double lanes = block.rect->axis(QCPAxis::atLeft)->range().size();
        const double px = block.rect->height() / std::max(1.0, lanes);
        thinnest = thinnest < 0 ? px : std::min(thinnest, px);
    }
    return thinnest;
}

QString ComparePlot::caption() const {
    return m_caption ? m_caption->text() : QString();
}

QString ComparePlot::blockLabel(int index) const {
    return index >= 0 && index < blockCount() ? m_blocks[std::size_t(index)].label->text()
                                              : QString();
}

QRect ComparePlot::blockLabelRect(int index) const {
    return index >= 0 && index < blockCount() ? m_blocks[std::size_t(index)].label->outerRect()
                                              : QRect();
}

QSize ComparePlot::blockLabelTextSize(int index) const {
    return index >= 0 && index < blockCount()
               ? static_cast<const QCPLayoutElement *>(m_blocks[std::size_t(index)].label)
                     ->minimumOuterSizeHint()
               : QSize();
}

std::size_t ComparePlot::spanCount() const {
    std::size_t count = 0;
    for (const Block &block : m_blocks)
        count += block.spans->spans().spanCount;
    return count;
}

} // namespace reqlanes
