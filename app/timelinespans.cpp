#include "timelinespans.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
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
// because where the time went is the lesson.
int phaseIntervals(const RequestRecord &r, Nanos end, std::array<KindInterval, 5> &out) {
    int count = 0;
    const auto add = [&](SpanKind kind, Nanos from, Nanos to) {
        if (from != kUnset && to > from)
            out[std::size_t(count++)] = {kind, from, std::min(to, end)};
    };
    add(SpanKind::ServerWork, r.phase(Phase::ServerStart), endOf(r, Phase::ServerEnd, end));
    add(SpanKind::Queued, r.phase(Phase::ServerAccept), endOf(r, Phase::ServerStart, end));
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

// Requests (and process start-ups) waiting to be placed on a lane's sub-rows.
struct Placement {
    Nanos start, end; // end: max() while still running, so a growing bar keeps its row
    int request;      // -1: a process start-up
    Nanos startUpEnd;
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

} // namespace

QString spanKindLabel(SpanKind kind) {
    switch (kind) {
    case SpanKind::Waiting:
        return QStringLiteral("waiting for a slot");
    case SpanKind::Connecting:
        return QStringLiteral("connecting");
    case SpanKind::InFlight:
        return QStringLiteral("in flight");
    case SpanKind::Queued:
        return QStringLiteral("queued in server");
    case SpanKind::ServerWork:
        return QStringLiteral("server work");
    case SpanKind::Receiving:
        return QStringLiteral("receiving");
    case SpanKind::StartUp:
        return QStringLiteral("process start-up");
    }
    return {};
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
    extent.end = std::max(last, record.has(Phase::Done) ? record.phase(Phase::Done) : openEnd);
    return extent;
}

void appendRequestSpans(const RequestRecord &record, Nanos openEnd, std::vector<Span> &out) {
    const RequestExtent extent = requestExtent(record, openEnd);
    if (extent.start == kUnset || extent.end <= extent.start)
        return;
    std::array<KindInterval, 5> intervals{};
    const int count = phaseIntervals(record, extent.end, intervals);

    // Elementary intervals between every boundary; each takes the highest-priority phase that
    // covers it, or "in flight".
    std::array<Nanos, 12> cuts{};
    int cutCount = 0;
    cuts[std::size_t(cutCount++)] = extent.start;
    cuts[std::size_t(cutCount++)] = extent.end;
    for (int i = 0; i < count; ++i) {
        cuts[std::size_t(cutCount++)] = std::max(extent.start, intervals[std::size_t(i)].from);
        cuts[std::size_t(cutCount++)] = intervals[std::size_t(i)].to;
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
        const double fromS = double(from) / kNanosPerSecond, toS = double(to) / kNanosPerSecond;
        if (out.size() > firstNew && out.back().kind == kind)
            out.back().end = toS;
        else
            out.push_back({fromS, toS, kind});
    }
}

TimelineSpans buildTimelineSpans(const Run &run, LaneGrouping grouping) {
    const LaneLayout layout = layoutLanes(run, grouping);
    TimelineSpans result;
    constexpr Nanos kOpen = std::numeric_limits<Nanos>::max();

    std::vector<std::vector<Placement>> perLane(std::size_t(layout.laneCount()));
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const int lane = id < layout.laneOfRequest.size() ? layout.laneOfRequest[id] : -1;
        const RequestExtent extent = requestExtent(run.requests[id], run.elapsed);
        if (lane < 0 || extent.start == kUnset)
            continue;
        const Nanos placedEnd = run.requests[id].finished() ? extent.end : kOpen;
        perLane[std::size_t(lane)].push_back({extent.start, placedEnd, int(id), 0});
    }
    // A process lane shows its worker starting up: spawned until it said hello.
    for (std::size_t e = 0; e < run.laneEvents.size(); ++e) {
        const LaneEvent &spawned = run.laneEvents[e];
        const int lane = e < layout.laneOfEvent.size() ? layout.laneOfEvent[e] : -1;
        if (lane < 0)
            continue;
        result.marks.push_back({lane, double(spawned.at) / kNanosPerSecond, spawned.kind});
        if (spawned.kind != LaneEventKind::ProcessSpawned)
            continue;
        Nanos ready = run.finished ? kUnset : run.elapsed;
        for (const LaneEvent &later : run.laneEvents)
            if (later.kind == LaneEventKind::ProcessReady && later.processId == spawned.processId)
                ready = later.at;
        if (ready != kUnset && ready > spawned.at)
            perLane[std::size_t(lane)].push_back({spawned.at, ready, -1, ready});
    }

    for (int lane = 0; lane < layout.laneCount(); ++lane) {
        std::vector<Placement> &items = perLane[std::size_t(lane)];
        std::stable_sort(items.begin(), items.end(),
                         [](const Placement &a, const Placement &b) { return a.start < b.start; });
        int subRows = 1;
        const std::vector<int> rowOf = assignSubRows(items, &subRows);
        const int firstRow = result.rowCount();
        result.lanes.push_back({layout.labels[std::size_t(lane)], firstRow, subRows});
        result.rows.resize(std::size_t(firstRow + subRows));
        for (int r = firstRow; r < firstRow + subRows; ++r)
            result.rows[std::size_t(r)].lane = lane;

        for (std::size_t i = 0; i < items.size(); ++i) {
            TimelineRow &row = result.rows[std::size_t(firstRow + rowOf[i])];
            const Placement &item = items[i];
            if (item.request < 0) {
                row.spans.push_back({double(item.start) / kNanosPerSecond,
                                     double(item.startUpEnd) / kNanosPerSecond, SpanKind::StartUp});
                continue;
            }
            const RequestRecord &record = run.requests[std::size_t(item.request)];
            const RequestExtent extent = requestExtent(record, run.elapsed);
            appendRequestSpans(record, run.elapsed, row.spans);
            row.bars.push_back({double(extent.start) / kNanosPerSecond,
                                double(extent.end) / kNanosPerSecond, item.request, record.status,
                                record.httpStatus});
        }
    }

    double end = double(run.elapsed) / kNanosPerSecond;
    for (const TimelineRow &row : result.rows) {
        result.spanCount += row.spans.size();
        if (!row.spans.empty())
            end = std::max(end, row.spans.back().end);
    }
    result.endS = end;
    return result;
}

} // namespace reqlanes
