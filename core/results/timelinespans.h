// What the timeline draws, flattened for one lane grouping of a Run (design.md, "Lane
// semantics"): the app paints it (SpanPlottable), `reqlanes-cli --spans` writes it, tests check it
// without pixels. Pure data, no widgets: built on each snapshot.
//
// - Request lanes show every phase of their request, ending at `done` (the client's deadline, a
//   cancel, an error or the last byte); server work that went on after that is a ghost span
//   (Abandoned) after the bar.
// - Client thread / process lanes show only the time the executor was busy with a request
//   (acquired -> done, phases inside), back to back in one row, plus process start-up. A slot
//   wait (created -> acquired) is on no executor's lane.
// - Server worker lanes show only serving (server start -> server end): ServerWork while the
//   client still waited, Abandoned after it left, OtherClient for outside traffic, EarlierRun for
//   the work an earlier, stopped run left in a shared server.
// A lane splits into sub-rows only where one executor really had several requests at once (an
// event-loop thread); such a lane is `stacked`. Each row is sorted by time and never overlaps, so
// the painter can binary-search the visible range.
#pragma once

#include "model/run.h"
#include "results/lanegroupings.h"

#include <QString>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace reqlanes {

// The colours of a bar, in drawing priority order for the legend.
enum class SpanKind : std::uint8_t {
    Waiting,     // created -> acquired: waiting in the client (for what: slotwait.h)
    Connecting,  // connect start -> connected
    InFlight,    // on its way, in no phase below (e.g. sent, not yet accepted)
    Queued,      // server accepted -> handler started, when it counts as queueing (queueing.h)
    ServerWork,  // server handler start -> end, while the client waited for it
    Receiving,   // server end (or first byte) -> done
    StartUp,     // a worker process starting (spawned -> ready)
    Abandoned,   // server work after the client gave up (done < server end): still real load
    OtherClient, // a worker serving a request that was not the run's own (Run::outsideRequests)
    EarlierRun,  // a worker still serving an earlier (stopped) run's request: its leftover work
};
inline constexpr int kSpanKindCount = 10;
QString spanKindLabel(SpanKind kind); // "waiting in the client", ...
QString spanKindId(SpanKind kind);    // "waiting", "abandoned", ...: for exports

struct Span {
    double start = 0, end = 0; // seconds since the run's start
    SpanKind kind = SpanKind::InFlight;
    int request = -1; // the request it belongs to; -1 for start-ups and outside traffic
};

// A whole request on its row: for outlines, errors and hover. On an executor lane it covers only
// the busy part (acquired -> done, or server start -> end on a worker).
struct Bar {
    double start = 0, end = 0;
    int request = 0;
    RequestStatus status = RequestStatus::Pending;
    std::uint16_t httpStatus = 0;
};

// Where an item still running is placed to end: it keeps its sub-row whatever "now" becomes.
inline constexpr Nanos kOpenItem = std::numeric_limits<Nanos>::max();

// Within a row nothing overlaps, so spans (and bars) are sorted by start and by end alike.
struct TimelineRow {
    int lane = 0;
    // A bar of the row failed (isFailed): a painter folding many rows into one pixel row reads
    // this instead of the bars, and still shows every failure.
    bool failed = false;
    // For a live frame's update (growOpenEnds, updateRequestSpans): whether an end may lie at the
    // snapshot's "now" and grow with the next one (true until a frame finds none), and once not,
    // the end of its last span. Rows that cannot grow are then not read again: each row's spans
    // live apart, and a walk over 100k of them to find the few open ones was most of a watch
    // session's frame (the idea and first version: the watch-at-scale work).
    bool growing = true;
    double lastEnd = 0;
    // For a live frame's update of an executor or worker lane (updatePlacedSpans): until when the
    // row's last item keeps it taken, as buildTimelineSpans placed it (kOpenItem while it runs).
    Nanos placedUntil = kUnset;
    std::vector<Span> spans;
    std::vector<Bar> bars;
};

// The statuses a bar is drawn failed for: an HTTP error, a timeout, a refused connection, a
// protocol error. Not a cancel (the user's own stop) and not a pending request.
bool isFailed(RequestStatus status);

struct TimelineLane {
    QString label; // null on a numbered request's lane: read labelText()
    QString key;   // LaneLayout::keys; null on a numbered request's lane: read keyText()
    int firstRow = 0;
    int rowCount = 0;
    bool stacked = false; // an executor lane with several requests at once, one per sub-row
    // A numbered request's lane (by request, our own runs): its label "request N" and key
    // "request:N" are made when asked for. Making 1M of them up front was a fifth of a rebuild.
    int request = -1;
    // For a live frame's update (updatePlacedSpans): the start of the last item placed on the
    // lane (kUnset when none), and that item's request id (-1: a start-up or outside request),
    // which decide whether a later item would be placed after every one placed so far.
    Nanos lastPlacedStart = kUnset;
    int lastPlacedRequest = -1;

    QString labelText() const; // "request 7", "thread 4242", "worker 0"... (core's English)
    QString keyText() const;   // "request:7", "thread:4240:4242", "worker:0"...
};

// Thread/process lifecycle moments, drawn as marks on their lane.
struct LaneMark {
    int lane = 0;
    double at = 0;
    LaneEventKind kind = LaneEventKind::ThreadStarted;
};

struct TimelineSpans {
    LaneMeaning meaning = LaneMeaning::Request;
    std::vector<TimelineLane> lanes;
    std::vector<TimelineRow> rows; // lane by lane, top to bottom
    std::vector<LaneMark> marks;
    // Per request id, the row its bar is on (-1: none); filled by the executor and worker
    // groupings' build (not by request, where the row is the request's own) for updatePlacedSpans.
    std::vector<int> rowOfRequest;
    std::size_t spanCount = 0;
    double endS = 0; // the latest moment drawn (run elapsed or last span end)

    int laneCount() const { return static_cast<int>(lanes.size()); }
    int rowCount() const { return static_cast<int>(rows.size()); }
    bool anyStacked() const;
};

// `recycled`: the rows of an earlier build, whose allocations the new rows reuse (their content
// is dropped); at 100k-1M rows that spares a third of the rebuild.
TimelineSpans buildTimelineSpans(const Run &run, LaneGrouping grouping,
                                 std::vector<TimelineRow> recycled = {});
TimelineSpans buildTimelineSpans(const Run &run, const LaneLayout &layout,
                                 std::vector<TimelineRow> recycled = {});

// Brings `spans` — what buildTimelineSpans drew of `previous` by request (one lane and row per
// request) — up to `run`, a later snapshot of the same run: only the rows of requests whose
// record changed are rebuilt; an unchanged request still open just has its ends at the old "now"
// moved to the new one, which is all a rebuild would change. Requests that came since (a watch
// session grows) get lanes of their own at the end. The result equals
// buildTimelineSpans(run, LaneGrouping::Request). Returns the rows rebuilt (new ones included),
// or -1 (spans left untouched) when it cannot: another meaning, fewer requests, other names for
// the lanes drawn (a watch session's origins), a changed queue threshold, or time going
// backwards. `changed`: the ids of the records that differ between `previous` and `run`,
// ascending (RunChanges::requests), so the others are not compared; nullptr compares them all.
int updateRequestSpans(TimelineSpans &spans, const Run &previous, const Run &run,
                       const std::vector<int> *changed = nullptr);

// Any grouping: brings `spans` — what buildTimelineSpans drew of `previous` — up to `run`, a later
// snapshot of the same live run in which nothing but time moved on (no record, lane event,
// outside request or connection changed; `changed` as above, nullptr compares the records).
// Then every lane and sub-row stays as placed (an open item is placed as open, whatever "now"
// is) and a rebuild would only move the ends at the old "now" to the new one: that is all done.
// Returns true, or false (spans left untouched) when something else changed, a stamp lies at or
// after the old now, a queue starts or stops counting as queueing, or either run is finished.
bool growOpenEnds(TimelineSpans &spans, const Run &previous, const Run &run,
                  const std::vector<int> *changed = nullptr);

// Executor and worker groupings (any but by request): brings `spans` — what
// buildTimelineSpans(previous, ...) drew — up to `run`, a later snapshot of the same live run laid
// out as `layout` (layoutLanes(run, grouping)), without placing every item again. Greedy placement
// puts each item on the lowest sub-row free at its start, in start order; so the placement holds
// when every item that came since starts after every item placed (it goes to the end of its row),
// every item that ended did so after the last start on its lane (no item placed already could
// have taken its row), and every other changed request keeps its place (its spans are cut anew).
// Unchanged requests must only have grown, as in growOpenEnds. The result equals
// buildTimelineSpans(run, layout). Returns the rows cut again (new ones included), or -1 (spans
// left untouched; rebuild) when it cannot: other lanes, a lane event, outside request or
// connection that changed, a process still starting, an item placed out of order, a changed
// queue threshold, time going backwards, a finished run. `changed` as in updateRequestSpans.
int updatePlacedSpans(TimelineSpans &spans, const LaneLayout &layout, const Run &previous,
                      const Run &run, const std::vector<int> *changed = nullptr);

// The phases of one request as [start, end) spans, in time order, ending at `done`; an
// unfinished request's last span runs to `openEnd` (the run's now), so bars grow during a live
// run. Abandoned server work is not included (see appendAbandonedSpan). A server queue shorter
// than `queueThreshold` is drawn as in flight: buildTimelineSpans passes significantWait(run), the
// threshold the findings use, so the words and the picture agree on what queued (queueing.h);
// 0 draws every queue.
void appendRequestSpans(const RequestRecord &record, Nanos openEnd, std::vector<Span> &out,
                        Nanos queueThreshold = 0);

// Where a request's bar starts and ends; start is kUnset when it has not been created yet. A
// finished request ends at done, whatever the server did afterwards.
struct RequestExtent {
    Nanos start = kUnset, end = kUnset;
};
RequestExtent requestExtent(const RequestRecord &record, Nanos openEnd);

// The server work a request's client no longer waited for: from max(done, server start) to
// server end. When the server's end is unknown (still running, or the run ended first) it runs to
// `openEnd`, a lower bound. Empty (start == kUnset) when there is none.
RequestExtent abandonedWork(const RequestRecord &record, Nanos openEnd);
// Appends it as one Abandoned span, if there is any.
void appendAbandonedSpan(const RequestRecord &record, Nanos openEnd, std::vector<Span> &out);

} // namespace reqlanes
