#include "timeline/timelinelegend.h"

#include "i18n/runtext.h"
#include "timeline/legendswatch.h"

#include <QCoreApplication>

#include <algorithm>
#include <vector>

namespace reqlanes {

LegendContent legendContent(const TimelineSpans &spans, StrategyInfo::Slot slot, double shownS) {
    const double visible = (shownS > 0 ? shownS : spans.endS) * 0.004;
    unsigned content = 0;
    for (const TimelineRow &row : spans.rows) {
        for (const Span &span : row.spans)
            if (span.end - span.start >= visible)
                content |= 1u << unsigned(span.kind);
        for (const Bar &bar : row.bars) {
            if (bar.status == RequestStatus::Cancelled)
                content |= legendcontent::kCancelled;
            else if (bar.status != RequestStatus::Ok && bar.status != RequestStatus::Pending)
                content |= legendcontent::kFailed;
        }
    }
    if (!spans.marks.empty())
        content |= legendcontent::kMarks;
    if (spans.anyStacked())
        content |= legendcontent::kStacked;
    const bool waited = content & (1u << unsigned(SpanKind::Waiting));
    return {content, waited ? 1u << unsigned(slot) : 0u};
}

void addLegendEntries(QCPLegend *legend, const LegendContent &content, const Theme &theme) {
    const auto add = [legend](const QString &text, LegendSwatch::Shape shape, const QBrush &fill,
                              const QPen &pen) {
        legend->addItem(new LegendSwatch(legend, text, shape, fill, pen));
    };
    for (int kind = 0; kind < kSpanKindCount; ++kind) {
        if (!(content.entries & (1u << kind)))
            continue;
        if (SpanKind(kind) != SpanKind::Waiting) {
            add(spanKindText(SpanKind(kind)), LegendSwatch::Shape::Box,
                theme.phaseColor(SpanKind(kind)), Qt::NoPen);
            continue;
        }
        // One colour, named after each thing the runs shown waited for.
        for (unsigned slot = 0; slot < 32; ++slot)
            if (content.waits & (1u << slot))
                add(slotWaitText(StrategyInfo::Slot(slot)), LegendSwatch::Shape::Box,
                    theme.phaseColor(SpanKind::Waiting), Qt::NoPen);
    }
    const unsigned extras = content.entries;
    if (extras & legendcontent::kFailed)
        add(QCoreApplication::translate("TimelineLegend", "failed"), LegendSwatch::Shape::Box,
            QBrush(theme.errorOutline, Qt::BDiagPattern), QPen(theme.errorOutline, 2));
    if (extras & legendcontent::kCancelled)
        add(QCoreApplication::translate("TimelineLegend", "cancelled"), LegendSwatch::Shape::Box,
            QBrush(theme.cancelled, Qt::FDiagPattern), QPen(theme.cancelled, 1.5, Qt::DashLine));
    if (extras & legendcontent::kMarks)
        add(QCoreApplication::translate("TimelineLegend", "thread / process start and end"),
            LegendSwatch::Shape::Line, {}, QPen(theme.text, theme.lineWidth));
    // Sub-rows are not more threads: one thread had these requests in flight at the same time.
    if (extras & legendcontent::kStacked)
        add(QCoreApplication::translate("TimelineLegend", "stacked: in flight at once on one lane"),
            LegendSwatch::Shape::Line, {}, QPen(theme.mutedText, theme.lineWidth, Qt::DotLine));
}

void styleLegend(QCPLegend *legend, const Theme &theme) {
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFont(theme.baseFont);
    legend->setTextColor(theme.text);
    const int icon = QFontMetrics(theme.baseFont).height();
    legend->setIconSize(icon * 2, icon);
    legend->setColumnSpacing(icon);
}

namespace {

// The width `widths` need in `columns` columns filled row by row: each column as wide as its
// widest entry.
int rowsWidth(const std::vector<int> &widths, std::size_t columns, int spacing) {
    int total = int(columns - 1) * spacing;
    for (std::size_t column = 0; column < columns; ++column) {
        int widest = 0;
        for (std::size_t i = column; i < widths.size(); i += columns)
            widest = std::max(widest, widths[i]);
        total += widest;
    }
    return total;
}

} // namespace

void wrapLegendToWidth(QCPLegend *legend, int width) {
    std::vector<int> widths;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem *item = legend->item(i)) // a wrapped grid has gaps
            widths.push_back(item->minimumOuterSizeHint().width());
    const int available = width - legend->margins().left() - legend->margins().right();
    const auto fits = [&](std::size_t columns) {
        return rowsWidth(widths, columns, legend->columnSpacing()) <= available;
    };
    std::size_t columns = std::max<std::size_t>(1, widths.size());
    while (columns > 1 && !fits(columns))
        --columns;
    // As many rows as needed, but evenly filled: 4 + 3 entries rather than 6 + 1.
    if (!widths.empty()) {
        const std::size_t rows = (widths.size() + columns - 1) / columns;
        for (std::size_t even = (widths.size() + rows - 1) / rows; even < columns; ++even)
            if (fits(even)) {
                columns = even;
                break;
            }
    }
    // Re-adding in fill order moves the existing entries to the new wrap and drops the empty
    // rows and columns an earlier, wider wrap left behind.
    legend->setWrap(int(columns));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

} // namespace reqlanes
