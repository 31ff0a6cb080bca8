#include "results/watchlanes.h"

#include <map>
#include <utility>

namespace reqlanes::watch {

namespace {

constexpr int kMaxCommandInLabel = 60;

bool seen(const RequestRecord &record) {
    return record.has(Phase::Created);
}

const ClientConnection *connectionOf(const Run &run, std::size_t request) {
    if (request >= run.origins.size())
        return nullptr;
    const int index = run.origins[request].connection;
    return index >= 0 && std::size_t(index) < run.connections.size()
               ? &run.connections[std::size_t(index)]
               : nullptr;
}

} // namespace

QString clientProcessLabel(const ClientConnection &connection) {
    if (connection.processId <= 0)
        return QStringLiteral("unknown process");
    QString command = connection.command;
    if (command.size() > kMaxCommandInLabel)
        command = command.left(kMaxCommandInLabel - 1) + QChar(0x2026);
    return command.isEmpty() ? QStringLiteral("pid %1").arg(connection.processId)
                             : QStringLiteral("pid %1 %2").arg(connection.processId).arg(command);
}

LaneLayout layoutByConnection(const Run &run) {
    LaneLayout layout;
    layout.labels.reserve(run.connections.size());
    for (std::size_t i = 0; i < run.connections.size(); ++i) {
        layout.labels.push_back(
            QStringLiteral("conn %1  %2").arg(i + 1).arg(run.connections[i].peer));
        layout.keys.push_back(QStringLiteral("connection:%1").arg(i + 1));
    }
    layout.laneOfRequest.reserve(run.requests.size());
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const bool placed = seen(run.requests[id]) && connectionOf(run, id);
        layout.laneOfRequest.push_back(placed ? run.origins[id].connection : -1);
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

LaneLayout layoutByClientProcess(const Run &run) {
    // Key: (pid, X-Client-Lane name); pid 0 is the unknown process. Lanes in order of the first
    // request on them, which is request id order (ids are given as requests arrive).
    using Key = std::pair<std::int32_t, QString>;
    std::map<Key, int> laneOf;
    LaneLayout layout;
    layout.laneOfRequest.assign(run.requests.size(), -1);
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const ClientConnection *connection = connectionOf(run, id);
        if (!seen(run.requests[id]) || !connection)
            continue;
        const QString &named = run.origins[id].clientLane;
        const Key key{std::max(0, connection->processId), named};
        auto [it, inserted] = laneOf.try_emplace(key, layout.laneCount());
        if (inserted) {
            layout.keys.push_back(QStringLiteral("client:%1:%2").arg(key.first).arg(named));
            if (named.isEmpty())
                layout.labels.push_back(clientProcessLabel(*connection));
            else if (key.first > 0)
                layout.labels.push_back(QStringLiteral("%1 (pid %2)").arg(named).arg(key.first));
            else
                layout.labels.push_back(named);
        }
        layout.laneOfRequest[id] = it->second;
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

} // namespace reqlanes::watch
