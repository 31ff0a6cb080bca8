#include "results/watchlanes.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <map>
#include <set>
#include <utility>

namespace reqlanes::watch {

namespace {

constexpr int kMaxProgramInLabel = 40;

// Programs that run a script named by their first non-option argument.
bool isInterpreter(const QString &program) {
    static const QRegularExpression kInterpreters(QStringLiteral(
        "^(python|pypy|node|deno|bun|ruby|perl|php|bash|sh|dash|zsh|lua|tclsh)[0-9.]*$"));
    return kInterpreters.match(program).hasMatch();
}

// Options of those interpreters that take the next argument as their value.
bool takesValue(const QString &option) {
    static const std::set<QString> kWithValue = {QStringLiteral("-W"),        QStringLiteral("-X"),
                                                 QStringLiteral("-Q"),        QStringLiteral("-r"),
                                                 QStringLiteral("--require"), QStringLiteral("-I"),
                                                 QStringLiteral("-e"),        QStringLiteral("-c")};
    return kWithValue.contains(option);
}

QString fileName(const QString &path) {
    return QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName();
}

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

LaneLayout layoutByTask(const Run &run) {
    std::set<std::int32_t> processes;
    for (std::size_t id = 0; id < run.clientSides.size() && id < run.requests.size(); ++id)
        if (!run.clientSides[id].task.isEmpty())
            processes.insert(run.requests[id].processId);
    std::map<QString, int> laneOf;
    LaneLayout layout;
    layout.meaning = LaneMeaning::Request;
    layout.laneOfRequest.assign(run.requests.size(), -1);
    for (std::size_t id = 0; id < run.clientSides.size() && id < run.requests.size(); ++id) {
        const ClientSide &side = run.clientSides[id];
        if (!side.traced() || !seen(run.requests[id]))
            continue;
        auto [it, inserted] = laneOf.try_emplace(side.task, layout.laneCount());
        if (inserted) {
            layout.keys.push_back(QStringLiteral("task:%1").arg(side.task));
            QString label = side.task.isEmpty()
                                ? QCoreApplication::translate("WatchLanes", "outside asyncio tasks")
                                : side.taskName;
            if (!side.task.isEmpty() && processes.size() > 1)
                label += QStringLiteral(" (pid %1)").arg(run.requests[id].processId);
            layout.labels.push_back(label);
        }
        layout.laneOfRequest[id] = it->second;
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

QString clientProgramName(const QString &command) {
    // The command line was joined with spaces, so a path with a space in it is cut there: the
    // label is then a part of the name, the tooltip still shows all of it.
    const QStringList arguments = command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (arguments.isEmpty())
        return {};
    const QString program = fileName(arguments.front());
    if (!isInterpreter(program))
        return program;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == QLatin1String("-m") && i + 1 < arguments.size()) {
            // A module that runs a script ("-m reqlanes_trace x.py") is named after the script.
            for (int j = i + 2; j < arguments.size(); ++j)
                if (!arguments[j].startsWith(QLatin1Char('-')))
                    return fileName(arguments[j]);
            return arguments[i + 1];
        }
        if (argument == QLatin1String("-c") || argument == QLatin1String("-e"))
            return program + QLatin1Char(' ') + argument; // inline code has no name
        if (argument.startsWith(QLatin1Char('-'))) {
            if (takesValue(argument))
                ++i;
            continue;
        }
        return fileName(argument);
    }
    return program;
}

QString clientProcessLabel(const ClientConnection &connection) {
    if (connection.processId <= 0)
        return QStringLiteral("unknown process");
    QString program = clientProgramName(connection.command);
    if (program.size() > kMaxProgramInLabel)
        program = program.left(kMaxProgramInLabel - 1) + QChar(0x2026);
    return program.isEmpty() ? QStringLiteral("pid %1").arg(connection.processId)
                             : QStringLiteral("pid %1 %2").arg(connection.processId).arg(program);
}

QString clientProcessDetail(const ClientConnection &connection) {
    // Only tooltips read this, so it is in the app's language (the lane labels stay English for
    // exports; the app translates those with laneLabelText).
    if (connection.processId <= 0)
        return QCoreApplication::translate("WatchLanes", "unknown process");
    return connection.command.isEmpty()
               ? QCoreApplication::translate("WatchLanes", "pid %1").arg(connection.processId)
               : QCoreApplication::translate("WatchLanes", "pid %1: %2")
                     .arg(connection.processId)
                     .arg(connection.command);
}

QString watchLaneDetail(const Run &run, const QString &laneKey) {
    const QStringList parts = laneKey.split(QLatin1Char(':'));
    bool ok = false;
    if (parts.size() >= 2 && parts[0] == QLatin1String("client")) {
        const std::int32_t pid = parts[1].toInt(&ok);
        for (const ClientConnection &connection : run.connections)
            if (ok && pid > 0 && connection.processId == pid)
                return clientProcessDetail(connection);
        return {};
    }
    if (parts.size() == 2 && parts[0] == QLatin1String("connection")) {
        const int index = parts[1].toInt(&ok) - 1;
        if (!ok || index < 0 || std::size_t(index) >= run.connections.size())
            return {};
        const ClientConnection &connection = run.connections[std::size_t(index)];
        return connection.peer + QStringLiteral(" — ") + clientProcessDetail(connection);
    }
    return {};
}

QStringList sessionClients(const Run &run) {
    // Request ids are given in arrival order, so this is the order of each first request.
    QStringList clients;
    std::set<std::int32_t> seenProcesses;
    for (std::size_t id = 0; id < run.requests.size(); ++id) {
        const ClientConnection *connection = connectionOf(run, id);
        if (!connection || connection->processId <= 0 ||
            !seenProcesses.insert(connection->processId).second)
            continue;
        const QString program = clientProgramName(connection->command);
        clients << (program.isEmpty()
                        ? QStringLiteral("pid %1").arg(connection->processId)
                        : QStringLiteral("%1 (pid %2)").arg(program).arg(connection->processId));
    }
    return clients;
}

LaneLayout layoutByConnection(const Run &run) {
    LaneLayout layout;
    layout.meaning = LaneMeaning::ClientExecutor; // busy while it carries a request, idle between
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
    layout.meaning = LaneMeaning::ClientExecutor;
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
