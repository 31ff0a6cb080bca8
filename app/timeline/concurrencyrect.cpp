#include "timeline/concurrencyrect.h"

#include "results/lanegroupings.h"
#include "results/runstats.h"
#include "run/strategyregistry.h"
#include "timeline/legendswatch.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace reqlanes {

namespace {

// More points than the strip has pixels only cost time (a 100k-request run has 200k steps,
// rebuilt every frame): above kMaxPoints, each of kMaxPoints / 2 time buckets keeps its highest
// value (so a peak is never lost) and the value it ends with.
constexpr int kMaxPoints = 4096;

void fillSteps(QCPGraph *graph, const std::vector<Step> &steps, double endS) {
    QVector<double> keys, values;
    keys.reserve(std::min<qsizetype>(qsizetype(steps.size()), kMaxPoints) + 3);
    values.reserve(keys.capacity());
    keys << 0;
    values << 0;
    const bool thin = steps.size() > std::size_t(kMaxPoints);
    const double bucket = std::max(endS, 1e-9) / (kMaxPoints / 2);
    for (std::size_t i = 0; i < steps.size();) {
        const double at = nanosToSeconds(steps[i].at);
        if (!thin) {
            keys << at;
            values << steps[i].value;
            ++i;
            continue;
        }
        const double bucketEnd = (std::floor(at / bucket) + 1) * bucket;
        int highest = steps[i].value, last = highest;
        double lastAt = at;
        for (++i; i < steps.size() && nanosToSeconds(steps[i].at) < bucketEnd; ++i) {
            highest = std::max(highest, steps[i].value);
            last = steps[i].value;
            lastAt = nanosToSeconds(steps[i].at);
        }
        keys << at;
        values << highest;
        if (last != highest) {
            keys << lastAt;
            values << last;
        }
    }
    // Hold the last value to the end of the run, so the step does not stop short.
    keys << std::max(endS, keys.back());
    values << values.back();
    graph->setData(keys, values, true);
}

int peakOf(const std::vector<Step> &steps) {
    int peak = 0;
    for (const Step &step : steps)
        peak = std::max(peak, step.value);
    return peak;
}

// 1, 2, 5, 10, 20...: about three labelled ticks whatever the peak.
double countStep(int top) {
    for (int decade = 1;; decade *= 10)
        for (int step : {1, 2, 5})
            if (step * decade * 3 >= top)
                return step * decade;
}

QCPItemStraightLine *horizontalLine(QCustomPlot *plot, QCPAxisRect *rect) {
    auto *line = new QCPItemStraightLine(plot);
    line->setClipAxisRect(rect);
    for (QCPItemPosition *end : {line->point1, line->point2}) {
        end->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        end->setTypeX(QCPItemPosition::ptPlotCoords);
        end->setTypeY(QCPItemPosition::ptPlotCoords);
    }
    return line;
}

constexpr unsigned kLimitLine = 1;
constexpr unsigned kWorkersLine = 2;
constexpr unsigned kBusyWorkersLine = 4;

} // namespace

ConcurrencyRect::ConcurrencyRect(QCustomPlot *plot, QCPAxisRect *rect)
    : m_rect(rect)
    , m_countTicker(QSharedPointer<QCPAxisTickerFixed>::create()) {
    QCPAxis *time = rect->axis(QCPAxis::atBottom);
    QCPAxis *count = rect->axis(QCPAxis::atLeft);
    time->setLabel(QCoreApplication::translate("reqlanes::ConcurrencyRect", "time (s)"));
    count->setLabel(QCoreApplication::translate("reqlanes::ConcurrencyRect", "at once"));
    m_countTicker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    count->setTicker(m_countTicker);
    count->setSubTicks(false);

    m_inFlight = plot->addGraph(time, count);
    m_inFlight->setName(
        QCoreApplication::translate("reqlanes::ConcurrencyRect", "requests in flight"));
    m_inFlight->setLineStyle(QCPGraph::lsStepLeft);
    m_inFlight->removeFromLegend();
    m_busyWorkers = plot->addGraph(time, count);
    m_busyWorkers->setName(
        QCoreApplication::translate("reqlanes::ConcurrencyRect", "busy server workers"));
    m_busyWorkers->setLineStyle(QCPGraph::lsStepLeft);
    m_busyWorkers->removeFromLegend();
    // Steps are level and upright, so smoothing only blurs their edges; and an antialiased wide
    // line is stroked as a path, segment by segment: a sixth of a 30k-request live replot.
    for (QCPGraph *graph : {m_inFlight, m_busyWorkers}) {
        graph->setAntialiased(false);
        graph->setAntialiasedFill(false);
    }
    m_limitLine = horizontalLine(plot, rect);
    m_workersLine = horizontalLine(plot, rect);
}

void ConcurrencyRect::setTheme(const Theme &theme) {
    for (QCPAxis *axis : m_rect->axes()) {
        axis->setTickLabelFont(theme.baseFont);
        axis->setLabelFont(theme.baseFont);
        axis->setTickLabelColor(theme.mutedText);
        axis->setLabelColor(theme.mutedText);
        axis->setBasePen(QPen(theme.mutedText));
        axis->setTickPen(QPen(theme.mutedText));
        axis->setSubTickPen(QPen(theme.mutedText));
        axis->grid()->setPen(QPen(theme.grid));
    }
    QColor inFlightFill = theme.inFlightLine;
    inFlightFill.setAlpha(40);
    m_inFlight->setPen(QPen(theme.inFlightLine, theme.lineWidth));
    m_inFlight->setBrush(inFlightFill);
    m_busyWorkers->setPen(QPen(theme.busyWorkersLine, theme.lineWidth));
    m_limitLine->setPen(QPen(theme.limitLine, theme.lineWidth, Qt::DashLine));
    m_workersLine->setPen(QPen(theme.busyWorkersLine, theme.lineWidth, Qt::DotLine));
    // Tall enough for three tick labels and the axis title at any font size.
    m_rect->setMinimumSize(0, QFontMetrics(theme.baseFont).height() * 5);
}

void ConcurrencyRect::addLegendItems(QCPLegend *legend) const {
    const auto line = [legend](const QString &text, const QPen &pen) {
        legend->addItem(new LegendSwatch(legend, text, LegendSwatch::Shape::Line, {}, pen));
    };
    line(m_inFlight->name(), m_inFlight->pen());
    if (m_hasServerData)
        line(m_busyWorkers->name(), m_busyWorkers->pen());
    if (m_limit > 0)
        line(QCoreApplication::translate("reqlanes::ConcurrencyRect", "client limit"),
             m_limitLine->pen());
    if (m_workers > 0)
        line(QCoreApplication::translate("reqlanes::ConcurrencyRect", "server workers"),
             m_workersLine->pen());
}

unsigned ConcurrencyRect::shownLines() const {
    return (m_limit > 0 ? kLimitLine : 0) | (m_workers > 0 ? kWorkersLine : 0) |
           (m_hasServerData ? kBusyWorkersLine : 0);
}

void ConcurrencyRect::setRun(const Run &run, double endS) {
    setRun(run, clientInFlight(run), busyServerWorkers(run), endS);
}

void ConcurrencyRect::setRun(const Run &run, const std::vector<Step> &inFlight,
                             const std::vector<Step> &busy, double endS) {
    fillSteps(m_inFlight, inFlight, endS);
    fillSteps(m_busyWorkers, busy, endS);
    // A target that sends no Server-Timing and is not the embedded server tells nothing about
    // its workers: the strip and the legend then say nothing about them either.
    m_hasServerData = !busy.empty();
    m_busyWorkers->setVisible(m_hasServerData);
    m_peak = std::max(peakOf(inFlight), peakOf(busy));

    const StrategyInfo *info = StrategyRegistry::instance().find(run.scenario.strategy);
    m_limit = info && info->usesLimit() ? run.scenario.limit : 0;
    // Our server's worker count, only where our server served: a trace or a recording from
    // elsewhere carries the scenario's defaults, not its servers' capacity.
    // No run yet (the placeholder's empty Run) has no server either: its defaults are nobody's.
    const RunKind kind = runKindOf(run);
    const bool ourServer =
        !run.requests.empty() && (kind == RunKind::StrategyRun || kind == RunKind::WatchSession);
    m_workers = ourServer && run.scenario.usesEmbeddedServer() &&
                        run.scenario.server.mode == ServerMode::Sync
                    ? run.scenario.server.workers
                    : 0;
    m_limitLine->setVisible(m_limit > 0);
    m_limitLine->point1->setCoords(0, m_limit);
    m_limitLine->point2->setCoords(1, m_limit);
    m_workersLine->setVisible(m_workers > 0);
    m_workersLine->point1->setCoords(0, m_workers);
    m_workersLine->point2->setCoords(1, m_workers);

    const int top = std::max({m_peak, m_limit, m_workers, 1});
    m_countTicker->setTickStep(countStep(top));
    m_rect->axis(QCPAxis::atLeft)->setRange(0, top * 1.2 + 0.3);
}

} // namespace reqlanes
