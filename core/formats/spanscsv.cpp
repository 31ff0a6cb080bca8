#include "formats/spanscsv.h"

#include "results/lanegroupings.h"
#include "results/timelinespans.h"

#include <QSaveFile>

namespace reqlanes {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
QByteArray field(const QString &text) {
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') ||
        bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QByteArray milliseconds(double seconds) {
    return QByteArray::number(seconds * 1000.0, 'f', 3);
}

} // namespace

QByteArray runToSpansCsv(const Run &run, LaneGrouping grouping) {
    const TimelineSpans spans = buildTimelineSpans(run, grouping);
    QByteArray out = "lane_key,lane_label,row,request_id,phase,start_ms,end_ms\r\n";
    for (const TimelineLane &lane : spans.lanes) {
        const QByteArray laneFields = field(lane.keyText()) + ',' + field(lane.labelText());
        for (int r = 0; r < lane.rowCount; ++r) {
            const TimelineRow &row = spans.rows[std::size_t(lane.firstRow + r)];
            for (const Span &span : row.spans) {
                out += laneFields + ',' + QByteArray::number(r) + ',' +
                       (span.request >= 0 ? QByteArray::number(span.request) : QByteArray()) + ',' +
                       spanKindId(span.kind).toUtf8() + ',' + milliseconds(span.start) + ',' +
                       milliseconds(span.end) + "\r\n";
            }
        }
    }
    return out;
}

bool writeSpansCsv(const Run &run, const QString &laneGroupingId, const QString &path,
                   QString *error) {
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    const std::optional<LaneGrouping> grouping = laneGroupingFromName(laneGroupingId);
    if (!grouping)
        return fail(QStringLiteral("unknown lane grouping \"%1\": use %2")
                        .arg(laneGroupingId, laneGroupingChoices()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = runToSpansCsv(run, *grouping);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace reqlanes
