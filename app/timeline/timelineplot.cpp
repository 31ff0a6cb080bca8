#include "timeline/timelineplot.h"

#include "i18n/runtext.h"
#include "model/watchsession.h"
#include "results/runoutcome.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "results/slotwait.h"
#include "results/timelinespans.h"
#include "results/watchlanes.h"
#include "run/strategyregistry.h"
#include "style/textwrap.h"
#include "timeline/concurrencyrect.h"
#include "timeline/laneticker.h"
#include "timeline/spanplottable.h"
#include "timeline/timelinelegend.h"

#include <QToolTip>

#include <algorithm>

namespace reqlanes {

namespace {

constexpr double kStripStretch = 0.3; // the concurrency strip's height against the lanes'
constexpr int kTextSideMargin = 8;    // pixels left and right of the title, caption and problem

QCPItemStraightLine *verticalLine(QCustomPlot *plot, QCPAxisRect *rect) {
    auto *line = new QCPItemStraightLine(plot);
    line->setClipAxisRect(rect);
    line->setLayer(QStringLiteral("overlay"));
    for (QCPItemPosition *end : {line->point1, line->point2}) {
        end->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        end->setAxisRect(rect);
        end->setTypeX(QCPItemPosition::ptPlotCoords);
        end->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->point1->setCoords(0, 0);
    line->point2->setCoords(0, 1);
    return line;
}

void placeLine(QCPItemStraightLine *line, double x) {
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
}

} // namespace

TimelinePlot::TimelinePlot(QWidget *parent)
    : QCustomPlot(parent) {
    // The plot draws; the caption under it has the window's findings.
    m_analyzer.setExplaining(false);
    m_analysis = m_analyzer.current();
    buildLayout();
    setTheme(Theme::screen());
    clearRun(tr("No run yet: pick a strategy (keys %1) or press Space.")
                 .arg(StrategyRegistry::instance().keyRange()));
}

TimelinePlot::~TimelinePlot() = default;

void TimelinePlot::buildLayout() {
    // QCustomPlot buffers its "overlay" layer apart, for layer-only replots we never make; every
    // replot then cleared and blended a second plot-sized buffer (a tenth of a 100k live frame).
    // Drawn into the one buffer, the lines and labels on it still come last, on top.
    layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
    m_lanesRect = axisRect();
    m_lanesRect->insetLayout()->take(legend);
    legend->setVisible(true);

    m_title = new QCPTextElement(this);
    m_caption = new QCPTextElement(this);
    m_problem = new QCPTextElement(this);
    for (QCPTextElement *text : {m_title, m_caption, m_problem})
        text->setMargins(QMargins(kTextSideMargin, 2, kTextSideMargin, 2));
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, legend);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_caption);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);

    auto *stripRect = new QCPAxisRect(this);
    plotLayout()->addElement(4, 0, stripRect);
    plotLayout()->setRowSpacing(2);
    m_concurrency = std::make_unique<ConcurrencyRect>(this, stripRect);

    // Lanes and strip share their left and right margins, so their time axes line up exactly.
    auto *margins = new QCPMarginGroup(this);
    m_lanesRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    stripRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);

    QCPAxis *lanesTime = m_lanesRect->axis(QCPAxis::atBottom);
    QCPAxis *stripTime = stripRect->axis(QCPAxis::atBottom);
    lanesTime->setTickLabels(false);
    connect(lanesTime, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), stripTime,
            qOverload<const QCPRange &>(&QCPAxis::setRange));
    connect(stripTime, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), lanesTime,
            qOverload<const QCPRange &>(&QCPAxis::setRange));
    // A drag or wheel zoom moves the axes inside QCustomPlot; the view state hears of it here.
    connect(lanesTime, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &TimelinePlot::userMovedAxis);

    QCPAxis *lanes = m_lanesRect->axis(QCPAxis::atLeft);
    m_laneTicker = QSharedPointer<LaneTicker>::create();
    lanes->setTicker(m_laneTicker);
    lanes->setRangeReversed(true);
    lanes->setSubTicks(false);
    lanes->setTickLength(0, 0);
    lanes->grid()->setVisible(false);
    m_laneTicker->setAxis(lanes);
    connect(lanes, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &TimelinePlot::userMovedAxis);

    m_spans = new SpanPlottable(lanesTime, lanes);
    m_spans->removeFromLegend();

    m_nowLine = verticalLine(this, m_lanesRect);
    m_idealLine = verticalLine(this, m_lanesRect);
    m_idealLabel = new QCPItemText(this);
    m_idealLabel->setClipToAxisRect(false);
    m_idealLabel->setLayer(QStringLiteral("overlay"));
    m_idealLabel->position->setAxes(lanesTime, lanes);
    m_idealLabel->position->setAxisRect(m_lanesRect);
    m_idealLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_idealLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_idealLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_message = new QCPItemText(this);
    m_message->setLayer(QStringLiteral("overlay"));
    m_message->position->setAxisRect(m_lanesRect);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->setPadding(QMargins(12, 8, 12, 8));

    // Wide pens on the strip's step lines are stroked as one self-overlapping path otherwise,
    // which costs 20 ms per replot at 400 steps; fast polylines draw them in chunks.
    setPlottingHint(QCP::phFastPolylines, true);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_lanesRect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    m_lanesRect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    stripRect->setRangeDrag(Qt::Horizontal);
    stripRect->setRangeZoom(Qt::Horizontal);
    setMouseTracking(true);
}

void TimelinePlot::setTheme(const Theme &theme) {
    m_theme = theme;
    setBackground(theme.background);
    // An opaque background covers the whole widget: Qt then need not paint the tab page and its
    // frame beneath it first, on every replot (a tenth of a live frame at 60 Hz).
    setAttribute(Qt::WA_OpaquePaintEvent, theme.background.alpha() == 255);
    for (QCPAxis *axis : m_lanesRect->axes())
        m_theme.styleAxis(axis);
    m_title->setFont(theme.titleFont);
    m_title->setTextColor(theme.text);
    m_caption->setFont(theme.captionFont);
    m_caption->setTextColor(theme.mutedText);
    m_problem->setFont(theme.captionFont);
    m_problem->setTextColor(theme.errorOutline.darker(120));
    styleLegend(legend, theme);
    m_spans->setTheme(theme);
    m_concurrency->setTheme(theme);
    m_nowLine->setPen(QPen(theme.nowLine, theme.lineWidth));
    m_idealLine->setPen(QPen(theme.idealMarker, theme.lineWidth, Qt::DashLine));
    m_idealLabel->setFont(theme.baseFont);
    m_idealLabel->setColor(theme.idealMarker);
    // Room above the lanes for the ideal-makespan label.
    m_lanesRect->setMinimumMargins(QMargins(0, QFontMetrics(theme.baseFont).height() + 4, 0, 0));
    m_message->setFont(theme.captionFont);
    m_message->setColor(theme.text);
    m_message->setBrush(QColor(255, 255, 255, 230));
    m_message->setPen(QPen(theme.errorOutline, theme.lineWidth));
    m_legendBuilt = false;
    m_wrapped.width = -1; // other fonts
    rebuildLegend();
    layoutFor(size());
    replot(rpQueuedReplot);
}

void TimelinePlot::clearRun(const QString &placeholder) {
    m_placeholder = placeholder;
    m_analyzer.setGrouping(m_grouping);
    show(m_analyzer.analyze(Run()), true);
}

void TimelinePlot::setRun(const Run &run) {
    const bool newRun = run.startedAt != this->run().startedAt ||
                        !sameRunScenario(run.scenario, this->run().scenario);
    m_analyzer.setGrouping(m_grouping);
    show(m_analyzer.analyze(run), newRun);
}

void TimelinePlot::showAnalysis(const std::shared_ptr<const RunAnalysis> &analysis) {
    if (analysis->grouping != m_grouping) { // another grouping than ours: draw ours of the run
        setRun(analysis->run);
        return;
    }
    // The analysis may be the one shown, updated in place: compare with what was shown last.
    const Run &next = analysis->run;
    show(analysis,
         next.startedAt != m_shownStart || !sameRunScenario(next.scenario, m_shownScenario));
}

void TimelinePlot::show(const std::shared_ptr<const RunAnalysis> &analysis, bool newRun) {
    m_analysis = analysis;
    m_shownStart = run().startedAt;
    m_shownScenario = run().scenario;
    m_replay = {};
    rebuildSpans();
    updateMarkers();
    changeView([&] { newRun ? m_view.startRun(content()) : m_view.setContent(content()); });
    replot(rpQueuedReplot);
}

void TimelinePlot::showReplayFrame(const Run &frame, const Run &whole) {
    if (frame.finished) { // played to the end: the run as it finished, not a replay any more
        setRun(frame);
        return;
    }
    if (!m_replay.active || m_replay.startedAt != whole.startedAt ||
        m_replay.total != whole.elapsed) {
        m_replay.startedAt = whole.startedAt;
        m_replay.total = whole.elapsed;
        m_replay.wholeEndS = buildTimelineSpans(whole, m_grouping).endS;
        m_replay.caption = runCaption(whole, computeStats(whole));
    }
    m_replay.active = true;
    m_replay.position = frame.elapsed;
    m_analyzer.setGrouping(m_grouping);
    m_analysis = m_analyzer.analyze(frame);
    rebuildSpans();
    updateMarkers();
    changeView([this] { m_view.setContent(content()); });
    replot(rpQueuedReplot);
}

void TimelinePlot::setGrouping(LaneGrouping grouping) {
    if (grouping == m_grouping)
        return;
    m_grouping = grouping;
    if (m_analysis->grouping != grouping) {
        m_analyzer.setGrouping(grouping);
        if (m_analysis != m_analyzer.current()) // a shared analysis in another grouping
            m_analysis = m_analyzer.analyze(run());
    }
    rebuildSpans();
    updateMarkers();
    // Another grouping has other lanes: a lane zoom would point at different requests.
    changeView([this] {
        const ViewRange time = m_view.timeRange();
        const bool moved = m_view.userMoved();
        m_view.startRun(content());
        if (moved)
            m_view.setTimeRange(time);
    });
    replot(rpQueuedReplot);
}

void TimelinePlot::rebuildSpans() {
    const TimelineSpans &spans = m_analysis->spans;
    // Lane labels are translated only for the lanes a replot labels, from the analysis shown
    // (updated in place: a lane past its end is unlabelled until the lanes are set again here).
    const bool newLanes = m_labelled != m_analysis.get() || m_analysis->lanesChanged;
    if (newLanes) {
        m_laneTicker->setLabels(spans.laneCount(), [analysis = m_analysis](int lane) {
            const std::vector<TimelineLane> &lanes = analysis->spans.lanes;
            return lane < int(lanes.size()) ? laneLabelText(lanes[std::size_t(lane)]) : QString();
        });
        m_labelled = m_analysis.get();
    }
    m_spans->setSpans(std::shared_ptr<const TimelineSpans>(m_analysis, &spans), !newLanes);
    m_concurrency->setRun(run(), m_analysis->inFlight, m_analysis->busyWorkers, spans.endS);
    rebuildLegend();

    updateTitle();
}

void TimelinePlot::updateTitle() {
    const bool hasRun = !run().requests.empty() || !run().error.isEmpty();
    if (m_replay.active) {
        m_titleText = tr("%1 — replay %2 of %3")
                          .arg(runTitle(run()), formatSeconds(nanosToSeconds(m_replay.position)),
                               formatSeconds(nanosToSeconds(m_replay.total)));
        m_captionText = m_replay.caption;
    } else {
        m_titleText = hasRun ? runTitle(run()) : QStringLiteral("reqlanes");
        m_captionText = hasRun ? runCaption(run(), m_analysis->stats) : QString();
    }
    wrapTexts();
}

void TimelinePlot::wrapTexts() {
    // Text elements span the plot's width, less their own margins on both sides.
    const int width = m_wrapWidth - 2 * kTextSideMargin;
    const WrapInput input{m_titleText, m_captionText, m_problemText, width};
    if (input == m_wrapped)
        return;
    if (input.title != m_wrapped.title || input.width != m_wrapped.width)
        m_title->setText(wrapToWidth(m_titleText, m_theme.titleFont, width));
    if (input.caption != m_wrapped.caption || input.width != m_wrapped.width)
        m_caption->setText(wrapToWidth(m_captionText, m_theme.captionFont, width));
    if (input.problem != m_wrapped.problem || input.width != m_wrapped.width)
        m_problem->setText(wrapToWidth(m_problemText, m_theme.captionFont, width));
    m_wrapped = input;
}

QString TimelinePlot::title() const {
    return m_titleText;
}

void TimelinePlot::rebuildLegend() {
    const bool bigLive = !run().finished && m_spans->spans().spanCount > kLegendThrottleSpans;
    if (bigLive && m_legendBuilt && m_legendAge.isValid() &&
        m_legendAge.elapsed() < kLegendIntervalMs)
        return;
    m_legendAge.start();
    const LegendContent content = legendContent(m_spans->spans(), slotOf(run()));
    const unsigned lines = m_concurrency->shownLines();
    if (m_legendBuilt && content == m_legendContent && lines == m_legendLines)
        return;
    m_legendBuilt = true;
    m_legendContent = content;
    m_legendLines = lines;
    legend->clearItems();
    addLegendEntries(legend, content, m_theme);
    m_concurrency->addLegendItems(legend);
    layoutFor(size());
}

bool TimelinePlot::showsIdeal() const {
    return m_idealLine && m_idealLine->visible();
}

void TimelinePlot::updateMarkers() {
    const bool live = !run().requests.empty() && !run().finished;
    m_nowLine->setVisible(live);
    placeLine(m_nowLine, nanosToSeconds(run().elapsed));

    // A stopped or failed run gets no ideal, as it gets no ×ideal ratio: with the abandoned
    // work drawn the axis may well reach it, and the marker would invite the comparison.
    const bool comparable = !run().finished || runOutcome(run()).comparable();
    const double ideal =
        run().requests.empty() || !comparable ? -1 : idealMakespanSeconds(run().scenario);
    m_idealLine->setVisible(ideal > 0);
    m_idealLabel->setVisible(ideal > 0);
    placeLine(m_idealLine, ideal);
    m_idealLabel->position->setCoords(ideal, 0);
    m_idealLabel->setText(tr("ideal %1").arg(formatSeconds(ideal)));

    // Problems go on their own line under the caption, out of the bars' way; the middle of the
    // lanes is only used when there is nothing else to see (no run yet, or no request started).
    QString problem;
    if (!run().error.isEmpty())
        problem = tr("The run failed: %1").arg(run().error);
    else if (run().finished)
        problem = runProblem(run());
    m_problemText = problem;
    wrapTexts();
    showProblemRow(!problem.isEmpty());

    const auto &rows = m_spans->spans().rows;
    // Anything drawn: the first row has it once a run is under way (counting them all walked 100k
    // rows a live frame). Spans without bars count too: a re-run's requests queued behind a
    // stopped run's leftover work have nothing on the worker lanes yet but that work, and
    // "Starting…" over it for seconds said the run had not begun.
    const bool anyDrawn = std::any_of(rows.begin(), rows.end(), [](const TimelineRow &row) {
        return !row.bars.empty() || !row.spans.empty();
    });
    const QString overlay = anyDrawn                 ? QString()
                            : !problem.isEmpty()     ? problem
                            : run().requests.empty() ? m_placeholder
                                                     : tr("Starting…");
    m_message->setText(overlay);
    m_message->setVisible(!overlay.isEmpty());
    m_message->position->setCoords(0.5, 0.45);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->setPen(problem.isEmpty() ? QPen(m_theme.grid) : QPen(m_theme.errorOutline, 2));
}

// The problem line is in the layout only while there is a problem: an empty row would still
// take a line's height above the legend.
void TimelinePlot::showProblemRow(bool show) {
    const bool shown = m_problem->layout() != nullptr;
    if (show && !shown) {
        plotLayout()->insertRow(2);
        plotLayout()->addElement(2, 0, m_problem);
    } else if (!show && shown) {
        plotLayout()->take(m_problem);
        plotLayout()->simplify();
    }
    m_problem->setVisible(show);
    QList<double> stretch;
    for (int row = 0; row < plotLayout()->rowCount(); ++row) {
        const QCPLayoutElement *element = plotLayout()->element(row, 0);
        stretch << (element == m_lanesRect             ? 1
                    : element == m_concurrency->rect() ? kStripStretch
                                                       : 0.001);
    }
    plotLayout()->setRowStretchFactors(stretch);
}

TimelineContent TimelinePlot::content() const {
    TimelineContent content;
    content.endS = m_spans->spans().endS;
    content.nowS = nanosToSeconds(run().elapsed);
    content.idealS = idealMakespanSeconds(run().scenario);
    content.laneCount = laneCount();
    content.live = !run().finished && !run().requests.empty() && run().error.isEmpty();
    if (m_replay.active) {
        // The whole run's axis: a replay must not rescale to the playhead.
        content.endS = std::max(content.endS, m_replay.wholeEndS);
        content.live = false;
    }
    return content;
}

template <typename Change> void TimelinePlot::changeView(Change change) {
    const bool followed = m_view.followsLive();
    change();
    applyView();
    if (m_view.followsLive() != followed)
        emit followChanged(m_view.followsLive());
}

void TimelinePlot::applyView() {
    m_applyingView = true;
    const ViewRange time = m_view.timeRange();
    const ViewRange lanes = m_view.laneRange();
    m_lanesRect->axis(QCPAxis::atBottom)->setRange(time.lower, time.upper);
    m_lanesRect->axis(QCPAxis::atLeft)->setRange(lanes.lower, lanes.upper);
    m_applyingView = false;
}

void TimelinePlot::userMovedAxis() {
    if (m_applyingView)
        return;
    const QCPRange time = timeRange();
    const QCPRange lanes = laneRange();
    changeView([&] {
        m_view.setTimeRange({time.lower, time.upper});
        m_view.setLaneRange({lanes.lower, lanes.upper});
    });
}

void TimelinePlot::showWholeRun() {
    changeView([this] { m_view.showWholeRun(); });
    replot(rpQueuedReplot);
}

void TimelinePlot::setTimeRange(const QCPRange &seconds) {
    changeView([&] { m_view.setTimeRange({seconds.lower, seconds.upper}); });
    replot(rpQueuedReplot);
}

QCPRange TimelinePlot::timeRange() const {
    return m_lanesRect->axis(QCPAxis::atBottom)->range();
}

QCPRange TimelinePlot::laneRange() const {
    return m_lanesRect->axis(QCPAxis::atLeft)->range();
}

void TimelinePlot::copyViewFrom(const TimelinePlot &other) {
    m_replay = other.m_replay;
    updateTitle();
    changeView([&] {
        m_view = other.m_view;
        m_view.setContent(content());
    });
    replot(rpQueuedReplot);
}

void TimelinePlot::layoutFor(const QSize &size) {
    if (size.isEmpty())
        return;
    wrapLegendToWidth(legend, size.width());
    m_wrapWidth = size.width();
    wrapTexts();

    const int lineHeight = QFontMetrics(m_theme.baseFont).height();
    const double lanesShare = 1 / (1 + kStripStretch) * 0.8;
    m_laneTicker->setMaxLabels(int(size.height() * lanesShare / (lineHeight * 1.4)));
}

int TimelinePlot::laneCount() const {
    return m_spans->spans().laneCount();
}

std::size_t TimelinePlot::spanCount() const {
    return m_spans->spans().spanCount;
}

int TimelinePlot::barCount() const {
    int bars = 0;
    for (const TimelineRow &row : m_spans->spans().rows)
        bars += int(row.bars.size());
    return bars;
}

QString TimelinePlot::message() const {
    if (m_problem->visible())
        return m_problemText;
    return m_message->visible() ? m_message->text() : QString();
}

void TimelinePlot::mouseMoveEvent(QMouseEvent *event) {
    QCustomPlot::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const std::optional<int> request = m_spans->requestAt(event->position());
    if (request && *request < int(run().requests.size())) {
        QToolTip::showText(event->globalPosition().toPoint(), describeRequest(run(), *request),
                           this);
        return;
    }
    // Left of the lanes, over a label: a watch lane's whole story (a client's command line).
    const std::optional<int> lane = event->position().x() < m_lanesRect->left()
                                        ? m_spans->laneAt(event->position())
                                        : std::nullopt;
    const QString detail =
        lane ? watch::watchLaneDetail(run(), m_spans->spans().lanes[std::size_t(*lane)].keyText())
             : QString();
    if (!detail.isEmpty())
        QToolTip::showText(event->globalPosition().toPoint(), detail.toHtmlEscaped(), this);
    else
        QToolTip::hideText();
}

void TimelinePlot::mouseDoubleClickEvent(QMouseEvent *event) {
    QCustomPlot::mouseDoubleClickEvent(event);
    showWholeRun();
}

void TimelinePlot::resizeEvent(QResizeEvent *event) {
    layoutFor(event->size());
    QCustomPlot::resizeEvent(event);
}

} // namespace reqlanes
