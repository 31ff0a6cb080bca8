#include "watch/clienttrace.h"

#include <QUrl>

#include <algorithm>
#include <set>
#include <utility>

namespace reqlanes::watch {

namespace {

std::int64_t integer(const QJsonObject &event, const char *key) {
    return event.value(QLatin1String(key)).toInteger(-1);
}

QString text(const QJsonObject &event, const char *key) {
    return event.value(QLatin1String(key)).toString();
}

// "4242:140001": asyncio task ids (id(task)) are unique only within one process.
QString taskKey(const QJsonObject &event) {
    const std::int64_t task = integer(event, "task");
    return task < 0
               ? QString()
               : QString::number(integer(event, "pid")) + QLatin1Char(':') + QString::number(task);
}

// A request's timeout as seconds: aiohttp's ClientTimeout.total (a number, or null for none),
// requests' timeout argument (a number, or a "(connect, read)" pair whose parts do not add up to
// one deadline, so it stays unknown).
double timeoutSeconds(const QJsonObject &event) {
    const QJsonValue total = event.value(QLatin1String("timeout_total"));
    if (total.isDouble())
        return std::max(0.0, total.toDouble());
    bool ok = false;
    const double plain = text(event, "timeout").toDouble(&ok);
    return ok ? std::max(0.0, plain) : 0;
}

// The lane event of a worker process's exit, as the parent saw it: multiprocessing reports a
// death by signal as a negative exit code (-15: terminated, as Pool.terminate ends its workers).
LaneEvent exitEvent(std::int64_t code) {
    LaneEvent event;
    event.kind = code == 0 ? LaneEventKind::ProcessExited : LaneEventKind::ProcessCrashed;
    if (code == -15) {
        event.kind = LaneEventKind::ProcessExited;
        event.detail = QStringLiteral("terminated (SIGTERM)");
    } else if (code < 0) {
        event.detail = QStringLiteral("signal %1").arg(-code);
    } else if (code > 0) {
        event.detail = QStringLiteral("exit code %1").arg(code);
    }
    return event;
}

} // namespace

ClientTrace::Request *ClientTrace::requestOf(const QJsonObject &event) {
    const int index = m_byId.value(text(event, "req"), -1);
    return index < 0 ? nullptr : &m_requests[std::size_t(index)];
}

void ClientTrace::add(const QJsonObject &event) {
    const QString kind = text(event, "kind");
    const std::int64_t at = integer(event, "at");
    if (at < 0) {
        ++m_skipped;
        return;
    }
    const auto pid = std::int32_t(integer(event, "pid"));
    const auto tid = std::int32_t(integer(event, "tid"));

    if (kind == QLatin1String("semaphore_wait") || kind == QLatin1String("semaphore_acquired")) {
        const QString task = taskKey(event);
        if (task.isEmpty())
            return; // outside a task: nothing to tie it to
        HeldSemaphore &held = m_semaphores[task];
        const int limit = int(std::max<std::int64_t>(0, integer(event, "limit")));
        if (kind == QLatin1String("semaphore_wait")) {
            held = {{ClientWait::Semaphore, at, kUnset, limit},
                    false,
                    pid,
                    tid,
                    text(event, "task_name")};
        } else {
            if (!event.value(QLatin1String("waited")).toBool() || held.span.from == kUnset ||
                held.pending)
                held.span = {ClientWait::Semaphore, at, at, limit};
            held.span.to = at;
            held.pending = true;
        }
        return;
    }
    if (kind == QLatin1String("request_start")) {
        const QString id = text(event, "req");
        if (id.isEmpty()) {
            ++m_skipped;
            return;
        }
        Request request;
        request.id = id;
        request.method = text(event, "method");
        request.url = text(event, "url");
        request.library = text(event, "library");
        request.processId = pid;
        request.threadId = tid;
        request.task = taskKey(event);
        request.taskName = text(event, "task_name");
        request.start = at;
        request.timeoutS = timeoutSeconds(event);
        // The semaphore its task acquired for it (`async with semaphore: await session.get()`).
        if (auto held = m_semaphores.find(request.task);
            !request.task.isEmpty() && held != m_semaphores.end() && held->pending) {
            request.semaphore = held->span;
            held->pending = false;
        }
        m_byId.insert(id, int(m_requests.size()));
        m_requests.push_back(std::move(request));
        return;
    }
    if (kind == QLatin1String("thread_start") || kind == QLatin1String("thread_end")) {
        Lifecycle life;
        life.event.kind = kind == QLatin1String("thread_start") ? LaneEventKind::ThreadStarted
                                                                : LaneEventKind::ThreadFinished;
        life.event.at = at;
        life.event.processId = pid;
        life.event.threadId = tid;
        life.event.detail = text(event, "thread_name");
        m_lifecycle.push_back(std::move(life));
        return;
    }
    if (kind == QLatin1String("process_spawned")) {
        Lifecycle life;
        life.event.kind = LaneEventKind::ProcessSpawned;
        life.event.at = at;
        life.event.detail = text(event, "child_name");
        life.childName = life.event.detail;
        life.event.threadId = pid; // the parent, until process_started names the child
        m_lifecycle.push_back(std::move(life));
        return;
    }
    if (kind == QLatin1String("process_started")) {
        // The parent learns the child's pid once start() returns: the spawn was the child's.
        const QString name = text(event, "child_name");
        for (auto it = m_lifecycle.rbegin(); it != m_lifecycle.rend(); ++it)
            if (it->event.kind == LaneEventKind::ProcessSpawned && it->event.processId == 0 &&
                it->event.threadId == pid && it->childName == name) {
                it->event.processId = std::int32_t(integer(event, "child"));
                it->event.threadId = 0;
                break;
            }
        return;
    }
    if (kind == QLatin1String("process_ready") || kind == QLatin1String("process_exit")) {
        Lifecycle life;
        if (kind == QLatin1String("process_ready")) {
            life.event.kind = LaneEventKind::ProcessReady;
            life.event.processId = pid;
        } else {
            life.event = exitEvent(integer(event, "code"));
            life.event.processId = std::int32_t(integer(event, "child"));
        }
        life.event.at = at;
        m_lifecycle.push_back(std::move(life));
        return;
    }
    if (kind == QLatin1String("dropped")) {
        m_droppedByTracer += int(std::max<std::int64_t>(0, integer(event, "count")));
        return;
    }
    if (kind == QLatin1String("task_created") || kind == QLatin1String("task_done"))
        return; // a task's lane comes from its requests

    Request *request = requestOf(event);
    if (!request) {
        ++m_skipped;
        return;
    }
    if (kind == QLatin1String("queue_start")) {
        const QString waitsFor = text(event, "waits_for");
        const ClientWait what =
            waitsFor == QLatin1String("pool") ? ClientWait::Pool : ClientWait::Connector;
        request->connection = {what, at, kUnset,
                               int(std::max<std::int64_t>(0, integer(event, "limit")))};
    } else if (kind == QLatin1String("queue_end")) {
        request->connection.to = at;
    } else if (kind == QLatin1String("connect_start")) {
        request->connectStart = at;
    } else if (kind == QLatin1String("connect_end")) {
        request->connectEnd = at;
    } else if (kind == QLatin1String("request_sent")) {
        request->sent = at;
    } else if (kind == QLatin1String("response_headers")) {
        request->head = at;
        request->httpStatus = int(integer(event, "status"));
    } else if (kind == QLatin1String("request_end")) {
        request->end = at;
        if (const std::int64_t status = integer(event, "status"); status > 0)
            request->httpStatus = int(status);
    } else if (kind == QLatin1String("request_error")) {
        request->end = at;
        const QString message = text(event, "message");
        request->error =
            text(event, "error") + (message.isEmpty() ? QString() : QStringLiteral(": ") + message);
        request->timedOut = event.value(QLatin1String("timeout")).toBool();
        request->refused = text(event, "error") == QLatin1String("ClientConnectorError") ||
                           text(event, "error") == QLatin1String("ConnectionError");
    } else if (kind != QLatin1String("connection_reused")) {
        ++m_skipped;
    }
}

std::int64_t ClientTrace::earliestNs() const {
    std::int64_t earliest = -1;
    const auto see = [&earliest](std::int64_t at) {
        if (at >= 0 && (earliest < 0 || at < earliest))
            earliest = at;
    };
    for (const Request &request : m_requests) {
        see(request.start);
        see(request.semaphore.from);
    }
    for (const HeldSemaphore &held : m_semaphores)
        see(held.span.from);
    for (const Lifecycle &life : m_lifecycle)
        see(life.event.at);
    return earliest;
}

void ClientTrace::joinInto(Run &session, std::int64_t originNs) const {
    if (empty())
        return;
    const auto rel = [originNs](std::int64_t at) -> Nanos {
        return at < 0 ? kUnset : std::max<Nanos>(0, at - originNs);
    };
    const auto relSpan = [&rel](ClientWaitSpan span) {
        span.from = rel(span.from);
        span.to = rel(span.to);
        return span;
    };

    QHash<QString, int> observed; // X-Request-Id -> the request the server saw with it
    for (std::size_t i = 0; i < session.origins.size() && i < session.requests.size(); ++i)
        if (!session.origins[i].requestId.isEmpty())
            observed.insert(session.origins[i].requestId, int(i));
    session.clientSides.resize(session.requests.size());

    std::set<std::pair<std::int32_t, std::int32_t>> threadsWithRequests;
    for (const Request &client : m_requests) {
        int index = observed.value(client.id, -1);
        if (index < 0) {
            // Never reached the server (yet): its client side is all there is.
            RequestRecord record;
            record.id = int(session.requests.size());
            index = record.id;
            session.requests.push_back(record);
            session.origins.resize(session.requests.size() - 1);
            RequestOrigin origin;
            origin.requestId = client.id;
            const QUrl url(client.url);
            origin.target =
                client.method + QLatin1Char(' ') +
                (url.isValid() ? url.path(QUrl::FullyEncoded) +
                                     (url.hasQuery() ? QLatin1Char('?') + url.query() : QString())
                               : client.url);
            session.origins.push_back(origin);
            session.clientSides.resize(session.requests.size());
            if (!session.spans.empty())
                session.spans.resize(session.requests.size());
        }
        RequestRecord &record = session.requests[std::size_t(index)];
        ClientSide &side = session.clientSides[std::size_t(index)];
        side.library = client.library;
        side.task = client.task;
        side.taskName = client.taskName;
        side.semaphore = relSpan(client.semaphore);
        side.connection = relSpan(client.connection);
        side.timeoutS = client.timeoutS;

        const auto set = [&record](Phase phase, Nanos at) {
            if (at != kUnset)
                record.at[int(phase)] = at;
        };
        const Nanos created =
            side.semaphore.what != ClientWait::None ? side.semaphore.from : rel(client.start);
        if (!record.has(Phase::Created) || created < record.phase(Phase::Created))
            set(Phase::Created, created);
        // Acquired: the end of the last wait; a wait that never ended leaves it unset.
        if (side.connection.what != ClientWait::None)
            record.at[int(Phase::Acquired)] = side.connection.to;
        else if (side.semaphore.waited())
            set(Phase::Acquired, side.semaphore.to);
        set(Phase::ConnectStart, rel(client.connectStart));
        set(Phase::Connected, rel(client.connectEnd));
        set(Phase::Sent, rel(client.sent));
        set(Phase::FirstByte, rel(client.head));
        set(Phase::Done, rel(client.end));
        if (!client.error.isEmpty()) {
            record.status = client.timedOut  ? RequestStatus::Timeout
                            : client.refused ? RequestStatus::Refused
                                             : RequestStatus::ProtocolError;
            record.error = client.error;
        } else if (client.end >= 0 && !record.finished()) {
            const bool ok = client.httpStatus >= 200 && client.httpStatus < 300;
            record.status = ok ? RequestStatus::Ok : RequestStatus::HttpError;
            record.httpStatus = std::uint16_t(client.httpStatus);
        }
        if (client.processId != 0)
            record.processId = client.processId;
        if (client.threadId != 0) {
            record.threadId = client.threadId;
            threadsWithRequests.insert({client.processId, client.threadId});
        }
    }

    // Tasks still waiting for their semaphore: the requests they will make, held back.
    std::vector<std::pair<QString, const HeldSemaphore *>> waiting;
    for (auto it = m_semaphores.begin(); it != m_semaphores.end(); ++it)
        if (it->span.from != kUnset && it->span.to == kUnset && !it->pending)
            waiting.emplace_back(it.key(), &it.value());
    std::sort(waiting.begin(), waiting.end(), [](const auto &a, const auto &b) {
        return std::pair(a.second->span.from, a.first) < std::pair(b.second->span.from, b.first);
    });
    for (const auto &[task, held] : waiting) {
        RequestRecord record;
        record.id = int(session.requests.size());
        record.at[int(Phase::Created)] = rel(held->span.from);
        record.processId = held->processId;
        record.threadId = held->threadId;
        session.requests.push_back(record);
        session.origins.resize(session.requests.size());
        ClientSide side;
        side.library = QStringLiteral("asyncio");
        side.task = task;
        side.taskName = held->taskName;
        side.semaphore = relSpan(held->span);
        session.clientSides.push_back(side);
        if (!session.spans.empty())
            session.spans.resize(session.requests.size());
    }

    // Life events: worker processes, and threads that ran requests (not an asyncio resolver's
    // helper threads, which would be empty lanes).
    const std::size_t before = session.laneEvents.size();
    for (const Lifecycle &life : m_lifecycle) {
        const bool thread = life.event.kind == LaneEventKind::ThreadStarted ||
                            life.event.kind == LaneEventKind::ThreadFinished;
        if (thread && !threadsWithRequests.count({life.event.processId, life.event.threadId}))
            continue;
        if (!thread && life.event.processId == 0)
            continue; // a spawn whose child never started
        LaneEvent event = life.event;
        event.at = rel(event.at);
        session.laneEvents.push_back(std::move(event));
    }
    if (session.laneEvents.size() > before)
        std::stable_sort(session.laneEvents.begin(), session.laneEvents.end(),
                         [](const LaneEvent &a, const LaneEvent &b) { return a.at < b.at; });
}

} // namespace reqlanes::watch
