// What the timeline draws, flattened for one lane grouping of a Run: every request cut into
// coloured phase spans, placed on rows (a lane splits into sub-rows when its requests overlap, as
// async requests on one thread do), each row sorted by time so the painter can binary-search the
// visible range. Pure data, no widgets: built on each snapshot, read by SpanPlottable.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace reqlanes {

// The colours of a bar, in drawing priority order for the legend.
enum class SpanKind : std::uint8_t {
    Waiting,    // created -> acquired: waiting for a slot (semaphore, pool, process)
    Connecting, // connect start -> connected
    InFlight,   // on its way, in no phase below (e.g. sent, not yet accepted)
    Queued,     // server accepted -> server handler started: queued in the server
    ServerWork, // server handler start -> end
    Receiving,  // server end (or first byte) -> done
    StartUp,    // a worker process starting (spawned -> ready)
};
inline constexpr int kSpanKindCount = 7;
QString spanKindLabel(SpanKind kind); // "waiting for a slot", ...

struct Span {
    double start = 0, end = 0; // seconds since the run's start
    SpanKind kind = SpanKind::InFlight;
};

// A whole request on its row: for outlines, errors and hover.
struct Bar {
    double start = 0, end = 0;
    int request = 0;
    RequestStatus status = RequestStatus::Pending;
    std::uint16_t httpStatus = 0;
};

// Within a row nothing overlaps, so spans (and bars) are sorted by start and by end alike.
struct TimelineRow {
    int lane = 0;
    std::vector<Span> spans;
    std::vector<Bar> bars;
};

struct TimelineLane {
    QString label;
    int firstRow = 0;
    int rowCount = 0;
};

// Thread/process lifecycle moments, drawn as marks on their lane.
struct LaneMark {
    int lane = 0;
    double at = 0;
    LaneEventKind kind = LaneEventKind::ThreadStarted;
};

struct TimelineSpans {
    std::vector<TimelineLane> lanes;
    std::vector<TimelineRow> rows; // lane by lane, top to bottom
    std::vector<LaneMark> marks;
    std::size_t spanCount = 0;
    double endS = 0; // the latest moment drawn (run elapsed or last span end)

    int laneCount() const { return static_cast<int>(lanes.size()); }
    int rowCount() const { return static_cast<int>(rows.size()); }
};

TimelineSpans buildTimelineSpans(const Run &run, LaneGrouping grouping);

// The phases of one request as [start, end) spans, in time order; an unfinished request's last
// span runs to `openEnd` (the run's now), so bars grow during a live run.
void appendRequestSpans(const RequestRecord &record, Nanos openEnd, std::vector<Span> &out);

// Where a request's bar starts and ends; start is kUnset when it has not been created yet.
struct RequestExtent {
    Nanos start = kUnset, end = kUnset;
};
RequestExtent requestExtent(const RequestRecord &record, Nanos openEnd);

} // namespace reqlanes
