#include "timelinelegend.h"

#include "legendswatch.h"

namespace reqlanes {

unsigned legendContent(const TimelineSpans &spans) {
    const double visible = spans.endS * 0.004;
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
    return content;
}

void addLegendEntries(QCPLegend *legend, unsigned content, const Theme &theme) {
    const auto add = [legend](const QString &text, LegendSwatch::Shape shape, const QBrush &fill,
                              const QPen &pen) {
        legend->addItem(new LegendSwatch(legend, text, shape, fill, pen));
    };
    for (int kind = 0; kind < kSpanKindCount; ++kind)
        if (content & (1u << kind))
            add(spanKindLabel(SpanKind(kind)), LegendSwatch::Shape::Box,
                theme.phaseColor(SpanKind(kind)), Qt::NoPen);
    if (content & legendcontent::kFailed)
        add(QStringLiteral("failed"), LegendSwatch::Shape::Box,
            QBrush(theme.errorOutline, Qt::BDiagPattern), QPen(theme.errorOutline, 2));
    if (content & legendcontent::kCancelled)
        add(QStringLiteral("cancelled"), LegendSwatch::Shape::Box,
            QBrush(theme.cancelled, Qt::FDiagPattern), QPen(theme.cancelled, 1.5, Qt::DashLine));
    if (content & legendcontent::kMarks)
        add(QStringLiteral("thread / process start"), LegendSwatch::Shape::Line, {},
            QPen(theme.text, theme.lineWidth));
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

} // namespace reqlanes
