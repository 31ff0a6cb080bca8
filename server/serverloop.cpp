#include "serverloop.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>

namespace reqlanes::server {

namespace {

constexpr std::uint64_t kListenerId = 0;
constexpr std::uint64_t kWakeupId = 1;
constexpr std::uint64_t kFirstConnectionId = 2;
constexpr int kMaxEvents = 1024;
constexpr std::size_t kReadBufferBytes = 16 * 1024;
// A closing connection drains the client's unread input this long: closing with unread bytes
// sends a RST that can destroy our last response before the client has read it (RFC 9112 9.6).
constexpr std::int64_t kLingerNs = 1'000'000'000;
// Refusals past the connection cap linger too, but only this many beyond the cap; a flood past
// that gets its 503 and an immediate close.
constexpr std::size_t kRefusalAllowance = 256;
constexpr std::int64_t kNanosPerMs = 1'000'000;

} // namespace

ServerLoop::ServerLoop(const ServerConfig &config, ServerObserver *observer, UniqueFd listener,
                       IngestEndpoints ingest)
    : m_config(config)
    , m_headerTimeoutNs(std::int64_t(config.headerTimeoutMs) * kNanosPerMs)
    , m_listener(std::move(listener))
    , m_scheduler(config, observer)
    , m_reporter(observer)
    , m_ingest(std::move(ingest))
    , m_nextId(kFirstConnectionId)
    , m_buffer(kReadBufferBytes) {}

ServerLoop::~ServerLoop() = default;

bool ServerLoop::init(std::string *error) {
    m_epoll.reset(::epoll_create1(EPOLL_CLOEXEC));
    m_wakeup.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    m_spareFd.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!m_epoll.valid() || !m_wakeup.valid()) {
        if (error)
            *error = std::string("cannot create the event loop: ") + std::strerror(errno);
        return false;
    }
    epoll_event listen{};
    listen.events = EPOLLIN;
    listen.data.u64 = kListenerId;
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.u64 = kWakeupId;
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, m_listener.get(), &listen) != 0 ||
        ::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, m_wakeup.get(), &wake) != 0) {
        if (error)
            *error = std::string("cannot watch the listening socket: ") + std::strerror(errno);
        return false;
    }
    return true;
}

void ServerLoop::requestStop() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_wakeup.get(), &one, sizeof one);
}

void ServerLoop::run() {
    std::vector<epoll_event> events(kMaxEvents);
    for (;;) {
        const int count = ::epoll_wait(m_epoll.get(), events.data(), kMaxEvents,
                                       epollTimeoutMs(monotonicNowNs()));
        if (count < 0 && errno != EINTR)
            break; // cannot happen with valid descriptors; stopping beats spinning
        const std::int64_t nowNs = monotonicNowNs();
        bool stop = false;
        for (int i = 0; i < count; ++i) {
            const std::uint64_t id = events[i].data.u64;
            if (id == kWakeupId)
                stop = true;
            else if (id == kListenerId)
                acceptConnections();
            else if (ServerConnection *connection = find(id))
                onEvent(*connection, events[i].events, nowNs);
        }
        if (stop)
            break;
        processTimers();
        processReady();
        reapClosed();
    }
    // Prompt shutdown: in-flight requests are abandoned, their clients see the socket close.
    m_connections.clear();
    m_listener.reset();
}

int ServerLoop::epollTimeoutMs(std::int64_t nowNs) const {
    std::int64_t next = m_deadlines.nextDeadlineNs();
    const std::int64_t handler = m_scheduler.nextDeadlineNs();
    if (next < 0 || (handler >= 0 && handler < next))
        next = handler;
    if (next < 0)
        return -1;
    // Rounded up: waking a little late is harmless, waking early spins until the deadline.
    const std::int64_t waitMs =
        (std::max<std::int64_t>(0, next - nowNs) + kNanosPerMs - 1) / kNanosPerMs;
    return int(std::min<std::int64_t>(waitMs, INT_MAX));
}

void ServerLoop::processTimers() {
    const std::int64_t nowNs = monotonicNowNs();
    for (Completion &done : m_scheduler.expire(nowNs)) {
        ServerConnection *connection = find(done.connectionId);
        // A client that vanished while its handler ran gets nothing; the worker was still used.
        if (connection && connection->state == ConnectionState::Busy)
            respond(*connection, done.response, nowNs);
    }
    m_deadlines.expire(nowNs, [this, nowNs](std::uint64_t id, std::uint64_t sequence) {
        onDeadline(id, sequence, nowNs);
    });
}

void ServerLoop::processReady() {
    while (!m_ready.empty()) {
        ServerConnection *connection = find(m_ready.front());
        m_ready.pop_front();
        if (!connection || connection->state != ConnectionState::Reading ||
            connection->pending.empty())
            continue;
        const std::string bytes = std::move(connection->pending);
        connection->pending.clear();
        parseInput(*connection, bytes, connection->pendingReceivedNs, monotonicNowNs());
    }
}

void ServerLoop::reapClosed() {
    for (const std::uint64_t id : m_closed)
        m_connections.erase(id);
    m_closed.clear();
}

ServerConnection *ServerLoop::find(std::uint64_t connectionId) {
    const auto it = m_connections.find(connectionId);
    return it == m_connections.end() || it->second->state == ConnectionState::Closed
               ? nullptr
               : it->second.get();
}

// Until the backlog is empty: what is left there waits a whole epoll round (up to kMaxEvents
// connections' events) for the next wake-up, and a connect storm arrives faster than that. Each
// connection is stamped when it is accepted, not when the loop woke: a storm takes a while.
void ServerLoop::acceptConnections() {
    for (;;) {
        const std::int64_t nowNs = monotonicNowNs();
        const int fd = ::accept4(m_listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE)
                shedOneConnection();
            return; // EAGAIN: the backlog is empty
        }
        UniqueFd socket(fd);
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        if (m_open >= std::size_t(m_config.maxConnections)) {
            refuseOverCapacity(std::move(socket), nowNs);
            continue;
        }
        const std::uint64_t id = m_nextId++;
        auto connection = std::make_unique<ServerConnection>(
            std::move(socket), id, m_config.maxHeaderBytes, nowNs, &m_ingest.paths());
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = id;
        if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &event) != 0)
            continue;
        connection->events = EPOLLIN;
        ServerConnection &added = *m_connections.emplace(id, std::move(connection)).first->second;
        ++m_open;
        m_reporter.accepted(added, nowNs);
        armDeadline(added, nowNs + m_headerTimeoutNs);
        // A client sends its request right after connecting, and over loopback it is usually here
        // already: read it now rather than an epoll round later (nothing there: EAGAIN, no harm).
        readRequest(added, nowNs);
    }
}

HttpResponse ServerLoop::overCapacityRefusal() const {
    HttpResponse response = refusal(503, "too many open connections (limit " +
                                             std::to_string(m_config.maxConnections) + ")");
    response.addHeader("Retry-After", "1");
    return response;
}

void ServerLoop::refuseOverCapacity(UniqueFd socket, std::int64_t nowNs) {
    const HttpResponse response = overCapacityRefusal();
    // The 503 answers a request only if one came: a connection that has sent nothing yet may
    // never send one (clients dial spare connections ahead: Go's net/http does, and reads our
    // 503 as an "unsolicited response on an idle channel"). Reporting it as a refused request
    // invented thousands of requests the client never made under a connect storm.
    char first = 0;
    const bool asked = ::recv(socket.get(), &first, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
    if (m_open >= std::size_t(m_config.maxConnections) + kRefusalAllowance) {
        // Not kept, but still seen: a flood past the cap is drawn as refused connections. Closed
        // at once, so a request that comes after this look is never read (its client reads the
        // 503, or a reset).
        ServerConnection flooded(std::move(socket), m_nextId++, 0, nowNs);
        m_reporter.accepted(flooded, nowNs);
        if (asked)
            m_reporter.refused(flooded, response, nowNs);
        const std::string bytes = response.serialize();
        const ssize_t sent =
            ::send(flooded.socket.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (asked && sent == ssize_t(bytes.size())) {
            flooded.responseStatus = response.status;
            flooded.respondedNs = nowNs;
            m_reporter.written(flooded, nowNs);
        }
        m_reporter.closed(flooded,
                          asked ? "over the connection cap"
                                : "over the connection cap, before any request",
                          nowNs);
        return;
    }
    const std::uint64_t id = m_nextId++;
    const int fd = socket.get();
    auto connection =
        std::make_unique<ServerConnection>(std::move(socket), id, m_config.maxHeaderBytes, nowNs);
    epoll_event event{};
    event.data.u64 = id;
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &event) != 0)
        return;
    ServerConnection &added = *m_connections.emplace(id, std::move(connection)).first->second;
    ++m_open;
    m_reporter.accepted(added, nowNs);
    if (asked) {
        m_reporter.refused(added, response, nowNs);
    } else {
        // Its 503 goes out unreported; a request that comes while it lingers is reported then.
        added.unobserved = true;
        added.refusedUnasked = true;
    }
    added.state = ConnectionState::Busy;
    respond(added, response, nowNs);
}

void ServerLoop::shedOneConnection() {
    m_spareFd.reset();
    const int fd = ::accept4(m_listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0)
        ::close(fd);
    m_spareFd.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
}

void ServerLoop::onEvent(ServerConnection &connection, std::uint32_t events, std::int64_t nowNs) {
    switch (connection.state) {
    case ConnectionState::Reading:
        readRequest(connection, nowNs);
        break;
    case ConnectionState::Lingering:
        drain(connection, nowNs);
        break;
    case ConnectionState::Writing:
        if (events & EPOLLERR) {
            closeConnection(connection, "reset by client during the response", nowNs);
        } else if (const auto result = connection.flush();
                   result == ServerConnection::FlushResult::Done) {
            afterWrite(connection, nowNs);
        } else if (result == ServerConnection::FlushResult::Failed) {
            closeConnection(connection, "client went away during the response", nowNs);
        }
        break;
    case ConnectionState::Busy:
        // Nothing is watched while busy, so this is EPOLLHUP/EPOLLERR: the peer reset. A mere
        // half-close (FIN) is not reported, and such a client still gets its response.
        m_scheduler.cancel(connection.id, nowNs);
        closeConnection(connection, "reset by client while its request was in the server", nowNs);
        break;
    case ConnectionState::Closed:
        break;
    }
}

void ServerLoop::readRequest(ServerConnection &connection, std::int64_t nowNs) {
    const ssize_t received = ::recv(connection.socket.get(), m_buffer.data(), m_buffer.size(), 0);
    if (received > 0)
        parseInput(connection, std::string_view(m_buffer.data(), std::size_t(received)), nowNs,
                   nowNs);
    else if (received == 0)
        closeConnection(connection, "closed by client", nowNs); // mid-request or between them
    else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        closeConnection(connection, "reset by client", nowNs);
}

void ServerLoop::parseInput(ServerConnection &connection, std::string_view bytes,
                            std::int64_t receivedNs, std::int64_t nowNs) {
    if (!connection.parser.started() && !bytes.empty()) {
        if (connection.servedOne)
            connection.arrivedNs = nowNs;
        connection.beganPending = true;
        connection.beganReceivedNs = receivedNs;
        connection.beganAtNs = nowNs;
        connection.unobserved = false;
    }
    m_reporter.captureHead(connection, bytes);
    const ParseResult result = connection.parser.feed(bytes);
    settleBegan(connection, result.status == ParseStatus::Error);
    if (result.status == ParseStatus::NeedMore) {
        if (connection.parser.takeContinueDue())
            sendContinue(connection, nowNs);
        return;
    }
    if (result.status == ParseStatus::Error) {
        // An ingest body over its cap is a clear 413, not a bare one.
        const HttpResponse refused =
            connection.parser.keepsBody() && result.errorStatus == 413
                ? refusal(413, "request body over " +
                                   std::to_string(HttpRequestParser::kMaxKeptBodyBytes) +
                                   " bytes, the limit of " + connection.parser.request().path)
                : refusal(result.errorStatus, std::string(reasonPhrase(result.errorStatus)));
        m_reporter.refused(connection, refused, nowNs);
        respond(connection, refused, nowNs);
        return;
    }
    connection.pending.assign(bytes.substr(result.consumed));
    connection.pendingReceivedNs = receivedNs;
    if (connection.parser.keepsBody()) {
        answerIngest(connection, nowNs);
        return;
    }
    m_reporter.received(connection, connection.parser.request(), nowNs);
    dispatch(connection, nowNs);
}

void ServerLoop::settleBegan(ServerConnection &connection, bool final) {
    if (!connection.beganPending)
        return;
    if (connection.parser.requestLineRead() && connection.parser.keepsBody()) {
        connection.beganPending = false;
        connection.unobserved = true;
        return;
    }
    if (!final && !connection.parser.requestLineRead() && m_ingest.mayBeFor(connection.head))
        return; // not known yet
    connection.beganPending = false;
    m_reporter.began(connection, connection.beganReceivedNs, connection.beganAtNs);
}

void ServerLoop::answerIngest(ServerConnection &connection, std::int64_t nowNs) {
    const HttpRequest &request = connection.parser.request();
    // Seen as a request only when its first byte was reported before its path was known (an
    // absolute-form target): then the observer sees it through to its end.
    m_reporter.received(connection, request, nowNs);
    IngestReply reply;
    if (const IngestEndpoint *endpoint = m_ingest.find(request.path))
        reply = endpoint->handle(
            {request.method, request.contentType, request.contentEncoding, request.body});
    HttpResponse response;
    response.status = reply.status;
    response.contentType = std::move(reply.contentType);
    response.body = std::move(reply.body);
    response.headers = std::move(reply.headers);
    response.keepAlive = request.keepAlive;
    response.requestVersionMinor = request.versionMinor;
    response.headOnly = request.method == "HEAD";
    connection.state = ConnectionState::Busy;
    connection.deadline = 0;
    respond(connection, response, nowNs);
}

void ServerLoop::sendContinue(ServerConnection &connection, std::int64_t nowNs) {
    // Nothing else is queued for a connection that is reading, so these few bytes fit its empty
    // send buffer; a client whose window is shut even for them is dropped rather than waited on.
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    const ssize_t sent = ::send(connection.socket.get(), kContinue.data(), kContinue.size(),
                                MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent != ssize_t(kContinue.size()))
        closeConnection(connection, "client would not take 100 Continue", nowNs);
}

void ServerLoop::dispatch(ServerConnection &connection, std::int64_t nowNs) {
    connection.state = ConnectionState::Busy;
    connection.deadline = 0; // the server is the slow one now: no client deadline
    setInterest(connection, 0);
    if (auto immediate = m_scheduler.submit(connection.id, connection.parser.request(),
                                            connection.arrivedNs, nowNs)) {
        m_reporter.refused(connection, *immediate, nowNs);
        respond(connection, *immediate, nowNs);
    }
}

void ServerLoop::respond(ServerConnection &connection, const HttpResponse &response,
                         std::int64_t nowNs) {
    connection.closeAfterWrite = !response.keepAlive;
    connection.responseStatus = response.status;
    connection.respondedNs = nowNs;
    connection.output = response.serialize();
    connection.outputSent = 0;
    switch (connection.flush()) {
    case ServerConnection::FlushResult::Done:
        afterWrite(connection, nowNs);
        break;
    case ServerConnection::FlushResult::Pending:
        connection.state = ConnectionState::Writing;
        setInterest(connection, EPOLLOUT);
        armDeadline(connection, nowNs + m_headerTimeoutNs);
        break;
    case ServerConnection::FlushResult::Failed:
        closeConnection(connection, "client went away during the response", nowNs);
        break;
    }
}

void ServerLoop::afterWrite(ServerConnection &connection, std::int64_t nowNs) {
    m_reporter.written(connection, nowNs);
    connection.head.clear();
    if (connection.closeAfterWrite) {
        beginLinger(connection, nowNs);
        return;
    }
    connection.parser.reset();
    connection.servedOne = true;
    connection.state = ConnectionState::Reading;
    setInterest(connection, EPOLLIN);
    armDeadline(connection, nowNs + m_headerTimeoutNs);
    // Parsed later in this iteration, not here: a long pipeline must not recurse.
    if (!connection.pending.empty())
        m_ready.push_back(connection.id);
}

void ServerLoop::beginLinger(ServerConnection &connection, std::int64_t nowNs) {
    ::shutdown(connection.socket.get(), SHUT_WR);
    connection.state = ConnectionState::Lingering;
    connection.pending.clear();
    setInterest(connection, EPOLLIN);
    armDeadline(connection, nowNs + kLingerNs);
}

void ServerLoop::drain(ServerConnection &connection, std::int64_t nowNs) {
    const ssize_t received = ::recv(connection.socket.get(), m_buffer.data(), m_buffer.size(), 0);
    if (received > 0 && connection.refusedUnasked) {
        // Refused over the cap before it asked, it asks now: the 503 already sent is what its
        // client reads as the answer, so this is a refused request after all.
        connection.refusedUnasked = false;
        connection.unobserved = false;
        connection.arrivedNs = nowNs;
        connection.respondedNs = nowNs;
        m_reporter.began(connection, nowNs, nowNs);
        m_reporter.refused(connection, overCapacityRefusal(), nowNs);
        m_reporter.written(connection, nowNs);
    }
    if (received == 0 ||
        (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        closeConnection(connection, "closed after the response", nowNs);
}

void ServerLoop::onDeadline(std::uint64_t connectionId, std::uint64_t sequence,
                            std::int64_t nowNs) {
    ServerConnection *connection = find(connectionId);
    if (!connection || connection->deadline != sequence)
        return; // superseded
    connection->deadline = 0;
    if (connection->state == ConnectionState::Reading && connection->parser.started()) {
        settleBegan(*connection, true);
        const HttpResponse refused = refusal(
            408, "request not received within " + std::to_string(m_config.headerTimeoutMs) + " ms");
        m_reporter.refused(*connection, refused, nowNs);
        respond(*connection, refused, nowNs);
    } else {
        // Idle keep-alive, a reader that stopped reading, or the end of a linger.
        const char *reason = connection->state == ConnectionState::Reading ? "idle timeout"
                             : connection->state == ConnectionState::Writing
                                 ? "client stopped reading the response"
                                 : "closed after the response";
        closeConnection(*connection, reason, nowNs);
    }
}

void ServerLoop::closeConnection(ServerConnection &connection, const char *reason,
                                 std::int64_t nowNs) {
    if (connection.state == ConnectionState::Closed)
        return;
    settleBegan(connection, true);
    m_reporter.closed(connection, reason, nowNs);
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, connection.socket.get(), nullptr);
    connection.socket.reset();
    connection.state = ConnectionState::Closed;
    connection.deadline = 0;
    --m_open;
    m_closed.push_back(connection.id);
}

void ServerLoop::setInterest(ServerConnection &connection, std::uint32_t events) {
    if (connection.events == events)
        return;
    epoll_event event{};
    event.events = events;
    event.data.u64 = connection.id;
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_MOD, connection.socket.get(), &event);
    connection.events = events;
}

void ServerLoop::armDeadline(ServerConnection &connection, std::int64_t deadlineNs) {
    connection.deadline = m_deadlines.schedule(deadlineNs, connection.id);
}

} // namespace reqlanes::server
