#include "formats/traceexport.h"

#include "results/runstats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace reqlanes {

namespace {

QByteArray jsonText(const QJsonValue &value) {
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

// Fixed-point microseconds: the format's unit, and never an exponent a reader might trip on.
QByteArray micros(Nanos ns) {
    return QByteArray::number(double(ns) / 1000.0, 'f', 3);
}

// Appends trace events one per line; keeps a 100k-request trace out of a QJsonArray in memory.
class TraceWriter {
public:
    void complete(int pid, int tid, const QString &name, const char *category, Nanos start,
                  Nanos end, const QJsonObject &args = {}) {
        openEvent("X", pid, tid, name, start);
        m_out += ",\"cat\":\"";
        m_out += category;
        m_out += "\",\"dur\":" + micros(std::max<Nanos>(0, end - start));
        closeEvent(args);
    }
    void counter(int pid, const QString &name, Nanos at, const QJsonObject &values) {
        openEvent("C", pid, 0, name, at);
        closeEvent(values);
    }
    void instant(int pid, int tid, const QString &name, Nanos at, bool threadScope,
                 const QJsonObject &args) {
        openEvent("i", pid, tid, name, at);
        m_out += threadScope ? ",\"s\":\"t\"" : ",\"s\":\"p\"";
        closeEvent(args);
    }
    // Process metadata when tid < 0, else thread metadata.
    void metadata(int pid, int tid, const char *what, const QJsonValue &value) {
        separate();
        m_out += "{\"ph\":\"M\",\"name\":\"";
        m_out += what;
        m_out += "\",\"pid\":" + QByteArray::number(pid);
        if (tid >= 0)
            m_out += ",\"tid\":" + QByteArray::number(tid);
        const char *key = value.isString() ? "name" : "sort_index";
        closeEvent(QJsonObject{{QLatin1String(key), value}});
    }
    QByteArray finish(const QJsonObject &otherData) {
        return "{\"displayTimeUnit\":\"ms\",\"otherData\":" + jsonText(otherData) +
               ",\"traceEvents\":[" + m_out + "\n]}\n";
    }

private:
    void separate() {
        m_out += m_first ? "\n" : ",\n";
        m_first = false;
    }
    void openEvent(const char *phase, int pid, int tid, const QString &name, Nanos at) {
        separate();
        m_out += "{\"ph\":\"";
        m_out += phase;
        m_out += "\",\"name\":" + jsonText(name) + ",\"pid\":" + QByteArray::number(pid) +
                 ",\"tid\":" + QByteArray::number(tid) +
                 ",\"ts\":" + micros(std::max<Nanos>(0, at));
    }
    void closeEvent(const QJsonObject &args) {
        if (!args.isEmpty())
            m_out += ",\"args\":" + jsonText(args);
        m_out += '}';
    }

    QByteArray m_out;
    bool m_first = true;
};

// Trace viewers need the events of one track to nest, but an event loop runs many requests at
// once on one thread. Overlapping spans of one thread (or one server worker) are therefore
// spread over numbered sub-tracks, first fit, in start order.
class TrackAllocator {
public:
    struct Track {
        int pid;
        int tid;
        QString name;
    };

    // Key: (pid, lane key). Returns the tid for a span starting at `start` and ending at `end`.
    int place(int pid, std::int64_t key, const QString &name, Nanos start, Nanos end) {
        std::vector<Slot> &lanes = m_slots[{pid, key}];
        std::size_t index = 0;
        while (index < lanes.size() && lanes[index].end > start)
            ++index;
        if (index == lanes.size()) {
            const int tid = ++m_lastTid;
            lanes.push_back({tid, end});
            m_tracks.push_back(
                {pid, tid, index == 0 ? name : QStringLiteral("%1 #%2").arg(name).arg(index + 1)});
        }
        lanes[index].end = end;
        return lanes[index].tid;
    }
    // The first track of a lane, if any span was placed on it (for instant events).
    int firstTid(int pid, std::int64_t key) const {
        const auto it = m_slots.find({pid, key});
        return it == m_slots.end() ? -1 : it->second.front().tid;
    }
    const std::vector<Track> &tracks() const { return m_tracks; }

private:
    struct Slot {
        int tid;
        Nanos end;
    };
    std::map<std::pair<int, std::int64_t>, std::vector<Slot>> m_slots;
    std::vector<Track> m_tracks;
    int m_lastTid = 0;
};

struct PhaseSpan {
    const char *name;
    Phase from;
    Phase to;
};
// The children of a request, in the order they happen. Server phases come from another clock
// reading (the server's, or Server-Timing), so each child is clipped to start after the
// previous one: siblings must not overlap for the trace to nest.
constexpr PhaseSpan kChildSpans[] = {
    {"wait", Phase::Created, Phase::Acquired},
    {"connect", Phase::ConnectStart, Phase::Connected},
    {"send", Phase::Connected, Phase::Sent},
    {"server queue", Phase::ServerAccept, Phase::ServerStart},
    {"server work", Phase::ServerStart, Phase::ServerEnd},
    {"receive", Phase::FirstByte, Phase::Done},
};

Nanos requestStart(const RequestRecord &record) {
    for (Phase phase : {Phase::Created, Phase::Acquired, Phase::ConnectStart})
        if (record.has(phase))
            return record.phase(phase);
    return kUnset;
}

QJsonObject requestArgs(const RequestRecord &record) {
    QJsonObject args{{QStringLiteral("id"), record.id},
                     {QStringLiteral("status"), statusName(record.status)},
                     {QStringLiteral("thread"), record.threadId},
                     {QStringLiteral("process"), record.processId},
                     {QStringLiteral("server_worker"), int(record.serverWorker)},
                     {QStringLiteral("lane"), record.logicalLane}};
    if (record.httpStatus != 0)
        args.insert(QStringLiteral("http_status"), int(record.httpStatus));
    if (!record.error.isEmpty())
        args.insert(QStringLiteral("error"), record.error);
    return args;
}

// The client process that ran most requests: home of the counter and of unplaced requests.
int mainClientPid(const Run &run) {
    std::map<int, int> counts;
    for (const RequestRecord &record : run.requests)
        if (record.processId != 0)
            ++counts[record.processId];
    for (const LaneEvent &event : run.laneEvents)
        if (event.processId != 0)
            counts[event.processId] += 0;
    int best = 1, bestCount = -1;
    for (const auto &[pid, count] : counts)
        if (count > bestCount)
            std::tie(best, bestCount) = std::tie(pid, count);
    return best;
}

void writeRequests(const Run &run, int mainPid, TrackAllocator &tracks, TraceWriter &out) {
    std::vector<const RequestRecord *> order;
    for (const RequestRecord &record : run.requests)
        if (requestStart(record) != kUnset)
            order.push_back(&record);
    std::stable_sort(order.begin(), order.end(),
                     [](auto *a, auto *b) { return requestStart(*a) < requestStart(*b); });
    for (const RequestRecord *record : order) {
        const Nanos start = requestStart(*record);
        const Nanos end =
            std::max(start, record->has(Phase::Done) ? record->phase(Phase::Done) : run.elapsed);
        const int pid = record->processId != 0 ? record->processId : mainPid;
        const QString lane = record->threadId != 0
                                 ? QStringLiteral("thread %1").arg(record->threadId)
                                 : QStringLiteral("not started");
        const int tid = tracks.place(pid, record->threadId, lane, start, end);
        out.complete(pid, tid, QStringLiteral("request %1").arg(record->id), "request", start, end,
                     requestArgs(*record));
        Nanos cursor = start;
        for (const PhaseSpan &child : kChildSpans) {
            if (!record->has(child.from) || !record->has(child.to))
                continue;
            const Nanos childStart = std::max(cursor, record->phase(child.from));
            const Nanos childEnd = std::min(end, record->phase(child.to));
            if (childEnd <= childStart)
                continue;
            out.complete(pid, tid, QLatin1String(child.name), "phase", childStart, childEnd,
                         {{QStringLiteral("ms"), nanosToMs(record->span(child.from, child.to))}});
            cursor = childEnd;
        }
    }
}

void writeServer(const Run &run, int serverPid, TrackAllocator &tracks, TraceWriter &out) {
    std::vector<const RequestRecord *> order;
    for (const RequestRecord &record : run.requests)
        if (record.serverWorker >= 0 && record.has(Phase::ServerStart))
            order.push_back(&record);
    std::stable_sort(order.begin(), order.end(), [](auto *a, auto *b) {
        return a->phase(Phase::ServerStart) < b->phase(Phase::ServerStart);
    });
    for (const RequestRecord *record : order) {
        const Nanos start = record->phase(Phase::ServerStart);
        const Nanos end = std::max(
            start, record->has(Phase::ServerEnd) ? record->phase(Phase::ServerEnd) : run.elapsed);
        const int tid =
            tracks.place(serverPid, record->serverWorker,
                         QStringLiteral("worker %1").arg(record->serverWorker), start, end);
        out.complete(serverPid, tid, QStringLiteral("request %1").arg(record->id), "server", start,
                     end, {{QStringLiteral("id"), record->id}});
    }
}

// Perfetto drops events with ts < 0, and a trace must not show a server serving a request before
// the request existed. Server phases come from another clock reading (the server's observer, or
// Server-Timing durations laid back from the first byte), so they can fall outside the request:
// each is clamped into the request's own [start, end]. Returns the run to draw and how many
// requests needed it, which the trace's metadata states.
Run clampServerPhases(const Run &source, int *clampedRequests) {
    Run run = source;
    *clampedRequests = 0;
    for (RequestRecord &record : run.requests) {
        const Nanos start = requestStart(record);
        if (start == kUnset)
            continue;
        const Nanos end =
            std::max(start, record.has(Phase::Done) ? record.phase(Phase::Done) : run.elapsed);
        bool clamped = false;
        for (Phase phase : {Phase::ServerAccept, Phase::ServerStart, Phase::ServerEnd}) {
            if (!record.has(phase))
                continue;
            const Nanos inside = std::clamp(record.phase(phase), start, end);
            clamped = clamped || inside != record.phase(phase);
            record.at[std::size_t(phase)] = inside;
        }
        *clampedRequests += clamped ? 1 : 0;
    }
    return run;
}

void writeCounter(const std::vector<Step> &steps, int pid, const QString &name, TraceWriter &out) {
    for (const Step &step : steps)
        out.counter(pid, name, step.at, {{QStringLiteral("value"), step.value}});
}

void writeLaneEvents(const Run &run, int mainPid, const TrackAllocator &tracks, TraceWriter &out) {
    for (const LaneEvent &event : run.laneEvents) {
        const int pid = event.processId != 0 ? event.processId : mainPid;
        const int tid = event.threadId != 0 ? tracks.firstTid(pid, event.threadId) : -1;
        QJsonObject args{{QStringLiteral("thread"), event.threadId},
                         {QStringLiteral("process"), event.processId},
                         {QStringLiteral("lane"), event.logicalLane}};
        if (!event.detail.isEmpty())
            args.insert(QStringLiteral("detail"), event.detail);
        out.instant(pid, std::max(tid, 0), laneEventName(event.kind), std::max<Nanos>(0, event.at),
                    tid >= 0, args);
    }
}

} // namespace

QByteArray runToChromeTrace(const Run &source) {
    int clampedRequests = 0;
    const Run run = clampServerPhases(source, &clampedRequests);
    const int mainPid = mainClientPid(run);
    std::set<int> clientPids{mainPid};
    for (const RequestRecord &record : run.requests)
        if (record.processId != 0)
            clientPids.insert(record.processId);
    for (const LaneEvent &event : run.laneEvents)
        if (event.processId != 0)
            clientPids.insert(event.processId);
    // Not a real process: the embedded server shares the client's, but deserves its own group.
    const int serverPid = *clientPids.rbegin() + 1;

    TraceWriter out;
    TrackAllocator tracks;
    writeRequests(run, mainPid, tracks, out);
    writeServer(run, serverPid, tracks, out);
    writeCounter(clientInFlight(run), mainPid, QStringLiteral("requests in flight"), out);
    writeCounter(busyServerWorkers(run), serverPid, QStringLiteral("busy workers"), out);
    writeLaneEvents(run, mainPid, tracks, out);

    int sortIndex = 0;
    for (int pid : clientPids) {
        out.metadata(pid, -1, "process_name", QStringLiteral("client process %1").arg(pid));
        out.metadata(pid, -1, "process_sort_index", sortIndex++);
    }
    out.metadata(serverPid, -1, "process_name", QStringLiteral("server"));
    out.metadata(serverPid, -1, "process_sort_index", sortIndex);
    for (const TrackAllocator::Track &track : tracks.tracks()) {
        out.metadata(track.pid, track.tid, "thread_name", track.name);
        out.metadata(track.pid, track.tid, "thread_sort_index", track.tid);
    }

    QJsonObject otherData{
        {QStringLiteral("strategy"), run.scenario.strategy},
        {QStringLiteral("strategy_name"), run.strategyName},
        {QStringLiteral("n"), run.scenario.n},
        {QStringLiteral("limit"), run.scenario.limit},
        {QStringLiteral("target"),
         run.scenario.usesEmbeddedServer() ? QStringLiteral("embedded") : run.scenario.targetUrl},
        {QStringLiteral("started_at"), run.startedAt.toUTC().toString(Qt::ISODateWithMs)},
    };
    if (clampedRequests > 0) {
        otherData.insert(QStringLiteral("clamped_server_phases"), clampedRequests);
        otherData.insert(
            QStringLiteral("note"),
            QStringLiteral("the server phases of %1 request(s) fell outside the request's own "
                           "time (another clock's reading, or Server-Timing laid back from the "
                           "first byte) and are drawn clamped into it")
                .arg(clampedRequests));
    }
    return out.finish(otherData);
}

} // namespace reqlanes
