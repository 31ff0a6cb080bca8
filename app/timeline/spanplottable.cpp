#include "timeline/spanplottable.h"

#include "results/runproblems.h"

#include <algorithm>
#include <cmath>

namespace reqlanes {

namespace {

constexpr double kLanePadding = 0.14;  // lane units above and below the bars
constexpr double kExactRowMinPx = 2.5; // thinner rows are painted as dense bands
constexpr double kOutlineMinPx = 4;    // narrower bars get no outline: it would hide them
constexpr double kSeparatorMinPx = 8;  // nor do thinner ok bars: the white would cover them
constexpr int kErrorKind = kSpanKindCount;
// A pixel row of a dense band takes the phase most of its rows are in; more rows than this per
// pixel row are sampled evenly for their phases (every one still shows its errors). A 100k-request
// waterfall has ~100 rows per pixel row: all of them made its replot 18 ms; a sample of 24, 9.7 ms
// a live frame, of 12, 8.4 ms (bench_live), and a majority of 12 still names the phase most are in.
constexpr double kBandSampleRows = 12;

// First element whose end reaches `from`: rows never overlap, so ends are sorted too.
template <typename T> auto firstEndingAfter(const std::vector<T> &items, double from) {
    return std::lower_bound(items.begin(), items.end(), from,
                            [](const T &item, double value) { return item.end < value; });
}

} // namespace

SpanPlottable::SpanPlottable(QCPAxis *timeAxis, QCPAxis *laneAxis)
    : QCPAbstractPlottable(timeAxis, laneAxis) {
    setSelectable(QCP::stNone);
    setAntialiased(false);
    setAntialiasedFill(false);
    setTheme(Theme::screen());
}

void SpanPlottable::setSpans(TimelineSpans spans) {
    setSpans(std::make_shared<const TimelineSpans>(std::move(spans)));
}

void SpanPlottable::setSpans(std::shared_ptr<const TimelineSpans> spans, bool sameLanes) {
    m_spans = std::move(spans);
    if (!sameLanes || m_rowRanges.size() != m_spans->rows.size())
        placeRows();
}

void SpanPlottable::placeRows() {
    m_rowRanges.assign(m_spans->rows.size(), QCPRange());
    for (int lane = 0; lane < m_spans->laneCount(); ++lane) {
        const TimelineLane &info = m_spans->lanes[std::size_t(lane)];
        const double laneTop = lane + kLanePadding;
        const double rowHeight = (1 - 2 * kLanePadding) / info.rowCount;
        for (int r = 0; r < info.rowCount; ++r)
            m_rowRanges[std::size_t(info.firstRow + r)] =
                QCPRange(laneTop + r * rowHeight, laneTop + (r + 1) * rowHeight);
    }
}

void SpanPlottable::setTheme(const Theme &theme) {
    for (int kind = 0; kind < kSpanKindCount; ++kind)
        m_brushes[std::size_t(kind)] = QBrush(theme.phase[std::size_t(kind)]);
    m_brushes[kErrorKind] = QBrush(theme.errorOutline);
    m_separatorPen = QPen(theme.barOutline, std::max(1.0, theme.lineWidth * 0.5));
    m_separatorPen.setJoinStyle(Qt::MiterJoin);
    m_errorPen = QPen(theme.errorOutline, theme.lineWidth);
    m_errorPen.setJoinStyle(Qt::MiterJoin);
    m_cancelledPen = QPen(theme.cancelled, theme.lineWidth * 0.75, Qt::DashLine);
    m_errorHatch = QBrush(theme.errorOutline, Qt::BDiagPattern);
    m_cancelledHatch = QBrush(theme.cancelled, Qt::FDiagPattern);
    m_markPen = QPen(theme.text, theme.lineWidth);
    m_labelFont = theme.baseFont;
    m_labelFont.setPointSizeF(theme.baseFont.pointSizeF() * 0.85);
    m_labelMetrics = QFontMetricsF(m_labelFont);
    m_labelColor = theme.text;
    m_crashPen = QPen(theme.errorOutline, theme.lineWidth * 1.5);
}

QCPRange SpanPlottable::rowRange(int row) const {
    return row >= 0 && row < int(m_rowRanges.size()) ? m_rowRanges[std::size_t(row)] : QCPRange();
}

SpanPlottable::Mapping SpanPlottable::currentMapping() const {
    Mapping map;
    const QCPAxis *keys = keyAxis();
    const QCPAxis *values = valueAxis();
    map.x0 = keys->coordToPixel(0);
    map.xScale = keys->coordToPixel(1) - map.x0;
    map.y0 = values->coordToPixel(0);
    map.yScale = values->coordToPixel(1) - map.y0;
    const QRect clip = clipRect();
    map.clipLeft = clip.left() - 2;
    map.clipRight = clip.right() + 2;
    map.visibleStart = keys->range().lower;
    map.visibleEnd = keys->range().upper;
    if (keys->rangeReversed())
        std::swap(map.visibleStart, map.visibleEnd);
    return map;
}

void SpanPlottable::draw(QCPPainter *painter) {
    if (m_spans->rows.empty() || !keyAxis() || !valueAxis())
        return;
    const Mapping map = currentMapping();
    const QCPRange lanes = valueAxis()->range();
    const int firstLane = std::max(0, int(std::floor(lanes.lower)));
    const int lastLane = std::min(m_spans->laneCount() - 1, int(std::ceil(lanes.upper)));
    painter->setPen(Qt::NoPen);

    // Thin rows sharing a pixel row are gathered into one band, flushed when the pixel changes.
    // Per row only what must be: 100k rows go through here every live frame.
    bool bandOpen = false;
    double bandTop = 0, bandBottom = 0, bandPixel = 0, strideHeight = -1;
    int bandRows = 0, stride = 1;
    for (int lane = firstLane; lane <= lastLane; ++lane) {
        const TimelineLane &info = m_spans->lanes[std::size_t(lane)];
        for (int r = info.firstRow; r < info.firstRow + info.rowCount; ++r) {
            const TimelineRow &row = m_spans->rows[std::size_t(r)];
            double top = map.y(m_rowRanges[std::size_t(r)].lower);
            double bottom = map.y(m_rowRanges[std::size_t(r)].upper);
            if (top > bottom)
                std::swap(top, bottom);
            if (bottom - top >= kExactRowMinPx) {
                if (bandOpen)
                    flushBand(painter, bandTop, bandBottom);
                bandOpen = false;
                drawRowExact(painter, row, top, bottom, map);
                continue;
            }
            if (bandOpen && std::floor(top) > bandPixel) {
                flushBand(painter, bandTop, bandBottom);
                bandOpen = false;
            }
            if (!bandOpen) {
                bandOpen = true;
                bandTop = top;
                bandBottom = bottom;
                bandPixel = std::floor(top);
                bandRows = 0;
            }
            bandBottom = std::max(bandBottom, bottom);
            // Each row by its own height (lanes of many sub-rows and of one may share a band);
            // worked out again only when the height changes, as it rarely does from row to row.
            if (const double height = bottom - top; height != strideHeight) {
                strideHeight = height;
                stride = std::max(1, int(1 / (std::max(height, 1e-6) * kBandSampleRows)));
            }
            // A row neither sampled nor failed adds nothing: its spans are not even read.
            const bool sampled = bandRows++ % stride == 0;
            if (sampled || row.failed)
                addToBand(row, map, sampled);
        }
    }
    if (bandOpen)
        flushBand(painter, bandTop, bandBottom);
    drawMarks(painter, map);
}

void SpanPlottable::drawRowExact(QCPPainter *painter, const TimelineRow &row, double top,
                                 double bottom, const Mapping &map) {
    const double height = bottom - top;
    // A run of sub-pixel spans becomes one rectangle in the kind that covers most of it.
    double pendingLeft = 0, pendingRight = -1;
    std::array<double, kSpanKindCount> pendingWeight{};
    const auto flushPending = [&] {
        if (pendingRight < pendingLeft)
            return;
        const auto dominant = std::max_element(pendingWeight.begin(), pendingWeight.end());
        painter->fillRect(
            QRectF(pendingLeft, top, std::max(1.0, pendingRight - pendingLeft), height),
            m_brushes[std::size_t(dominant - pendingWeight.begin())]);
        pendingWeight.fill(0);
        pendingRight = -1;
    };

    for (auto it = firstEndingAfter(row.spans, map.visibleStart);
         it != row.spans.end() && it->start <= map.visibleEnd; ++it) {
        const double left = std::max(map.x(it->start), map.clipLeft);
        const double right = std::min(map.x(it->end), map.clipRight);
        if (right - left >= 1) {
            flushPending();
            painter->fillRect(QRectF(left, top, right - left, height),
                              m_brushes[std::size_t(it->kind)]);
            continue;
        }
        if (pendingRight >= pendingLeft && left > pendingRight + 1)
            flushPending();
        if (pendingRight < pendingLeft)
            pendingLeft = left;
        pendingRight = std::max(pendingRight, right);
        pendingWeight[std::size_t(it->kind)] += std::max(right - left, 0.01);
    }
    flushPending();
    drawBars(painter, row, top, bottom, map);
}

// Outlines: white between back-to-back requests, vermillion (and hatched when no answer came)
// for errors, dashed grey for cancelled requests.
void SpanPlottable::drawBars(QCPPainter *painter, const TimelineRow &row, double top, double bottom,
                             const Mapping &map) {
    for (auto it = firstEndingAfter(row.bars, map.visibleStart);
         it != row.bars.end() && it->start <= map.visibleEnd; ++it) {
        const double left = std::max(map.x(it->start), map.clipLeft);
        const double right = std::min(map.x(it->end), map.clipRight);
        if (right - left < kOutlineMinPx)
            continue;
        const QRectF rect(left, top, right - left, bottom - top);
        const bool cancelled = it->status == RequestStatus::Cancelled;
        const bool failed = isFailed(it->status);
        if (!cancelled && !failed && rect.height() < kSeparatorMinPx)
            continue;
        if (cancelled || failed)
            painter->fillRect(rect, cancelled ? m_cancelledHatch : m_errorHatch);
        painter->setPen(cancelled ? m_cancelledPen : failed ? m_errorPen : m_separatorPen);
        const double inset = painter->pen().widthF() / 2;
        painter->drawRect(rect.adjusted(inset, inset, -inset, -inset));
        if (cancelled || failed)
            drawFailureLabel(painter, *it, rect);
    }
    painter->setPen(Qt::NoPen);
}

// "timeout", "HTTP 503"...: written on the bar when it fits, so a slide says why it failed.
void SpanPlottable::drawFailureLabel(QCPPainter *painter, const Bar &bar, const QRectF &rect) {
    QString text;
    switch (bar.status) {
    case RequestStatus::HttpError:
        text = QStringLiteral("HTTP %1").arg(bar.httpStatus);
        break;
    default:
        text = statusWords(bar.status);
    }
    const QSizeF size = m_labelMetrics.size(Qt::TextSingleLine, text) + QSizeF(8, 2);
    if (size.width() > rect.width() - 8 || size.height() > rect.height())
        return;
    const QRectF box(rect.right() - size.width() - 4, rect.center().y() - size.height() / 2,
                     size.width(), size.height());
    painter->fillRect(box, Qt::white);
    painter->setFont(m_labelFont);
    painter->setPen(m_labelColor);
    painter->drawText(box, Qt::AlignCenter, text);
}

void SpanPlottable::addToBand(const TimelineRow &row, const Mapping &map, bool phases) {
    const auto column = [&](double seconds) {
        return int(std::clamp(map.x(seconds), map.clipLeft, map.clipRight));
    };
    for (auto it = phases ? firstEndingAfter(row.spans, map.visibleStart) : row.spans.end();
         it != row.spans.end() && it->start <= map.visibleEnd; ++it) {
        const int left = column(it->start);
        const int right = std::max(left + 1, column(it->end));
        m_bandEdges.push_back({left, std::uint8_t(it->kind), +1});
        m_bandEdges.push_back({right, std::uint8_t(it->kind), -1});
    }
    for (auto it = firstEndingAfter(row.bars, map.visibleStart);
         it != row.bars.end() && it->start <= map.visibleEnd; ++it) {
        if (!isFailed(it->status))
            continue;
        const int left = column(it->start);
        m_bandEdges.push_back({left, std::uint8_t(kErrorKind), +1});
        m_bandEdges.push_back({std::max(left + 1, column(it->end)), std::uint8_t(kErrorKind), -1});
    }
}

// By pixel column. A band of every row had up to a few hundred thousand edges over at most a
// screen's width of columns: a counting sort, where std::sort was a third of a 100k-request
// replot. A sampled band has a few dozen, and walking the columns once per pixel row cost more
// than sorting them (a tenth of a live 30k-request replot): std::sort then.
void SpanPlottable::sortByColumn() {
    const auto byColumn = [](const BandEdge &a, const BandEdge &b) { return a.x < b.x; };
    const auto [lowest, highest] =
        std::minmax_element(m_bandEdges.begin(), m_bandEdges.end(), byColumn);
    const int first = lowest->x;
    if (m_bandEdges.size() * 8 < std::size_t(highest->x - first)) {
        std::sort(m_bandEdges.begin(), m_bandEdges.end(), byColumn);
        return;
    }
    m_columnStarts.assign(std::size_t(highest->x - first + 2), 0);
    for (const BandEdge &edge : m_bandEdges)
        ++m_columnStarts[std::size_t(edge.x - first + 1)];
    for (std::size_t i = 1; i < m_columnStarts.size(); ++i)
        m_columnStarts[i] += m_columnStarts[i - 1];
    m_sortedEdges.resize(m_bandEdges.size());
    for (const BandEdge &edge : m_bandEdges)
        m_sortedEdges[std::size_t(m_columnStarts[std::size_t(edge.x - first)]++)] = edge;
    m_bandEdges.swap(m_sortedEdges);
}

// Sweeps the band's edges left to right; each stretch takes the colour of the phase most rows
// are in there (errors win outright, so a failing request never disappears in a crowd).
void SpanPlottable::flushBand(QCPPainter *painter, double top, double bottom) {
    if (m_bandEdges.empty())
        return;
    sortByColumn();
    std::array<int, kSpanKindCount + 1> active{};
    const double height = std::max(1.0, bottom - top);
    int runStart = 0, runKind = -1;
    const auto dominantKind = [&] {
        if (active[kErrorKind] > 0)
            return kErrorKind;
        int best = -1;
        for (int kind = 0; kind < kSpanKindCount; ++kind)
            if (active[std::size_t(kind)] > 0 &&
                (best < 0 || active[std::size_t(kind)] > active[std::size_t(best)]))
                best = kind;
        return best;
    };
    for (std::size_t i = 0; i < m_bandEdges.size();) {
        const int x = m_bandEdges[i].x;
        for (; i < m_bandEdges.size() && m_bandEdges[i].x == x; ++i)
            active[m_bandEdges[i].kind] += m_bandEdges[i].delta;
        const int kind = dominantKind();
        if (kind == runKind)
            continue;
        if (runKind >= 0)
            painter->fillRect(QRectF(runStart, top, x - runStart, height),
                              m_brushes[std::size_t(runKind)]);
        runStart = x;
        runKind = kind;
    }
    m_bandEdges.clear();
}

void SpanPlottable::drawMarks(QCPPainter *painter, const Mapping &map) {
    for (const LaneMark &mark : m_spans->marks) {
        if (mark.at < map.visibleStart || mark.at > map.visibleEnd)
            continue;
        const double x = map.x(mark.at);
        double top = map.y(mark.lane + kLanePadding * 0.25);
        double bottom = map.y(mark.lane + 1 - kLanePadding * 0.25);
        if (top > bottom)
            std::swap(top, bottom);
        if (bottom - top < 3)
            continue;
        if (mark.kind == LaneEventKind::ProcessCrashed) {
            const double half = std::min(8.0, (bottom - top) / 2);
            const QPointF centre(x, (top + bottom) / 2);
            painter->setPen(m_crashPen);
            painter->drawLine(centre + QPointF(-half, -half), centre + QPointF(half, half));
            painter->drawLine(centre + QPointF(-half, half), centre + QPointF(half, -half));
            continue;
        }
        // Starts get a tick with a small flag pointing into the lane's future; ends a tick.
        painter->setPen(m_markPen);
        painter->drawLine(QPointF(x, top), QPointF(x, bottom));
        const bool isStart = mark.kind == LaneEventKind::ThreadStarted ||
                             mark.kind == LaneEventKind::ProcessSpawned ||
                             mark.kind == LaneEventKind::ProcessReady;
        if (isStart) {
            const double flag = std::min(7.0, (bottom - top) / 3);
            painter->setBrush(m_markPen.color());
            painter->drawPolygon(QPolygonF{QPointF(x, top), QPointF(x + flag, top + flag / 2),
                                           QPointF(x, top + flag)});
            painter->setBrush(Qt::NoBrush);
        }
    }
    painter->setPen(Qt::NoPen);
}

std::optional<int> SpanPlottable::requestAt(const QPointF &pixel) const {
    if (!keyAxis() || !valueAxis() || m_spans->rows.empty())
        return std::nullopt;
    const double laneUnits = valueAxis()->pixelToCoord(pixel.y());
    const int lane = int(std::floor(laneUnits));
    if (lane < 0 || lane >= m_spans->laneCount())
        return std::nullopt;
    const TimelineLane &info = m_spans->lanes[std::size_t(lane)];
    const double secondsPerPixel =
        std::abs(keyAxis()->pixelToCoord(1) - keyAxis()->pixelToCoord(0));
    const double at = keyAxis()->pixelToCoord(pixel.x());
    const double tolerance = 2 * secondsPerPixel;
    for (int r = info.firstRow; r < info.firstRow + info.rowCount; ++r) {
        if (!m_rowRanges[std::size_t(r)].contains(laneUnits))
            continue;
        const TimelineRow &row = m_spans->rows[std::size_t(r)];
        const auto it = firstEndingAfter(row.bars, at - tolerance);
        if (it != row.bars.end() && it->start <= at + tolerance)
            return it->request;
    }
    return std::nullopt;
}

std::optional<int> SpanPlottable::laneAt(const QPointF &pixel) const {
    if (!valueAxis())
        return std::nullopt;
    const int lane = int(std::floor(valueAxis()->pixelToCoord(pixel.y())));
    if (lane < 0 || lane >= m_spans->laneCount())
        return std::nullopt;
    return lane;
}

double SpanPlottable::selectTest(const QPointF &, bool, QVariant *) const {
    return -1; // nothing to select; hover is handled by TimelinePlot via requestAt()
}

QCPRange SpanPlottable::getKeyRange(bool &foundRange, QCP::SignDomain) const {
    foundRange = !m_spans->rows.empty();
    return QCPRange(0, std::max(m_spans->endS, 1e-3));
}

QCPRange SpanPlottable::getValueRange(bool &foundRange, QCP::SignDomain, const QCPRange &) const {
    foundRange = !m_spans->lanes.empty();
    return QCPRange(0, std::max(1, m_spans->laneCount()));
}

void SpanPlottable::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const {
    painter->fillRect(rect, m_brushes[std::size_t(SpanKind::ServerWork)]);
}

} // namespace reqlanes
