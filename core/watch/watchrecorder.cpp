#include "watch/watchrecorder.h"

#include "watch/spanjoin.h"

#include <QDateTime>

#include <algorithm>
#include <set>

namespace reqlanes::watch {

namespace {

QString peerText(const std::string &address, std::uint16_t port) {
    const QString host = QString::fromStdString(address);
    return (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) +
           QLatin1Char(':') + QString::number(port);
}

bool isSuccess(int status) {
    return status >= 200 && status < 300;
}

} // namespace

WatchRecorder::WatchRecorder(WatchSettings settings)
    : m_settings(std::move(settings))
    , m_splitter(m_settings.idleGapNs) {
    if (m_settings.lookUpProcesses)
        m_lookupThread = std::thread([this] { lookupLoop(); });
}

WatchRecorder::~WatchRecorder() {
    {
        const std::lock_guard lock(m_lookupMutex);
        m_stopping = true;
    }
    m_lookupWake.notify_all();
    if (m_lookupThread.joinable())
        m_lookupThread.join();
}

void WatchRecorder::setIdleGapNs(std::int64_t gapNs) {
    const std::lock_guard lock(m_mutex);
    m_splitter.setIdleGapNs(gapNs);
}

void WatchRecorder::setServerSettings(const ServerSettings &server) {
    const std::lock_guard lock(m_mutex);
    m_settings.server = server;
}

Nanos WatchRecorder::sinceOrigin(std::int64_t absoluteNs) const {
    // A request that began before the session did (a connection opened earlier and silent
    // until now) is drawn from the session's start: the session has no time before it.
    return std::max<std::int64_t>(0, absoluteNs - m_originNs);
}

RequestRecord *WatchRecorder::current(Connection &connection) {
    if (connection.request < 0 || connection.generation != m_generation || !m_splitter.inSession())
        return nullptr;
    touchRequest(connection.request); // every caller changes it
    return &m_run.requests[std::size_t(connection.request)];
}

void WatchRecorder::touchRequest(int id) {
    if (std::size_t(id) >= m_copiedRequests || m_requestTouched[std::size_t(id)])
        return; // not copied yet: the next update copies it whole anyway
    m_requestTouched[std::size_t(id)] = 1;
    m_touchedRequests.push_back(id);
}

void WatchRecorder::touchConnection(int index) {
    if (std::size_t(index) >= m_copiedConnections || m_connectionTouched[std::size_t(index)])
        return;
    m_connectionTouched[std::size_t(index)] = 1;
    m_touchedConnections.push_back(index);
}

int WatchRecorder::connectionIndex(std::uint64_t connectionId, Connection &connection) {
    if (connection.generation == m_generation && connection.index >= 0)
        return connection.index;
    ClientConnection entry;
    entry.serverId = connectionId;
    entry.peer = connection.peer;
    entry.processId = connection.process.processId;
    entry.command = connection.process.command;
    entry.opened =
        connection.acceptedNs >= m_originNs ? connection.acceptedNs - m_originNs : kUnset;
    connection.generation = m_generation;
    connection.index = int(m_run.connections.size());
    m_sessionIndex[connectionId] = connection.index;
    m_run.connections.push_back(std::move(entry));
    m_requestsOfConnection.emplace_back();
    return connection.index;
}

void WatchRecorder::startSession(std::int64_t originNs) {
    ++m_generation;
    // Sessions never overlap: bytes that arrived before the last session ended (pipelined
    // behind a request it held) belong to this one from its start.
    m_originNs = std::max(originNs, m_lastSessionEndNs);
    m_run = Run{};
    m_clientTrace = ClientTrace{};
    m_sessionIndex.clear();
    m_requestsOfConnection.clear();
    m_copiedRequests = m_copiedConnections = 0; // the next live update copies the session whole
    m_touchedRequests.clear();
    m_touchedConnections.clear();
    m_requestTouched.clear();
    m_connectionTouched.clear();
    m_run.scenario.strategy = QStringLiteral("watch");
    m_run.startedAt =
        QDateTime::currentDateTime().addMSecs(-(steadyNowNs() - m_originNs) / 1'000'000);
}

void WatchRecorder::addSpans(const std::vector<TracedRequest> &requests,
                             std::int64_t unixToSteadyNs, std::int64_t nowNs) {
    if (requests.empty())
        return;
    const std::lock_guard lock(m_mutex);
    // Spans come after their requests ended: they are activity now, and a session that begins
    // with them begins at their earliest moment.
    std::int64_t earliest = nowNs;
    for (const TracedRequest &request : requests)
        if (request.record.has(Phase::Created))
            earliest = std::min(earliest, request.record.phase(Phase::Created) + unixToSteadyNs);
    if (m_splitter.requestBegan(nowNs))
        startSession(earliest);
    m_splitter.requestEnded(nowNs);
    m_lastActivityNs = std::max(m_lastActivityNs, nowNs);
    const std::size_t before = m_run.requests.size();
    const std::size_t room = std::size_t(std::max(0, m_settings.maxRequestsPerSession)) -
                             std::min(before, std::size_t(m_settings.maxRequestsPerSession));
    if (requests.size() > room) {
        // Past the cap only the count is kept, as for requests the server saw.
        std::vector<TracedRequest> kept(requests.begin(), requests.begin() + long(room));
        m_run.droppedRequests += int(requests.size() - room);
        joinSpans(m_run, kept, unixToSteadyNs - m_originNs);
        return;
    }
    joinSpans(m_run, requests, unixToSteadyNs - m_originNs);
}

void WatchRecorder::addClientEvents(std::vector<QJsonObject> events, std::int64_t nowNs) {
    if (events.empty())
        return;
    const std::lock_guard lock(m_mutex);
    // Like spans: activity now. A session that begins with them begins at their earliest
    // moment (the join moves it earlier still if an older event comes later).
    if (m_splitter.requestBegan(nowNs))
        startSession(nowNs);
    for (const QJsonObject &event : events)
        m_clientTrace.add(event);
    // Sessions never overlap: an event before the last session ended is drawn from this one's
    // start.
    if (const std::int64_t first = m_clientTrace.earliestNs(); first >= 0) {
        const std::int64_t earliest = std::max(first, m_lastSessionEndNs);
        if (earliest < m_originNs) {
            m_run.shiftTimes(m_originNs - earliest);
            m_originNs = earliest;
        }
    }
    m_splitter.requestEnded(nowNs);
    m_lastActivityNs = std::max(m_lastActivityNs, nowNs);
}

int WatchRecorder::beginRequest(std::uint64_t connectionId, Connection &connection,
                                std::int64_t arrivedNs) {
    if (m_splitter.requestBegan(arrivedNs))
        startSession(arrivedNs);
    m_lastActivityNs = std::max(m_lastActivityNs, arrivedNs);
    connection.requestOpen = true;
    const int index = connectionIndex(connectionId, connection);
    if (int(m_run.requests.size()) >= m_settings.maxRequestsPerSession) {
        ++m_run.droppedRequests;
        connection.request = -2;
        return -2;
    }
    // Timed from its own first byte: a connection opened early and used later was idle, and
    // that idle time shows on its connection lane (ClientConnection::opened), not on the request.
    RequestRecord record;
    record.id = int(m_run.requests.size());
    record.at[int(Phase::Created)] = sinceOrigin(arrivedNs);
    record.processId = connection.process.processId;
    record.logicalLane = index;
    m_run.requests.push_back(record);
    RequestOrigin origin;
    origin.connection = index;
    m_run.origins.push_back(origin);
    connection.request = record.id;
    m_requestsOfConnection[std::size_t(index)].push_back(record.id);
    return record.id;
}

void WatchRecorder::endRequest(Connection &connection, std::int64_t atNs, bool handlerDone) {
    if (!connection.requestOpen)
        return;
    connection.requestOpen = false;
    connection.request = -1;
    if (handlerDone)
        m_splitter.requestEnded(atNs);
    m_lastActivityNs = std::max(m_lastActivityNs, atNs);
}

void WatchRecorder::connectionAccepted(const server::ServerConnectionEvent &event) {
    {
        const std::lock_guard lock(m_mutex);
        Connection &connection = m_connections[event.connectionId];
        connection.acceptedNs = event.atNs;
        connection.peer = peerText(event.peerAddress, event.peerPort);
    }
    if (!m_settings.lookUpProcesses)
        return;
    {
        const std::lock_guard lock(m_lookupMutex);
        m_lookups.push_back({event.connectionId,
                             {event.peerAddress, event.peerPort},
                             {event.localAddress, event.localPort}});
    }
    m_lookupWake.notify_one();
}

void WatchRecorder::requestBegan(const server::ServerConnectionEvent &event) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end() || it->second.requestOpen)
        return;
    const int id = beginRequest(event.connectionId, it->second, event.arrivedNs);
    // Pipelined behind the request before it: the wait for its connection is a slot wait, the
    // request's alone (created -> acquired), like a wait for a pool thread.
    if (id >= 0 && event.atNs > event.arrivedNs) {
        touchRequest(id);
        m_run.requests[std::size_t(id)].at[int(Phase::Acquired)] = sinceOrigin(event.atNs);
    }
}

void WatchRecorder::requestReceived(const server::ServerConnectionEvent &event) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end())
        return;
    Connection &connection = it->second;
    if (!connection.requestOpen) // a server that did not report the first byte
        beginRequest(event.connectionId, connection, event.arrivedNs);
    RequestRecord *found = current(connection);
    if (!found)
        return;
    RequestRecord &record = *found;
    const int id = record.id;
    // Head complete: from here it waits for a worker (server queue) until its handler starts.
    record.at[int(Phase::Sent)] = sinceOrigin(event.atNs);
    record.at[int(Phase::ServerAccept)] = sinceOrigin(event.atNs);
    RequestOrigin &origin = m_run.origins[std::size_t(id)];
    origin.requestId = QString::fromStdString(event.requestId);
    origin.clientLane = QString::fromStdString(event.clientLane);
    origin.traceParent = QString::fromStdString(event.traceParent);
    origin.target = QString::fromStdString(event.method) + QLatin1Char(' ') +
                    QString::fromStdString(event.target);
}

void WatchRecorder::requestRefused(const server::ServerConnectionEvent &event) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end())
        return;
    Connection &connection = it->second;
    // Refused before its head was complete (malformed, too large, too slow): a request anyway.
    if (!connection.requestOpen)
        beginRequest(event.connectionId, connection, event.arrivedNs);
    if (RequestRecord *record = current(connection)) {
        record->httpStatus = std::uint16_t(event.status);
        record->error = QString::fromStdString(event.reason);
    }
}

void WatchRecorder::requestStarted(const server::ServerRequestEvent &event) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end())
        return;
    it->second.handlerRunning = true;
    if (RequestRecord *record = current(it->second)) {
        record->at[int(Phase::ServerStart)] = sinceOrigin(event.startedNs);
        record->serverWorker = std::int16_t(event.worker);
    }
}

void WatchRecorder::requestFinished(const server::ServerRequestEvent &event) {
    const std::lock_guard lock(m_mutex);
    RequestRecord *record = nullptr;
    if (const auto it = m_connections.find(event.connectionId); it != m_connections.end()) {
        it->second.handlerRunning = false;
        record = current(it->second);
    } else if (const auto gone = m_abandoned.find(event.connectionId); gone != m_abandoned.end()) {
        // Its client left while it ran; the worker served on regardless (abandoned work), and
        // the session waited for it: its end is drawn, and only now is it no longer in progress.
        if (gone->second.request >= 0 && gone->second.generation == m_generation &&
            m_splitter.inSession()) {
            touchRequest(gone->second.request);
            record = &m_run.requests[std::size_t(gone->second.request)];
        }
        m_abandoned.erase(gone);
        m_splitter.requestEnded(event.finishedNs);
        m_lastActivityNs = std::max(m_lastActivityNs, event.finishedNs);
    }
    if (record)
        record->at[int(Phase::ServerEnd)] = sinceOrigin(event.finishedNs);
}

void WatchRecorder::responseWritten(const server::ServerConnectionEvent &event) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end())
        return;
    Connection &connection = it->second;
    if (RequestRecord *record = current(connection)) {
        record->at[int(Phase::FirstByte)] = sinceOrigin(event.respondedNs);
        record->at[int(Phase::Done)] = sinceOrigin(event.atNs);
        record->httpStatus = std::uint16_t(event.status);
        record->status = isSuccess(event.status) ? RequestStatus::Ok : RequestStatus::HttpError;
        if (!isSuccess(event.status) && record->error.isEmpty())
            record->error = QStringLiteral("HTTP %1").arg(event.status);
    }
    endRequest(connection, event.atNs);
}

void WatchRecorder::connectionClosed(const server::ServerConnectionEvent &event) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(event.connectionId);
    if (it == m_connections.end())
        return;
    Connection &connection = it->second;
    const QString reason = QString::fromStdString(event.reason);
    if (RequestRecord *record = current(connection)) {
        record->at[int(Phase::Done)] = sinceOrigin(event.atNs);
        record->status = RequestStatus::ProtocolError;
        const QString closed =
            QStringLiteral("connection %1 before the response was written").arg(reason);
        // A refusal (say 503 over the connection cap) keeps its own reason first.
        record->error =
            record->error.isEmpty() ? closed : record->error + QStringLiteral("; ") + closed;
    }
    // Reset while its handler runs: the worker serves on, so the request stays in progress.
    const bool handlerRunning = connection.handlerRunning && connection.requestOpen;
    if (handlerRunning)
        m_abandoned[event.connectionId] = {m_generation,
                                           current(connection) ? connection.request : -1};
    endRequest(connection, event.atNs, !handlerRunning);
    if (connection.generation == m_generation && connection.index >= 0 && m_splitter.inSession()) {
        touchConnection(connection.index);
        ClientConnection &entry = m_run.connections[std::size_t(connection.index)];
        entry.closed = sinceOrigin(event.atNs);
        entry.closeReason = reason;
    }
    m_connections.erase(it);
}

void WatchRecorder::serverStopped(std::int64_t nowNs) {
    const std::lock_guard lock(m_mutex);
    for (auto &[id, connection] : m_connections) {
        if (RequestRecord *record = current(connection)) {
            record->at[int(Phase::Done)] = sinceOrigin(nowNs);
            record->status = RequestStatus::ProtocolError;
            record->error = QStringLiteral("the server stopped (or restarted with new settings) "
                                           "before the response was written");
        }
        endRequest(connection, nowNs);
        if (connection.generation == m_generation && connection.index >= 0 &&
            m_splitter.inSession()) {
            touchConnection(connection.index);
            ClientConnection &entry = m_run.connections[std::size_t(connection.index)];
            entry.closed = sinceOrigin(nowNs);
            entry.closeReason = QStringLiteral("closed by the server stopping");
        }
    }
    m_connections.clear();
    // Their handlers will never report an end now.
    for (std::size_t i = 0; i < m_abandoned.size(); ++i)
        m_splitter.requestEnded(nowNs);
    m_abandoned.clear();
}

bool WatchRecorder::poll(std::int64_t nowNs) {
    const std::lock_guard lock(m_mutex);
    const bool served = m_endWhenServedNs >= 0 && m_splitter.inSession() &&
                        (m_splitter.inProgress() == 0 || nowNs >= m_endWhenServedNs);
    if (!served && !m_splitter.idleOver(nowNs))
        return false;
    closeSession(nowNs);
    return true;
}

bool WatchRecorder::endSessionWhenServed(std::int64_t deadlineNs) {
    const std::lock_guard lock(m_mutex);
    if (!m_splitter.inSession())
        return false;
    m_endWhenServedNs = deadlineNs;
    return true;
}

std::int64_t WatchRecorder::servedDeadlineNs(std::int64_t nowNs) const {
    const std::lock_guard lock(m_mutex);
    return nowNs + 2 * std::int64_t(m_settings.server.latencyMs) * 1'000'000 + 1'000'000'000;
}

bool WatchRecorder::endSession(std::int64_t nowNs) {
    const std::lock_guard lock(m_mutex);
    if (!m_splitter.inSession())
        return false;
    closeSession(nowNs);
    return true;
}

void WatchRecorder::closeSession(std::int64_t nowNs) {
    m_clientTrace.joinInto(m_run, m_originNs);
    m_clientTrace = ClientTrace{};
    // Requests still in progress (the user ended the session early) stop being recorded here.
    for (RequestRecord &record : m_run.requests) {
        if (record.finished())
            continue;
        record.at[int(Phase::Done)] = sinceOrigin(nowNs);
        record.status = RequestStatus::Cancelled;
        record.error = QStringLiteral("still in progress when the session ended");
    }
    if (!m_run.spans.empty())
        m_run.spans.resize(m_run.requests.size());
    m_run.elapsed = 0;
    for (const RequestRecord &record : m_run.requests)
        m_run.elapsed = std::max(m_run.elapsed, record.phase(Phase::Done));
    m_run.finished = true;
    m_run.scenario.n = std::max(1, int(m_run.requests.size()));
    m_run.scenario.limit = std::max(1, int(m_run.connections.size()));
    m_run.scenario.server = m_settings.server;
    ++m_finishedTotal;
    m_run.strategyName = QStringLiteral("watch session %1").arg(m_finishedTotal);
    m_finished.push_back(std::move(m_run));
    m_run = Run{};
    m_sessionIndex.clear();
    m_requestsOfConnection.clear();
    m_splitter.endSession();
    m_endWhenServedNs = -1;
    for (auto &[id, connection] : m_connections)
        connection.request = -1; // in-progress requests keep counting, unrecorded
    for (auto &[id, abandoned] : m_abandoned)
        abandoned.request = -1; // so do handlers whose client left
    m_lastSessionEndNs = std::max(m_lastSessionEndNs, nowNs);
}

bool WatchRecorder::inSession() const {
    const std::lock_guard lock(m_mutex);
    return m_splitter.inSession();
}

std::optional<Run> WatchRecorder::liveSession(std::int64_t nowNs) const {
    const std::lock_guard lock(m_mutex);
    if (!m_splitter.inSession())
        return std::nullopt;
    Run run = m_run;
    finishLiveCopy(run, nowNs);
    return run;
}

void WatchRecorder::finishLiveCopy(Run &run, std::int64_t nowNs) const {
    if (!run.spans.empty()) // one per request once any span came
        run.spans.resize(run.requests.size());
    run.elapsed = std::max<std::int64_t>(0, nowNs - m_originNs);
    m_clientTrace.joinInto(run, m_originNs);
    run.scenario.n = std::max(1, int(run.requests.size()));
    run.scenario.limit = std::max(1, int(run.connections.size()));
    run.scenario.server = m_settings.server;
    run.strategyName = QStringLiteral("watch session %1 (live)").arg(m_finishedTotal + 1);
}

bool WatchRecorder::updateLiveSession(LiveSession &live, std::int64_t nowNs) {
    const std::lock_guard lock(m_mutex);
    if (!m_splitter.inSession())
        return false;
    // Spans and client events are joined into the copy (and may move any request): such a
    // session, a traced program's, is small, and copied whole.
    const bool whole = live.changes.source == 0 || live.changes.source != m_deltaSerial ||
                       m_deltaGeneration != m_generation || !m_run.spans.empty() ||
                       !m_clientTrace.empty() || live.run.requests.size() != m_copiedRequests ||
                       live.run.connections.size() != m_copiedConnections;
    RunChanges &changes = live.changes;
    changes.from = changes.to;
    changes.to = ++m_liveVersion;
    changes.whole = whole;
    changes.requests.swap(m_touchedRequests);
    changes.connections.swap(m_touchedConnections);
    // Touched in the order events came; RunChanges lists them ascending (a few hundred a frame).
    std::sort(changes.requests.begin(), changes.requests.end());
    std::sort(changes.connections.begin(), changes.connections.end());
    if (whole) {
        changes.source = ++m_deltaSerial;
        m_deltaGeneration = m_generation;
    }
    applyRunChanges(live.run, m_run, changes);
    for (const int id : changes.requests)
        if (std::size_t(id) < m_requestTouched.size())
            m_requestTouched[std::size_t(id)] = 0;
    for (const int index : changes.connections)
        if (std::size_t(index) < m_connectionTouched.size())
            m_connectionTouched[std::size_t(index)] = 0;
    m_copiedRequests = m_run.requests.size();
    m_copiedConnections = m_run.connections.size();
    m_requestTouched.resize(m_copiedRequests, 0);
    m_connectionTouched.resize(m_copiedConnections, 0);
    m_touchedRequests.clear();
    m_touchedConnections.clear();
    // What this changes in the copy is redone on every update: the copy's base stays m_run's
    // (spans and client events, which it joins in, make every update whole).
    finishLiveCopy(live.run, nowNs);
    return true;
}

std::vector<Run> WatchRecorder::takeFinishedSessions() {
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_finished, {});
}

int WatchRecorder::finishedSessionCount() const {
    const std::lock_guard lock(m_mutex);
    return m_finishedTotal;
}

void WatchRecorder::lookupLoop() {
    for (;;) {
        std::vector<LookupJob> batch;
        {
            std::unique_lock lock(m_lookupMutex);
            m_lookupWake.wait(lock, [this] { return m_stopping || !m_lookups.empty(); });
            if (m_stopping)
                return;
            batch.assign(m_lookups.begin(), m_lookups.end());
            m_lookups.clear();
        }
        std::vector<std::pair<Endpoint, Endpoint>> peers;
        peers.reserve(batch.size());
        for (const LookupJob &job : batch)
            peers.emplace_back(job.peer, job.local);
        const std::vector<PeerProcess> found = PeerProcessLookup::lookup(peers);

        const std::lock_guard lock(m_mutex);
        std::vector<std::pair<int, const PeerProcess *>> inSession; // connection index, process
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (const auto it = m_connections.find(batch[i].connectionId);
                it != m_connections.end())
                it->second.process = found[i];
            // Also when it closed meanwhile: what the scan found was true while it was open.
            const auto index = m_sessionIndex.find(batch[i].connectionId);
            if (index != m_sessionIndex.end() && m_splitter.inSession())
                inSession.emplace_back(index->second, &found[i]);
        }
        if (inSession.empty())
            continue;
        // Requests recorded before the answer came get their process now: only the looked-up
        // connections' (a walk over every request, under the lock the I/O thread needs for each
        // event, cost milliseconds a batch at 100,000).
        for (const auto &[index, process] : inSession) {
            ClientConnection &entry = m_run.connections[std::size_t(index)];
            entry.processId = process->processId;
            entry.command = process->command;
            touchConnection(index);
            if (process->processId < 0)
                continue;
            for (const int id : m_requestsOfConnection[std::size_t(index)]) {
                m_run.requests[std::size_t(id)].processId = process->processId;
                touchRequest(id);
            }
        }
    }
}

} // namespace reqlanes::watch
