#include "results/timelinespans.h"

#include "results/queueing.h"

#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <iterator>
#include <limits>
#include <queue>
#include <tuple>
#include <utility>

namespace reqlanes {

namespace {

struct KindInterval {
    SpanKind kind;
    Nanos from, to;
};

// When a phase that ends an interval is missing, the interval ends at the next phase that did
// happen (a strategy that never stamps "acquired" has not been waiting all along), or at the end
// of the request when nothing followed (refused while connecting, cancelled while waiting).
Nanos endOf(const RequestRecord &r, Phase phase, Nanos end) {
    for (int p = int(phase); p < int(Phase::Done); ++p)
        if (r.has(Phase(p)))
            return r.phase(Phase(p));
    return end;
}

// The phase intervals of a request, highest priority first: where the server's view and the
// client's overlap (the server accepts before the client sees "connected"), the server wins,
// because where the time went is the lesson. A server queue shorter than `queueThreshold` is not
// queueing (queueing.h): it stays "in flight".
int phaseIntervals(const RequestRecord &r, Nanos end, Nanos queueThreshold,
                   std::array<KindInterval, 5> &out) {
    int count = 0;
    const auto add = [&](SpanKind kind, Nanos from, Nanos to) {
        if (from != kUnset && to > from)
            out[std::size_t(count++)] = {kind, from, std::min(to, end)};
    };
    add(SpanKind::ServerWork, r.phase(Phase::ServerStart), endOf(r, Phase::ServerEnd, end));
    if (const ServerQueue queue = serverQueue(r, end); countsAsQueued(queue, queueThreshold))
        add(SpanKind::Queued, queue.from, queue.to);
    add(SpanKind::Receiving,
        r.has(Phase::ServerEnd) ? r.phase(Phase::ServerEnd) : r.phase(Phase::FirstByte), end);
    add(SpanKind::Connecting, r.phase(Phase::ConnectStart), endOf(r, Phase::Connected, end));
    // Without "acquired" the wait is unknown, unless nothing else ever happened (cancelled
    // while still waiting for its slot).
    if (r.has(Phase::Acquired) || endOf(r, Phase::Acquired, kUnset) == kUnset)
        add(SpanKind::Waiting, r.phase(Phase::Created), endOf(r, Phase::Acquired, end));
    return count;
}

constexpr double kNanosPerSecond = 1e9;
constexpr Nanos kOpen = kOpenItem;

double seconds(Nanos at) {
    return double(at) / kNanosPerSecond;
}

// Something to place on a lane's sub-rows: a request's busy time, a process start-up, or an
// outside request on a worker.
struct Placement {
    enum class What : std::uint8_t { Request, StartUp, Outside };
    Nanos start, end; // end: kOpen while still running, so a growing bar keeps its row
    What what;
    int index;     // request id, or Run::outsideRequests index
    Nanos drawEnd; // where it ends on screen: a request's bar, a start-up or outside span
};

// Greedy interval partitioning: each item goes on the lowest sub-row that is free at its start.
// Heaps keep it O(n log n): a 100k-request async run on one thread has 100k sub-rows.
std::vector<int> assignSubRows(const std::vector<Placement> &items, int *rowCount) {
    using Busy = std::pair<Nanos, int>; // (end, row)
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    std::priority_queue<int, std::vector<int>, std::greater<>> free;
    std::vector<int> rowOf;
    rowOf.reserve(items.size());
    int rows = 0;
    for (const Placement &item : items) {
        while (!busy.empty() && busy.top().first <= item.start) {
            free.push(busy.top().second);
            busy.pop();
        }
        int row = rows;
        if (free.empty()) {
            ++rows;
        } else {
            row = free.top();
            free.pop();
        }
        rowOf.push_back(row);
        busy.push({item.end, row});
    }
    *rowCount = std::max(1, rows);
    return rowOf;
}

// When an executor took the request: acquired, or (strategies that never wait for a slot and so
// never stamp it) the first moment the request shows up.
Nanos busyStart(const RequestRecord &record, Nanos openEnd) {
    return record.has(Phase::Acquired) ? record.phase(Phase::Acquired)
                                       : requestExtent(record, openEnd).start;
}

// A request's part of a lane, by what the lane means; start kUnset when it has none.
RequestExtent busyExtent(const RequestRecord &record, LaneMeaning meaning, Nanos openEnd) {
    switch (meaning) {
    case LaneMeaning::Request:
        return requestExtent(record, openEnd);
    case LaneMeaning::ClientExecutor: {
        const RequestExtent extent = requestExtent(record, openEnd);
        if (extent.start == kUnset)
            return {};
        return {std::min(busyStart(record, openEnd), extent.end), extent.end};
    }
    case LaneMeaning::ServerWorker:
        if (!record.has(Phase::ServerStart))
            return {};
        return {record.phase(Phase::ServerStart),
                std::max(record.phase(Phase::ServerStart),
                         record.has(Phase::ServerEnd) ? record.phase(Phase::ServerEnd) : openEnd)};
    }
    return {};
}

// Where a request is placed on a lane of the given meaning: from its busy start to its end, or
// kOpen while it still occupies the lane (a request lane holds its ghost too); and where its bar
// ends on screen (`busyEnd`, "now" while open). start kUnset when it is on no lane of that
// meaning yet.
struct PlacedExtent {
    Nanos start = kUnset, end = kUnset, busyEnd = kUnset;
};
PlacedExtent placedExtent(const Run &run, const RequestRecord &record, LaneMeaning meaning,
                          Nanos now) {
    const RequestExtent busy = busyExtent(record, meaning, now);
    if (busy.start == kUnset)
        return {};
    bool open = !record.finished();
    Nanos placedEnd = busy.end;
    if (meaning == LaneMeaning::ServerWorker)
        open = !run.finished && !record.has(Phase::ServerEnd);
    if (meaning == LaneMeaning::Request)
        placedEnd = std::max(placedEnd, abandonedWork(record, now).end);
    return {busy.start, open ? kOpen : placedEnd, busy.end};
}

// The spans of one request on a lane of the given meaning, appended to a row.
void appendBusySpans(const RequestRecord &record, LaneMeaning meaning, Nanos openEnd,
                     Nanos queueThreshold, std::vector<Span> &out) {
    const std::size_t first = out.size();
    switch (meaning) {
    case LaneMeaning::Request:
        appendRequestSpans(record, openEnd, out, queueThreshold);
        appendAbandonedSpan(record, openEnd, out);
        return;
    case LaneMeaning::ClientExecutor: {
        // The request's own phases, minus the slot wait before the executor took it.
        appendRequestSpans(record, openEnd, out, queueThreshold);
        const double from = seconds(busyStart(record, openEnd));
        auto kept = std::remove_if(out.begin() + std::ptrdiff_t(first), out.end(),
                                   [from](const Span &span) { return span.end <= from; });
        out.erase(kept, out.end());
        for (std::size_t i = first; i < out.size(); ++i)
            out[i].start = std::max(out[i].start, from);
        return;
    }
    case LaneMeaning::ServerWorker: {
        const RequestExtent served = busyExtent(record, meaning, openEnd);
        if (served.start == kUnset || served.end <= served.start)
            return;
        const RequestExtent abandoned = abandonedWork(record, openEnd);
        const Nanos clientLeft = abandoned.start == kUnset ? served.end : abandoned.start;
        if (clientLeft > served.start)
            out.push_back(
                {seconds(served.start), seconds(clientLeft), SpanKind::ServerWork, record.id});
        appendAbandonedSpan(record, openEnd, out);
        return;
    }
    }
}

// The span count, and the latest moment drawn: now, or a span's end beyond it.
void summarise(TimelineSpans &spans, Nanos now) {
    double end = seconds(now);
    spans.spanCount = 0;
    for (const TimelineRow &row : spans.rows) {
        spans.spanCount += row.spans.size();
        if (!row.spans.empty())
            end = std::max(end, row.spans.back().end);
    }
    spans.endS = end;
}

// Whether an unchanged request's spans between two snapshots differ only by their ends at the old
// "now" moving to the new one: every stamp before the old now (so no cut lies between the two),
// and an open server queue that neither starts nor stops counting as queueing.
bool onlyGrows(const RequestRecord &record, Nanos then, Nanos now, Nanos queueThreshold) {
    for (const Nanos at : record.at)
        if (at != kUnset && at >= then)
            return false;
    // The queue grows with "now" only while the server has accepted the request and nothing
    // after that happened yet (serverQueue).
    const bool queueOpen = record.has(Phase::ServerAccept) && !record.has(Phase::ServerStart) &&
                           !record.has(Phase::ServerEnd) && !record.has(Phase::FirstByte) &&
                           !record.has(Phase::Done);
    if (!queueOpen)
        return true;
    const Nanos endThen = requestExtent(record, then).end, endNow = requestExtent(record, now).end;
    return countsAsQueued(serverQueue(record, endThen), queueThreshold) ==
           countsAsQueued(serverQueue(record, endNow), queueThreshold);
}

// Calls `visit(id, changed)` for every request of `run`, in id order: changed when the record
// differs from `previous`'s (or is new). `changed` names the ids that differ, ascending; nullptr
// compares every record.
template <typename Visit>
void visitRequests(const Run &previous, const Run &run, const std::vector<int> *changed,
                   Visit visit) {
    const std::size_t known = previous.requests.size();
    auto next = changed ? changed->begin() : std::vector<int>::const_iterator{};
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        bool differs = id >= known;
        if (changed) {
            while (next != changed->end() && std::size_t(*next) < id)
                ++next;
            differs = differs || (next != changed->end() && std::size_t(*next) == id);
        } else if (!differs) {
            differs = !(previous.requests[id] == run.requests[id]);
        }
        if (!visit(id, differs))
            return;
    }
}

// Adds a row to the span count and the latest end drawn (TimelineRow::lastEnd kept up to date).
void countRow(const TimelineRow &row, std::size_t &spanCount, double &endS) {
    spanCount += row.spans.size();
    if (!row.spans.empty())
        endS = std::max(endS, row.lastEnd);
}

// What a rebuild would change in a row whose items only grew: their ends at the old now. A row
// none of whose ends moved holds nothing open, and is not read again until it is cut anew. Adds
// the row to the span count and the latest end drawn.
void growRow(TimelineRow &row, double beforeS, double nowS, std::size_t &spanCount, double &endS) {
    if (row.growing) {
        bool grew = false;
        for (Span &span : row.spans)
            if (span.end == beforeS) {
                span.end = nowS;
                grew = true;
            }
        for (Bar &bar : row.bars)
            if (bar.end == beforeS) {
                bar.end = nowS;
                grew = true;
            }
        row.growing = grew;
        row.lastEnd = row.spans.empty() ? 0 : row.spans.back().end;
    }
    countRow(row, spanCount, endS);
}

// How far ahead of its use a record is fetched into the cache, in items, and the fetch: a
// record spans two cache lines. (GCC's and clang's builtin; a hint, never a fault.)
constexpr std::size_t kPrefetchAhead = 8;
void prefetchRecord(const RequestRecord &record) {
    const char *at = reinterpret_cast<const char *>(&record);
    __builtin_prefetch(at);
    __builtin_prefetch(at + sizeof(RequestRecord) - 1);
}

// What a request usually becomes on an executor's row: connecting, queued, served, receiving.
constexpr std::size_t kSpansPerRequestGuess = 4;

// The request number a lane named `label` by layoutByRequest shows: its request's, when the
// layout left it unnamed (null), else none (-1).
int numberedRequest(const QString &label, const RequestRecord &record) {
    return label.isNull() ? record.id : -1;
}

// A lane layoutByRequest left unnamed (a numbered request's) gets its request's number.
void nameNumberedLanes(TimelineSpans &spans, const Run &run, const LaneLayout &layout) {
    if (layout.meaning != LaneMeaning::Request)
        return;
    const std::size_t count = std::min(run.requests.size(), layout.laneOfRequest.size());
    for (std::size_t id = 0; id < count; ++id) {
        const int lane = layout.laneOfRequest[id];
        if (lane >= 0 && lane < spans.laneCount()) {
            TimelineLane &named = spans.lanes[std::size_t(lane)];
            named.request = numberedRequest(named.label, run.requests[id]);
        }
    }
}

// A row of an earlier build, emptied for this one: its spans and bars keep their allocations
// (100k-1M rows of two vectors each were a third of a rebuild in malloc and free), every other
// field is as new.
void recycleRow(TimelineRow &row) {
    std::vector<Span> spans = std::move(row.spans);
    std::vector<Bar> bars = std::move(row.bars);
    row = TimelineRow{};
    spans.clear();
    bars.clear();
    row.spans = std::move(spans);
    row.bars = std::move(bars);
}

// A waterfall: every lane a request's own (at most one request each, no lane events, no
// outside traffic), so each lane is one row and nothing needs placing. At 200k requests the
// general path's per-lane placement lists and sub-row heaps were most of a 1M-span rebuild.
bool oneRequestPerLane(const Run &run, const LaneLayout &layout) {
    if (layout.meaning != LaneMeaning::Request)
        return false;
    const auto onALane = [](int lane) { return lane >= 0; };
    if (std::any_of(layout.laneOfEvent.begin(), layout.laneOfEvent.end(), onALane) ||
        std::any_of(layout.laneOfOutside.begin(), layout.laneOfOutside.end(), onALane))
        return false;
    std::vector<bool> taken(std::size_t(layout.laneCount()), false);
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const int lane = id < layout.laneOfRequest.size() ? layout.laneOfRequest[id] : -1;
        if (lane < 0)
            continue;
        if (lane >= layout.laneCount() || taken[std::size_t(lane)])
            return false;
        taken[std::size_t(lane)] = true;
    }
    return true;
}

TimelineSpans buildOneRowPerRequest(const Run &run, const LaneLayout &layout,
                                    std::vector<TimelineRow> recycled) {
    TimelineSpans result;
    result.meaning = layout.meaning;
    const Nanos now = run.elapsed;
    const Nanos queueThreshold = significantWait(run);
    const auto lanes = std::size_t(layout.laneCount());
    result.lanes.reserve(lanes);
    result.rows = std::move(recycled);
    result.rows.resize(lanes);
    for (TimelineRow &row : result.rows)
        recycleRow(row);
    for (std::size_t lane = 0; lane < lanes; ++lane) {
        const QString key = lane < layout.keys.size() ? layout.keys[lane] : QString::number(lane);
        result.lanes.push_back({layout.labels[lane], key, int(lane), 1, false});
        result.rows[lane].lane = int(lane);
    }
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const int lane = id < layout.laneOfRequest.size() ? layout.laneOfRequest[id] : -1;
        const RequestRecord &record = run.requests[id];
        const RequestExtent extent = requestExtent(record, now);
        if (lane < 0 || extent.start == kUnset)
            continue;
        TimelineRow &row = result.rows[std::size_t(lane)];
        row.spans.reserve(kSpanKindCount / 2); // a request's phases and its ghost
        appendBusySpans(record, LaneMeaning::Request, now, queueThreshold, row.spans);
        row.bars.push_back({seconds(extent.start), seconds(extent.end), int(id), record.status,
                            record.httpStatus});
        row.failed = isFailed(record.status);
    }
    nameNumberedLanes(result, run, layout);
    summarise(result, now);
    return result;
}

} // namespace

QString spanKindLabel(SpanKind kind) {
    switch (kind) {
    case SpanKind::Waiting:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting in the client"));
    case SpanKind::Connecting:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "connecting"));
    case SpanKind::InFlight:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "in flight"));
    case SpanKind::Queued:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "queued in server"));
    case SpanKind::ServerWork:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "server work"));
    case SpanKind::Receiving:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "receiving"));
    case SpanKind::StartUp:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "process start-up"));
    case SpanKind::Abandoned:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "abandoned server work"));
    case SpanKind::OtherClient:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "other client"));
    case SpanKind::EarlierRun:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "stopped run's leftover work"));
    }
    return {};
}

QString spanKindId(SpanKind kind) {
    switch (kind) {
    case SpanKind::Waiting:
        return QStringLiteral("waiting");
    case SpanKind::Connecting:
        return QStringLiteral("connecting");
    case SpanKind::InFlight:
        return QStringLiteral("in_flight");
    case SpanKind::Queued:
        return QStringLiteral("queued");
    case SpanKind::ServerWork:
        return QStringLiteral("server_work");
    case SpanKind::Receiving:
        return QStringLiteral("receiving");
    case SpanKind::StartUp:
        return QStringLiteral("start_up");
    case SpanKind::Abandoned:
        return QStringLiteral("abandoned");
    case SpanKind::OtherClient:
        return QStringLiteral("other_client");
    case SpanKind::EarlierRun:
        return QStringLiteral("earlier_run");
    }
    return {};
}

bool TimelineSpans::anyStacked() const {
    return std::any_of(lanes.begin(), lanes.end(),
                       [](const TimelineLane &lane) { return lane.stacked; });
}

QString TimelineLane::labelText() const {
    return request >= 0 ? QStringLiteral("request ") + QString::number(request) : label;
}

QString TimelineLane::keyText() const {
    return request >= 0 ? QStringLiteral("request:") + QString::number(request) : key;
}

bool isFailed(RequestStatus status) {
    return status == RequestStatus::HttpError || status == RequestStatus::Timeout ||
           status == RequestStatus::Refused || status == RequestStatus::ProtocolError;
}

RequestExtent requestExtent(const RequestRecord &record, Nanos openEnd) {
    RequestExtent extent;
    Nanos last = kUnset;
    for (const Nanos at : record.at) {
        if (at == kUnset)
            continue;
        extent.start = extent.start == kUnset ? at : std::min(extent.start, at);
        last = std::max(last, at);
    }
    if (extent.start == kUnset)
        return extent;
    // The client's end is the request's end: a server end stamped later is abandoned work.
    extent.end = record.has(Phase::Done) ? std::max(extent.start, record.phase(Phase::Done))
                                         : std::max(last, openEnd);
    return extent;
}

RequestExtent abandonedWork(const RequestRecord &record, Nanos openEnd) {
    if (!record.has(Phase::Done) || !record.has(Phase::ServerStart))
        return {};
    const Nanos from = std::max(record.phase(Phase::Done), record.phase(Phase::ServerStart));
    const Nanos to = record.has(Phase::ServerEnd) ? record.phase(Phase::ServerEnd) : openEnd;
    if (to <= from)
        return {};
    return {from, to};
}

void appendAbandonedSpan(const RequestRecord &record, Nanos openEnd, std::vector<Span> &out) {
    const RequestExtent abandoned = abandonedWork(record, openEnd);
    if (abandoned.start != kUnset)
        out.push_back(
            {seconds(abandoned.start), seconds(abandoned.end), SpanKind::Abandoned, record.id});
}

void appendRequestSpans(const RequestRecord &record, Nanos openEnd, std::vector<Span> &out,
                        Nanos queueThreshold) {
    const RequestExtent extent = requestExtent(record, openEnd);
    if (extent.start == kUnset || extent.end <= extent.start)
        return;
    std::array<KindInterval, 5> intervals{};
    const int count = phaseIntervals(record, extent.end, queueThreshold, intervals);

    // Elementary intervals between every boundary; each takes the highest-priority phase that
    // covers it, or "in flight".
    std::array<Nanos, 12> cuts{};
    int cutCount = 0;
    cuts[std::size_t(cutCount++)] = extent.start;
    cuts[std::size_t(cutCount++)] = extent.end;
    for (int i = 0; i < count; ++i) {
        cuts[std::size_t(cutCount++)] = std::max(extent.start, intervals[std::size_t(i)].from);
        cuts[std::size_t(cutCount++)] = std::min(extent.end, intervals[std::size_t(i)].to);
    }
    std::sort(cuts.begin(), cuts.begin() + cutCount);
    cutCount = int(std::unique(cuts.begin(), cuts.begin() + cutCount) - cuts.begin());

    const std::size_t firstNew = out.size();
    for (int c = 0; c + 1 < cutCount; ++c) {
        const Nanos from = cuts[std::size_t(c)], to = cuts[std::size_t(c + 1)];
        if (from < extent.start || to > extent.end || to <= from)
            continue;
        SpanKind kind = SpanKind::InFlight;
        for (int i = 0; i < count; ++i) {
            const KindInterval &interval = intervals[std::size_t(i)];
            if (interval.from <= from && to <= interval.to) {
                kind = interval.kind;
                break;
            }
        }
        if (out.size() > firstNew && out.back().kind == kind)
            out.back().end = seconds(to);
        else
            out.push_back({seconds(from), seconds(to), kind, record.id});
    }
}

TimelineSpans buildTimelineSpans(const Run &run, LaneGrouping grouping,
                                 std::vector<TimelineRow> recycled) {
    return buildTimelineSpans(run, layoutLanes(run, grouping), std::move(recycled));
}

TimelineSpans buildTimelineSpans(const Run &run, const LaneLayout &layout,
                                 std::vector<TimelineRow> recycled) {
    if (oneRequestPerLane(run, layout))
        return buildOneRowPerRequest(run, layout, std::move(recycled));
    TimelineSpans result;
    result.meaning = layout.meaning;
    const Nanos now = run.elapsed;
    const Nanos queueThreshold = significantWait(run);

    result.lanes.reserve(std::size_t(layout.laneCount()));
    result.rows = std::move(recycled);
    result.rows.reserve(std::size_t(layout.laneCount()));
    std::size_t rowsUsed = 0; // the rows past it are recycled ones not needed (yet)
    result.rowOfRequest.assign(run.requests.size(), -1);
    std::vector<std::vector<Placement>> perLane(std::size_t(layout.laneCount()));
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const int lane = id < layout.laneOfRequest.size() ? layout.laneOfRequest[id] : -1;
        const PlacedExtent placed = placedExtent(run, run.requests[id], layout.meaning, now);
        if (lane >= 0 && placed.start != kUnset)
            perLane[std::size_t(lane)].push_back(
                {placed.start, placed.end, Placement::What::Request, int(id), placed.busyEnd});
    }
    for (std::size_t i = 0; i < run.outsideRequests.size(); ++i) {
        const int lane = i < layout.laneOfOutside.size() ? layout.laneOfOutside[i] : -1;
        const OutsideRequest &outside = run.outsideRequests[i];
        if (lane < 0 || outside.started == kUnset)
            continue;
        const Nanos end = outside.ended != kUnset ? outside.ended : std::max(outside.started, now);
        perLane[std::size_t(lane)].push_back({outside.started,
                                              outside.ended != kUnset || run.finished ? end : kOpen,
                                              Placement::What::Outside, int(i), end});
    }
    // A process lane shows its worker starting up: spawned until it said hello.
    for (std::size_t e = 0; e < run.laneEvents.size(); ++e) {
        const LaneEvent &spawned = run.laneEvents[e];
        const int lane = e < layout.laneOfEvent.size() ? layout.laneOfEvent[e] : -1;
        if (lane < 0)
            continue;
        result.marks.push_back({lane, seconds(spawned.at), spawned.kind});
        if (spawned.kind != LaneEventKind::ProcessSpawned)
            continue;
        Nanos ready = run.finished ? kUnset : now;
        for (const LaneEvent &later : run.laneEvents)
            if (later.kind == LaneEventKind::ProcessReady && later.processId == spawned.processId)
                ready = later.at;
        if (ready != kUnset && ready > spawned.at)
            perLane[std::size_t(lane)].push_back(
                {spawned.at, ready, Placement::What::StartUp, -1, ready});
    }

    for (int lane = 0; lane < layout.laneCount(); ++lane) {
        std::vector<Placement> &items = perLane[std::size_t(lane)];
        std::stable_sort(items.begin(), items.end(),
                         [](const Placement &a, const Placement &b) { return a.start < b.start; });
        int subRows = 1;
        const std::vector<int> rowOf = assignSubRows(items, &subRows);
        const int firstRow = int(rowsUsed);
        // A request lane holds one request; only an executor can do several things at once.
        const bool stacked = subRows > 1 && layout.meaning != LaneMeaning::Request;
        const QString key = std::size_t(lane) < layout.keys.size() ? layout.keys[std::size_t(lane)]
                                                                   : QString::number(lane);
        result.lanes.push_back({layout.labels[std::size_t(lane)], key, firstRow, subRows, stacked});
        if (!items.empty()) {
            result.lanes.back().lastPlacedStart = items.back().start;
            if (items.back().what == Placement::What::Request)
                result.lanes.back().lastPlacedRequest = items.back().index;
        }
        rowsUsed += std::size_t(subRows);
        if (result.rows.size() < rowsUsed)
            result.rows.resize(rowsUsed);
        // Room for each row's bars and spans up front: an 8-thread run of 1M spans grew its rows
        // by doubling, a fifth of its rebuild in copies.
        std::vector<std::size_t> itemsOfRow(std::size_t(subRows), 0);
        for (const int r : rowOf)
            ++itemsOfRow[std::size_t(r)];
        for (int r = 0; r < subRows; ++r) {
            TimelineRow &row = result.rows[std::size_t(firstRow + r)];
            recycleRow(row);
            row.lane = lane;
            row.bars.reserve(itemsOfRow[std::size_t(r)]);
            row.spans.reserve(itemsOfRow[std::size_t(r)] * kSpansPerRequestGuess);
        }

        for (std::size_t i = 0; i < items.size(); ++i) {
            // A lane's items are its requests in time order, scattered over the records (a pool
            // of 8 threads takes every 8th): ask for a record some items ahead, or each one read
            // here is a cache miss, a fifth of a 1M-span rebuild.
            if (i + kPrefetchAhead < items.size() &&
                items[i + kPrefetchAhead].what == Placement::What::Request)
                prefetchRecord(run.requests[std::size_t(items[i + kPrefetchAhead].index)]);
            TimelineRow &row = result.rows[std::size_t(firstRow + rowOf[i])];
            const Placement &item = items[i];
            row.placedUntil = item.end;
            if (item.what == Placement::What::StartUp) {
                row.spans.push_back(
                    {seconds(item.start), seconds(item.drawEnd), SpanKind::StartUp});
                continue;
            }
            if (item.what == Placement::What::Outside) {
                const bool earlier = run.outsideRequests[std::size_t(item.index)].earlierRun;
                if (item.drawEnd > item.start)
                    row.spans.push_back({seconds(item.start), seconds(item.drawEnd),
                                         earlier ? SpanKind::EarlierRun : SpanKind::OtherClient});
                continue;
            }
            const RequestRecord &record = run.requests[std::size_t(item.index)];
            appendBusySpans(record, layout.meaning, now, queueThreshold, row.spans);
            row.bars.push_back({seconds(item.start), seconds(item.drawEnd), item.index,
                                record.status, record.httpStatus});
            row.failed = row.failed || isFailed(record.status);
            result.rowOfRequest[std::size_t(item.index)] = firstRow + rowOf[i];
        }
    }
    result.rows.resize(rowsUsed);

    nameNumberedLanes(result, run, layout);
    summarise(result, now);
    return result;
}

int updateRequestSpans(TimelineSpans &spans, const Run &previous, const Run &run,
                       const std::vector<int> *changed) {
    const std::size_t known = previous.requests.size(), count = run.requests.size();
    // The lanes drawn keep their names: what they were named from (a watch session's origins)
    // is the same for every request drawn before.
    const std::size_t knownOrigins = std::min(run.origins.size(), known);
    if (spans.meaning != LaneMeaning::Request || count < known || spans.rows.size() != known ||
        spans.lanes.size() != known || run.elapsed < previous.elapsed ||
        previous.origins.size() != knownOrigins ||
        !std::equal(previous.origins.begin(), previous.origins.end(), run.origins.begin()))
        return -1;
    const Nanos threshold = significantWait(run);
    if (threshold != significantWait(previous))
        return -1;
    // A watch session grows: each request that came since gets a lane of its own at the end, as
    // layoutByRequest and nameNumberedLanes would give it.
    spans.rows.resize(count); // grows by doubling, as the lanes do
    for (std::size_t id = known; id < count; ++id) {
        RequestLaneName name = requestLaneName(run, id);
        const int request = numberedRequest(name.label, run.requests[id]);
        spans.lanes.push_back(
            {std::move(name.label), std::move(name.key), int(id), 1, false, request});
        spans.rows[id].lane = int(id);
    }
    const Nanos before = previous.elapsed, now = run.elapsed;
    const double beforeS = seconds(before), nowS = seconds(now);
    int rebuilt = 0;
    // summarise(), in the same pass: a second walk over 100k rows cost a millisecond a frame.
    std::size_t spanCount = 0;
    double endS = nowS;
    // With the changed ids at hand, any other record is known to be equal without reading both.
    visitRequests(previous, run, changed, [&](std::size_t id, bool differs) {
        const RequestRecord &record = run.requests[id];
        TimelineRow &row = spans.rows[id];
        if (!differs && onlyGrows(record, before, now, threshold)) {
            growRow(row, beforeS, nowS, spanCount, endS);
            return true;
        }
        ++rebuilt;
        row.spans.clear();
        row.bars.clear();
        row.failed = false;
        row.growing = true;
        const RequestExtent extent = requestExtent(record, now);
        if (extent.start != kUnset) {
            appendBusySpans(record, LaneMeaning::Request, now, threshold, row.spans);
            row.bars.push_back({seconds(extent.start), seconds(extent.end), int(id), record.status,
                                record.httpStatus});
            row.failed = isFailed(record.status);
        }
        row.lastEnd = row.spans.empty() ? 0 : row.spans.back().end;
        countRow(row, spanCount, endS);
        return true;
    });
    spans.spanCount = spanCount;
    spans.endS = endS;
    return rebuilt;
}

namespace {

// Whether, between two snapshots of a live run, nothing but its requests changed (lane events,
// outside requests, connections, spans and client sides equal; origins only added to), and
// nothing of the rest lies at or after the old now, where it would be taken for an open end.
bool onlyRequestsMoved(const Run &previous, const Run &run) {
    const Nanos before = previous.elapsed;
    if (previous.finished || run.finished || run.elapsed < before ||
        previous.laneEvents != run.laneEvents || previous.outsideRequests != run.outsideRequests ||
        previous.connections != run.connections || previous.spans != run.spans ||
        previous.clientSides != run.clientSides || previous.origins.size() > run.origins.size() ||
        !std::equal(previous.origins.begin(), previous.origins.end(), run.origins.begin()) ||
        significantWait(previous) != significantWait(run))
        return false;
    for (const LaneEvent &event : run.laneEvents)
        if (event.at >= before)
            return false;
    for (const OutsideRequest &outside : run.outsideRequests)
        for (const Nanos at : {outside.accepted, outside.started, outside.ended})
            if (at != kUnset && at >= before)
                return false;
    return true;
}

// A process start-up not over yet ends at "now" on screen and in its placement, so it moves
// every frame: the incremental update leaves such a run to a rebuild.
bool anyProcessStarting(const Run &run) {
    for (const LaneEvent &spawned : run.laneEvents) {
        if (spawned.kind != LaneEventKind::ProcessSpawned)
            continue;
        const bool ready = std::any_of(run.laneEvents.begin(), run.laneEvents.end(),
                                       [&spawned](const LaneEvent &later) {
                                           return later.kind == LaneEventKind::ProcessReady &&
                                                  later.processId == spawned.processId;
                                       });
        if (!ready)
            return true;
    }
    return false;
}

// Replaces request `id`'s spans and bar on its row by `record`'s as of `now` (its place unchanged).
void recutRequest(TimelineRow &row, const RequestRecord &record, int id, LaneMeaning meaning,
                  Nanos now, Nanos queueThreshold) {
    // Most often the request is the row's last item (it was running): look from the end.
    auto bar = row.bars.end();
    while (bar != row.bars.begin() && std::prev(bar)->request != id)
        --bar;
    if (bar == row.bars.begin())
        return; // not on this row (rowOfRequest says it is: not reached)
    --bar;
    // Its spans (none while it has no length yet) start at or after its bar's start, and every
    // earlier item's before it: nothing on a row overlaps.
    auto first = std::lower_bound(row.spans.begin(), row.spans.end(), bar->start,
                                  [](const Span &span, double at) { return span.start < at; });
    auto last = first;
    while (last != row.spans.end() && last->request == record.id)
        ++last;
    std::vector<Span> cut;
    appendBusySpans(record, meaning, now, queueThreshold, cut);
    const auto at = row.spans.erase(first, last);
    row.spans.insert(at, cut.begin(), cut.end());
    const RequestExtent busy = busyExtent(record, meaning, now);
    *bar = {seconds(busy.start), seconds(busy.end), id, record.status, record.httpStatus};
}

} // namespace

int updatePlacedSpans(TimelineSpans &spans, const LaneLayout &layout, const Run &previous,
                      const Run &run, const std::vector<int> *changed) {
    const LaneMeaning meaning = layout.meaning;
    const std::size_t known = previous.requests.size(), count = run.requests.size();
    if (meaning == LaneMeaning::Request || spans.meaning != meaning || count < known ||
        spans.rowOfRequest.size() != known || spans.lanes.size() != layout.labels.size() ||
        layout.laneOfRequest.size() < count || !onlyRequestsMoved(previous, run) ||
        anyProcessStarting(run))
        return -1;
    for (std::size_t lane = 0; lane < spans.lanes.size(); ++lane)
        if (spans.lanes[lane].key != layout.keys[lane] ||
            spans.lanes[lane].label != layout.labels[lane])
            return -1;
    const Nanos before = previous.elapsed, now = run.elapsed;
    const Nanos threshold = significantWait(run);

    // What changed, and whether each change keeps every place: an item that ended, on its row
    // (closing); one that only changed inside its place (recut); one that came since (added).
    struct Added {
        Nanos start, end;
        int request;
        int lane;
    };
    std::vector<Added> added;
    std::vector<std::pair<int, Nanos>> closing; // (request, its end)
    std::vector<int> recut;
    bool holds = true;
    visitRequests(previous, run, changed, [&](std::size_t id, bool differs) {
        const RequestRecord &record = run.requests[id];
        // An unchanged request that did more than grow (a stamp at the old now) is cut anew.
        if (!differs && onlyGrows(record, before, now, threshold))
            return true;
        const int lane = layout.laneOfRequest[id];
        const PlacedExtent placed =
            lane >= 0 ? placedExtent(run, record, meaning, now) : PlacedExtent{};
        const int row = id < known ? spans.rowOfRequest[id] : -1;
        if (row < 0) {
            if (placed.start != kUnset)
                added.push_back({placed.start, placed.end, int(id), lane});
            return true;
        }
        const PlacedExtent was = placedExtent(previous, previous.requests[id], meaning, before);
        holds = placed.start == was.start && spans.rows[std::size_t(row)].lane == lane;
        if (holds && placed.end != was.end) {
            // Ended: no item placed after it may have started since (or it would have been
            // offered this row), and it was its row's last item (it was running).
            const TimelineLane &on = spans.lanes[std::size_t(lane)];
            holds = was.end == kOpen && placed.end > on.lastPlacedStart;
            closing.emplace_back(int(id), placed.end);
        }
        recut.push_back(int(id));
        return holds;
    });
    // Placed after everything on its lane so far, in the build's order (start, then id).
    std::sort(added.begin(), added.end(), [](const Added &a, const Added &b) {
        return std::tie(a.lane, a.start, a.request) < std::tie(b.lane, b.start, b.request);
    });
    for (std::size_t i = 0; holds && i < added.size(); ++i) {
        if (i > 0 && added[i - 1].lane == added[i].lane)
            continue;
        const TimelineLane &on = spans.lanes[std::size_t(added[i].lane)];
        holds = on.lastPlacedStart == kUnset || added[i].start > on.lastPlacedStart ||
                (added[i].start == on.lastPlacedStart && on.lastPlacedRequest >= 0 &&
                 on.lastPlacedRequest < added[i].request);
    }
    if (!holds)
        return -1;

    // From here on it holds. Unchanged items' open ends move to the new now first, so a request
    // cut anew below, whose ends are already the new now's, is not moved again.
    const double beforeS = seconds(before), nowS = seconds(now);
    std::size_t ignoredCount = 0;
    double ignoredEnd = 0;
    for (TimelineRow &row : spans.rows)
        growRow(row, beforeS, nowS, ignoredCount, ignoredEnd);
    std::vector<int> touched;
    for (const auto &[id, end] : closing)
        spans.rows[std::size_t(spans.rowOfRequest[std::size_t(id)])].placedUntil = end;
    for (const int id : recut) {
        const int row = spans.rowOfRequest[std::size_t(id)];
        recutRequest(spans.rows[std::size_t(row)], run.requests[std::size_t(id)], id, meaning, now,
                     threshold);
        touched.push_back(row);
    }

    // The added items, lane by lane, on the lowest sub-row free at their start (assignSubRows,
    // resumed from where each row's last item leaves it); a lane that needs more sub-rows gets
    // them at its end.
    spans.rowOfRequest.resize(count, -1);
    std::vector<std::vector<TimelineRow>> newRows(spans.lanes.size());
    struct OnNewRow { // an added item on a new sub-row: newRows[lane][index]
        int request, lane, index;
    };
    std::vector<OnNewRow> onNewRows;
    for (std::size_t i = 0; i < added.size();) {
        const int laneIndex = added[i].lane;
        TimelineLane &lane = spans.lanes[std::size_t(laneIndex)];
        std::vector<TimelineRow> &extra = newRows[std::size_t(laneIndex)];
        using Busy = std::pair<Nanos, int>; // (until, sub-row)
        std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
        std::priority_queue<int, std::vector<int>, std::greater<>> free;
        const auto rowAt = [&](int sub) -> TimelineRow & {
            return sub < lane.rowCount ? spans.rows[std::size_t(lane.firstRow + sub)]
                                       : extra[std::size_t(sub - lane.rowCount)];
        };
        for (int sub = 0; sub < lane.rowCount; ++sub) {
            const Nanos until = rowAt(sub).placedUntil;
            if (until == kUnset)
                free.push(sub);
            else if (until != kOpen) // a running item's row is taken for this whole frame
                busy.push({until, sub});
        }
        for (; i < added.size() && added[i].lane == laneIndex; ++i) {
            const Added &item = added[i];
            while (!busy.empty() && busy.top().first <= item.start) {
                free.push(busy.top().second);
                busy.pop();
            }
            int sub = lane.rowCount + int(extra.size());
            if (free.empty()) {
                extra.emplace_back();
                extra.back().lane = laneIndex;
            } else {
                sub = free.top();
                free.pop();
            }
            busy.push({item.end, sub});
            TimelineRow &row = rowAt(sub);
            const RequestRecord &record = run.requests[std::size_t(item.request)];
            const RequestExtent extent = busyExtent(record, meaning, now);
            row.placedUntil = item.end;
            appendBusySpans(record, meaning, now, threshold, row.spans);
            row.bars.push_back({seconds(extent.start), seconds(extent.end), item.request,
                                record.status, record.httpStatus});
            row.failed = row.failed || isFailed(record.status);
            row.growing = true;
            if (sub < lane.rowCount) {
                spans.rowOfRequest[std::size_t(item.request)] = lane.firstRow + sub;
                touched.push_back(lane.firstRow + sub);
            } else {
                onNewRows.push_back({item.request, laneIndex, sub - lane.rowCount});
            }
            lane.lastPlacedStart = item.start;
            lane.lastPlacedRequest = item.request;
        }
    }
    const int cut = int(touched.size() + onNewRows.size());

    // New sub-rows go in after their lane's last: the rows of the lanes below move down (none
    // when only the last lane grew, as an event loop's one lane does).
    std::size_t firstGrown = spans.lanes.size();
    for (std::size_t lane = 0; lane < spans.lanes.size() && firstGrown == spans.lanes.size();
         ++lane)
        if (!newRows[lane].empty())
            firstGrown = lane;
    if (firstGrown < spans.lanes.size()) {
        const std::size_t from = std::size_t(spans.lanes[firstGrown].firstRow);
        std::vector<int> shift(spans.lanes.size(), 0); // how far each lane's rows move down
        int moved = 0;
        for (std::size_t lane = firstGrown; lane < spans.lanes.size(); ++lane) {
            shift[lane] = moved;
            moved += int(newRows[lane].size());
        }
        if (firstGrown + 1 < spans.lanes.size()) { // else nothing moves down
            for (int &row : spans.rowOfRequest)
                if (row >= int(from))
                    row += shift[std::size_t(spans.rows[std::size_t(row)].lane)];
            for (int &row : touched)
                if (row >= int(from))
                    row += shift[std::size_t(spans.rows[std::size_t(row)].lane)];
        }
        std::vector<TimelineRow> below; // the rows from the first lane that grew on
        below.reserve(spans.rows.size() - from + std::size_t(moved));
        for (std::size_t laneIndex = firstGrown; laneIndex < spans.lanes.size(); ++laneIndex) {
            TimelineLane &lane = spans.lanes[laneIndex];
            for (int sub = 0; sub < lane.rowCount; ++sub)
                below.push_back(std::move(spans.rows[std::size_t(lane.firstRow + sub)]));
            lane.firstRow = int(from + below.size()) - lane.rowCount;
            for (int index = 0; index < int(newRows[laneIndex].size()); ++index) {
                TimelineRow &row = newRows[laneIndex][std::size_t(index)];
                row.lastEnd = row.spans.empty() ? 0 : row.spans.back().end;
                below.push_back(std::move(row));
            }
            lane.rowCount += int(newRows[laneIndex].size());
            lane.stacked = lane.rowCount > 1;
        }
        spans.rows.resize(from);
        std::move(below.begin(), below.end(), std::back_inserter(spans.rows));
        for (const OnNewRow &on : onNewRows) {
            const TimelineLane &lane = spans.lanes[std::size_t(on.lane)];
            spans.rowOfRequest[std::size_t(on.request)] =
                lane.firstRow + lane.rowCount - int(newRows[std::size_t(on.lane)].size()) +
                on.index;
        }
    }
    for (const int row : touched) {
        TimelineRow &r = spans.rows[std::size_t(row)];
        r.growing = true;
        r.lastEnd = r.spans.empty() ? 0 : r.spans.back().end;
        r.failed = std::any_of(r.bars.begin(), r.bars.end(),
                               [](const Bar &bar) { return isFailed(bar.status); });
    }
    summarise(spans, now);
    return cut;
}

bool growOpenEnds(TimelineSpans &spans, const Run &previous, const Run &run,
                  const std::vector<int> *changed) {
    const Nanos before = previous.elapsed, now = run.elapsed;
    if (previous.requests.size() != run.requests.size() || (changed && !changed->empty()) ||
        previous.origins != run.origins || !onlyRequestsMoved(previous, run))
        return false;
    const Nanos threshold = significantWait(run);
    bool onlyGrew = true;
    visitRequests(previous, run, changed, [&](std::size_t id, bool differs) {
        onlyGrew = !differs && onlyGrows(run.requests[id], before, now, threshold);
        return onlyGrew;
    });
    if (!onlyGrew)
        return false;
    const double beforeS = seconds(before), nowS = seconds(now);
    std::size_t spanCount = 0;
    double endS = nowS;
    for (TimelineRow &row : spans.rows)
        growRow(row, beforeS, nowS, spanCount, endS);
    spans.spanCount = spanCount;
    spans.endS = endS;
    return true;
}

} // namespace reqlanes
