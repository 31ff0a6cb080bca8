#include "results/lanelayout.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

namespace reqlanes {

namespace {

struct GroupingName {
    LaneGrouping grouping;
    const char *name;
};
constexpr GroupingName kGroupingNames[] = {
    {LaneGrouping::Request, "request"},
    {LaneGrouping::Thread, "thread"},
    {LaneGrouping::Process, "process"},
    {LaneGrouping::ServerWorker, "worker"},
};

// The earliest stamped phase: where the request first shows up on the run's clock.
Nanos firstSeen(const RequestRecord &record) {
    Nanos first = kUnset;
    for (const Nanos at : record.at)
        if (at != kUnset && (first == kUnset || at < first))
            first = at;
    return first;
}

bool isThreadEvent(LaneEventKind kind) {
    return kind == LaneEventKind::ThreadStarted || kind == LaneEventKind::ThreadFinished;
}

// Lanes keyed by whatever identifies a thread or process, ordered by when each key first shows
// up (then by the order it was seen, so equal times stay deterministic).
template <typename Key> class FirstAppearanceLanes {
public:
    void see(const Key &key, Nanos at) {
        auto [it, inserted] = m_first.try_emplace(key, Seen{at, m_seenCount});
        if (inserted)
            ++m_seenCount;
        else if (at != kUnset && (it->second.at == kUnset || at < it->second.at))
            it->second.at = at;
    }

    // Assigns lane numbers; label(key) names each lane.
    template <typename LabelFn> std::vector<QString> assign(LabelFn label) {
        std::vector<std::pair<Seen, Key>> order;
        order.reserve(m_first.size());
        for (const auto &[key, seen] : m_first)
            order.emplace_back(seen, key);
        std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
            // Unknown times (kUnset) sort last.
            const auto timeKey = [](Nanos at) { return at == kUnset ? INT64_MAX : at; };
            return std::pair(timeKey(a.first.at), a.first.index) <
                   std::pair(timeKey(b.first.at), b.first.index);
        });
        std::vector<QString> labels;
        labels.reserve(order.size());
        for (const auto &[seen, key] : order) {
            m_lane[key] = static_cast<int>(labels.size());
            labels.push_back(label(key));
        }
        return labels;
    }

    int laneOf(const Key &key) const {
        const auto it = m_lane.find(key);
        return it == m_lane.end() ? -1 : it->second;
    }

private:
    struct Seen {
        Nanos at;
        int index;
    };
    std::map<Key, Seen> m_first;
    std::map<Key, int> m_lane;
    int m_seenCount = 0;
};

LaneLayout byRequest(const Run &run) {
    LaneLayout layout;
    layout.labels.reserve(run.requests.size());
    layout.laneOfRequest.reserve(run.requests.size());
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        layout.labels.push_back(QStringLiteral("request %1").arg(run.requests[i].id));
        layout.laneOfRequest.push_back(static_cast<int>(i));
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    return layout;
}

// Thread ids are only unique within a process, so a thread lane is keyed by both.
LaneLayout byThread(const Run &run) {
    using Key = std::pair<std::int32_t, std::int32_t>;
    FirstAppearanceLanes<Key> lanes;
    for (const RequestRecord &record : run.requests)
        if (record.threadId != 0 && firstSeen(record) != kUnset)
            lanes.see({record.processId, record.threadId}, firstSeen(record));
    for (const LaneEvent &event : run.laneEvents)
        if (isThreadEvent(event.kind) && event.threadId != 0)
            lanes.see({event.processId, event.threadId}, event.at);

    LaneLayout layout;
    layout.labels =
        lanes.assign([](const Key &key) { return QStringLiteral("thread %1").arg(key.second); });
    for (const RequestRecord &record : run.requests)
        layout.laneOfRequest.push_back(
            firstSeen(record) == kUnset ? -1 : lanes.laneOf({record.processId, record.threadId}));
    for (const LaneEvent &event : run.laneEvents)
        layout.laneOfEvent.push_back(
            isThreadEvent(event.kind) ? lanes.laneOf({event.processId, event.threadId}) : -1);
    return layout;
}

LaneLayout byProcess(const Run &run) {
    FirstAppearanceLanes<std::int32_t> lanes;
    for (const RequestRecord &record : run.requests)
        if (record.processId != 0 && firstSeen(record) != kUnset)
            lanes.see(record.processId, firstSeen(record));
    for (const LaneEvent &event : run.laneEvents)
        if (!isThreadEvent(event.kind) && event.processId != 0)
            lanes.see(event.processId, event.at);

    LaneLayout layout;
    layout.labels =
        lanes.assign([](std::int32_t pid) { return QStringLiteral("process %1").arg(pid); });
    for (const RequestRecord &record : run.requests)
        layout.laneOfRequest.push_back(
            firstSeen(record) == kUnset ? -1 : lanes.laneOf(record.processId));
    for (const LaneEvent &event : run.laneEvents)
        layout.laneOfEvent.push_back(isThreadEvent(event.kind) ? -1
                                                               : lanes.laneOf(event.processId));
    return layout;
}

// Workers in their own order (worker 0 on top), so the server's picture reads like its config.
LaneLayout byServerWorker(const Run &run) {
    std::map<int, int> laneOfWorker;
    bool anyUnknown = false;
    for (const RequestRecord &record : run.requests) {
        if (firstSeen(record) == kUnset)
            continue;
        if (record.serverWorker >= 0)
            laneOfWorker.emplace(record.serverWorker, 0);
        else
            anyUnknown = true;
    }

    LaneLayout layout;
    for (auto &[worker, lane] : laneOfWorker) {
        lane = layout.laneCount();
        layout.labels.push_back(QStringLiteral("worker %1").arg(worker));
    }
    const int unknownLane = anyUnknown ? layout.laneCount() : -1;
    if (anyUnknown)
        layout.labels.push_back(QStringLiteral("no worker"));

    for (const RequestRecord &record : run.requests) {
        if (firstSeen(record) == kUnset)
            layout.laneOfRequest.push_back(-1);
        else if (record.serverWorker >= 0)
            layout.laneOfRequest.push_back(laneOfWorker.at(record.serverWorker));
        else
            layout.laneOfRequest.push_back(unknownLane);
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    return layout;
}

} // namespace

QString laneGroupingName(LaneGrouping grouping) {
    for (const auto &entry : kGroupingNames)
        if (entry.grouping == grouping)
            return QLatin1String(entry.name);
    return {};
}

std::optional<LaneGrouping> laneGroupingFromName(const QString &name) {
    for (const auto &entry : kGroupingNames)
        if (name == QLatin1String(entry.name))
            return entry.grouping;
    return std::nullopt;
}

LaneLayout layoutLanes(const Run &run, LaneGrouping grouping) {
    switch (grouping) {
    case LaneGrouping::Request:
        return byRequest(run);
    case LaneGrouping::Thread:
        return byThread(run);
    case LaneGrouping::Process:
        return byProcess(run);
    case LaneGrouping::ServerWorker:
        return byServerWorker(run);
    }
    return {};
}

} // namespace reqlanes
