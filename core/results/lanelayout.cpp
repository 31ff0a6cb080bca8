#include "results/lanelayout.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <type_traits>
#include <utility>

namespace reqlanes {

namespace {

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

} // namespace

RequestLaneName requestLaneName(const Run &run, std::size_t index) {
    // A watched client names its own requests (X-Request-Id); ours are numbered, and left null
    // here: TimelineLane names them when asked (labelText, keyText).
    if (index >= run.origins.size() || run.origins[index].requestId.isEmpty())
        return {};
    return {run.origins[index].requestId,
            QStringLiteral("request:") + QString::number(run.requests[index].id)};
}

LaneLayout layoutByRequest(const Run &run) {
    LaneLayout layout;
    layout.meaning = LaneMeaning::Request;
    layout.labels.reserve(run.requests.size());
    layout.keys.reserve(run.requests.size());
    layout.laneOfRequest.reserve(run.requests.size());
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        RequestLaneName name = requestLaneName(run, i);
        layout.labels.push_back(std::move(name.label));
        layout.keys.push_back(std::move(name.key));
        layout.laneOfRequest.push_back(static_cast<int>(i));
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

// Thread ids are only unique within a process, so a thread lane is keyed by both.
LaneLayout layoutByThread(const Run &run) {
    using Key = std::pair<std::int32_t, std::int32_t>;
    FirstAppearanceLanes<Key> lanes;
    for (const RequestRecord &record : run.requests)
        if (record.threadId != 0 && firstSeen(record) != kUnset)
            lanes.see({record.processId, record.threadId}, firstSeen(record));
    for (const LaneEvent &event : run.laneEvents)
        if (isThreadEvent(event.kind) && event.threadId != 0)
            lanes.see({event.processId, event.threadId}, event.at);

    LaneLayout layout;
    layout.meaning = LaneMeaning::ClientExecutor;
    layout.labels = lanes.assign([&layout](const Key &key) {
        layout.keys.push_back(QStringLiteral("thread:%1:%2").arg(key.first).arg(key.second));
        return QStringLiteral("thread %1").arg(key.second);
    });
    for (const RequestRecord &record : run.requests)
        layout.laneOfRequest.push_back(
            firstSeen(record) == kUnset ? -1 : lanes.laneOf({record.processId, record.threadId}));
    for (const LaneEvent &event : run.laneEvents)
        layout.laneOfEvent.push_back(
            isThreadEvent(event.kind) ? lanes.laneOf({event.processId, event.threadId}) : -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

LaneLayout layoutByProcess(const Run &run) {
    FirstAppearanceLanes<std::int32_t> lanes;
    for (const RequestRecord &record : run.requests)
        if (record.processId != 0 && firstSeen(record) != kUnset)
            lanes.see(record.processId, firstSeen(record));
    for (const LaneEvent &event : run.laneEvents)
        if (!isThreadEvent(event.kind) && event.processId != 0)
            lanes.see(event.processId, event.at);

    LaneLayout layout;
    layout.meaning = LaneMeaning::ClientExecutor;
    layout.labels = lanes.assign([&layout](std::int32_t pid) {
        layout.keys.push_back(QStringLiteral("process:%1").arg(pid));
        return QStringLiteral("process %1").arg(pid);
    });
    for (const RequestRecord &record : run.requests)
        layout.laneOfRequest.push_back(
            firstSeen(record) == kUnset ? -1 : lanes.laneOf(record.processId));
    for (const LaneEvent &event : run.laneEvents)
        layout.laneOfEvent.push_back(isThreadEvent(event.kind) ? -1
                                                               : lanes.laneOf(event.processId));
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

namespace {

// Worker ids are small: the embedded server's workers, an async server's lowest free handler
// slot, a target's X-Worker, each kept in 16 signed bits (RequestRecord::serverWorker,
// OutsideRequest::worker). So lanes and names are kept in tables by id.
using WorkerId = decltype(RequestRecord::serverWorker);
static_assert(std::is_same_v<WorkerId, decltype(OutsideRequest::worker)>);
constexpr std::size_t kWorkerIds = std::size_t(std::numeric_limits<WorkerId>::max()) + 1;

// "worker N" and "worker:N", made once per worker id and shared after (QString is implicitly
// shared): an async server's 30,000 handler slots, named anew in every live frame that changed a
// record, were a third of that frame.
struct WorkerNames {
    QString label, key;
};
WorkerNames workerNames(int worker) {
    static std::mutex lock; // the findings job lays out lanes on its own thread
    static std::vector<WorkerNames> named;
    const std::lock_guard<std::mutex> guard(lock);
    if (named.size() <= std::size_t(worker))
        named.resize(std::size_t(worker) + 1);
    WorkerNames &names = named[std::size_t(worker)];
    if (names.label.isNull()) {
        const QString number = QString::number(worker);
        names = {QStringLiteral("worker ") + number, QStringLiteral("worker:") + number};
    }
    return names;
}

} // namespace

LaneLayout layoutByServerWorker(const Run &run) {
    // The lane of each worker id seen (-1: not seen): a table by id keeps a 100k-request run
    // from sorting or searching.
    std::vector<int> laneOfWorker;
    const auto see = [&laneOfWorker](std::size_t worker) {
        if (worker >= kWorkerIds)
            return; // a scenario's worker count past any id a record holds (a file's)
        if (laneOfWorker.size() <= worker)
            laneOfWorker.resize(std::min(kWorkerIds, std::max(worker + 1, laneOfWorker.size() * 2)),
                                -1);
        laneOfWorker[worker] = 0;
    };
    const auto laneOf = [&laneOfWorker](WorkerId worker) {
        return laneOfWorker[std::size_t(worker)];
    };
    // The embedded sync server has exactly W workers: every one is a lane, idle or not. (An
    // async server numbers its handler slots as it needs them, so only the ones seen exist.) A
    // run with no requests at all (nothing started yet) had no server.
    if (!run.requests.empty() && run.scenario.usesEmbeddedServer() &&
        run.scenario.server.mode == ServerMode::Sync)
        for (int worker = 0; worker < run.scenario.server.workers; ++worker)
            see(std::size_t(worker));
    bool anyUnknown = false;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const RequestRecord &record = run.requests[i];
        if (record.serverWorker >= 0)
            see(std::size_t(record.serverWorker));
        else if (record.has(Phase::ServerStart) && !run.tracedOnly(i))
            anyUnknown = true;
    }
    for (const OutsideRequest &outside : run.outsideRequests)
        if (outside.worker >= 0)
            see(std::size_t(outside.worker));

    // Workers in their own order (worker 0 on top), so the server's picture reads like its
    // config.
    LaneLayout layout;
    layout.meaning = LaneMeaning::ServerWorker;
    for (std::size_t worker = 0; worker < laneOfWorker.size(); ++worker) {
        if (laneOfWorker[worker] < 0)
            continue;
        laneOfWorker[worker] = layout.laneCount();
        WorkerNames names = workerNames(int(worker));
        layout.labels.push_back(std::move(names.label));
        layout.keys.push_back(std::move(names.key));
    }
    const int unknownLane = anyUnknown ? layout.laneCount() : -1;
    if (anyUnknown) {
        layout.labels.push_back(QStringLiteral("unknown worker"));
        layout.keys.push_back(QStringLiteral("worker:unknown"));
    }

    layout.laneOfRequest.reserve(run.requests.size());
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const RequestRecord &record = run.requests[i];
        if (record.serverWorker >= 0)
            layout.laneOfRequest.push_back(laneOf(record.serverWorker));
        else if (record.has(Phase::ServerStart) && !run.tracedOnly(i))
            layout.laneOfRequest.push_back(unknownLane);
        else
            layout.laneOfRequest.push_back(-1); // never served here: nothing of it is a worker's
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    for (const OutsideRequest &outside : run.outsideRequests)
        layout.laneOfOutside.push_back(outside.worker >= 0 ? laneOf(outside.worker) : -1);
    return layout;
}

} // namespace reqlanes
