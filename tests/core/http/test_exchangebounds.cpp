// The measured request's bounds against real loopback peers: the run's timeout bounds the whole
// request in every strategy (a server trickling its body does not keep it alive; a response read
// after the deadline is late, however whole), and a target with several addresses connects to the
// one that listens.
#include "qtcoreenvironment.h"

#include "cannedserver.h"
#include "http/asynchttpexchange.h"
#include "http/httpexchange.h"
#include "http/posixsocket.h"
#include "http/socketreactor.h"
#include "run/runner.h"
#include "run/strategyregistry.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

using namespace reqlanes;

namespace {

constexpr int kTimeoutMs = 1000;

// Head at once, then one body byte every 100 ms for 3 s: never idle for long, never done in time.
std::vector<CannedServer::Piece> trickle() {
    std::vector<CannedServer::Piece> pieces{
        {"HTTP/1.1 200 OK\r\nContent-Length: 30\r\nServer-Timing: app;dur=1\r\n\r\n", 0}};
    for (int i = 0; i < 30; ++i)
        pieces.push_back({"x", 100});
    return pieces;
}

class Trickle : public ::testing::TestWithParam<QString> {};

} // namespace

TEST_P(Trickle, TimeoutBoundsTheWholeRequest) {
    CannedServer peer(trickle());
    ASSERT_TRUE(peer.listening());
    Scenario s;
    s.strategy = GetParam();
    s.n = 1;
    s.limit = 1;
    s.timeoutMs = kTimeoutMs;
    s.targetUrl = peer.url();
    QElapsedTimer timer;
    timer.start();
    const reqlanes::Run run = runScenario(s);
    const qint64 elapsedMs = timer.elapsed();
    ASSERT_EQ(run.requests.size(), 1u);
    const RequestRecord &record = run.requests[0];
    EXPECT_EQ(record.status, RequestStatus::Timeout) << record.error.toStdString();
    EXPECT_TRUE(record.error.contains(QLatin1String("timed out after 1000 ms")))
        << record.error.toStdString();
    // From taking the request up (connect, or QNAM's slot) to its end: the timeout, give or take
    // a loaded machine, and far from the 3 s the trickle lasts.
    const Nanos from = record.has(Phase::ConnectStart) ? record.phase(Phase::ConnectStart)
                                                       : record.phase(Phase::Acquired);
    const double tookMs = nanosToMs(record.phase(Phase::Done) - from);
    EXPECT_GE(tookMs, kTimeoutMs - 5);
    EXPECT_LT(tookMs, kTimeoutMs + 700);
    EXPECT_LT(elapsedMs, 2700);
    std::printf("[ info ] %s: trickle cut after %.0f ms\n", qPrintable(GetParam()), tookMs);
}

INSTANTIATE_TEST_SUITE_P(
    EveryStrategy, Trickle, ::testing::ValuesIn(StrategyRegistry::instance().ids()),
    [](const ::testing::TestParamInfo<QString> &info) {
        return QString(info.param).replace(QLatin1Char('-'), QLatin1Char('_')).toStdString();
    });

namespace {

SocketAddress loopback(int family, std::uint16_t port) {
    SocketAddress out;
    if (family == AF_INET6) {
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_addr = in6addr_loopback;
        address.sin6_port = htons(port);
        std::memcpy(&out.address, &address, sizeof address);
        out.length = sizeof address;
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        std::memcpy(&out.address, &address, sizeof address);
        out.length = sizeof address;
    }
    return out;
}

// "localhost" as resolvers order it when /etc/hosts lists ::1 first: ::1 (nobody listens there)
// before 127.0.0.1 (the server).
ResolvedTarget ipv6FirstLocalhost(std::uint16_t port) {
    ResolvedTarget target;
    target.addresses = {loopback(AF_INET6, port), loopback(AF_INET, port)};
    return target;
}

class RecordedOutcome final : public ExchangeListener {
public:
    void phase(Phase, std::int64_t) override {}
    void finished(RequestStatus finalStatus, int http, const QString &message) override {
        status = finalStatus;
        httpStatus = http;
        error = message;
        done = true;
    }
    bool done = false;
    RequestStatus status = RequestStatus::Pending;
    int httpStatus = 0;
    QString error;
};

ExchangeRequest requestTo(std::uint16_t port, const ResolvedTarget *address) {
    ExchangeRequest request;
    request.target.host = QStringLiteral("localhost");
    request.target.port = port;
    request.target.path = QStringLiteral("/");
    request.requestIdHeader = "1";
    request.timeoutMs = 5000;
    request.address = address;
    return request;
}

} // namespace

// RFC 9110 §4.3.2 leaves the choice among a host's addresses to the client; a client that gives
// up after the first refuses a server curl and Qt reach. Blocking form.
TEST(AddressFallback, BlockingFormTriesTheNextAddressAndRemembersIt) {
    TestServer server;
    ASSERT_TRUE(server.start(1, 100)) << server.error().toStdString();
    const ResolvedTarget target = ipv6FirstLocalhost(server.port());
    RecordedOutcome first;
    fetchBlocking(requestTo(server.port(), &target), first, nullptr);
    EXPECT_EQ(first.status, RequestStatus::Ok) << first.error.toStdString();
    EXPECT_EQ(target.preferred(), 1u) << "the address that connected is tried first next time";
    RecordedOutcome second;
    fetchBlocking(requestTo(server.port(), &target), second, nullptr);
    EXPECT_EQ(second.status, RequestStatus::Ok) << second.error.toStdString();
}

TEST(AddressFallback, EventLoopFormTriesTheNextAddress) {
    TestServer server;
    ASSERT_TRUE(server.start(1, 100)) << server.error().toStdString();
    const ResolvedTarget target = ipv6FirstLocalhost(server.port());
    SocketReactor reactor;
    ASSERT_TRUE(reactor.isValid());
    RecordedOutcome outcome;
    AsyncHttpExchange exchange(requestTo(server.port(), &target), target, outcome, reactor);
    QEventLoop loop;
    QObject::connect(&exchange, &AsyncHttpExchange::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit); // a bound, not a synchronisation
    exchange.start();
    loop.exec();
    ASSERT_TRUE(outcome.done);
    EXPECT_EQ(outcome.status, RequestStatus::Ok) << outcome.error.toStdString();
    EXPECT_EQ(target.preferred(), 1u);
}

TEST(AddressFallback, EveryAddressRefusedSaysConnectionRefused) {
    TestServer server;
    ASSERT_TRUE(server.start(1, 100)) << server.error().toStdString();
    const std::uint16_t port = server.port();
    server.stop(); // nobody listens on either address now
    const ResolvedTarget target = ipv6FirstLocalhost(port);
    RecordedOutcome outcome;
    fetchBlocking(requestTo(port, &target), outcome, nullptr);
    EXPECT_EQ(outcome.status, RequestStatus::Refused) << outcome.error.toStdString();
}

// End to end through a real resolver: "localhost" reaches a server on 127.0.0.1 only, in both
// forms, whatever order the resolver gives its addresses in.
TEST(AddressFallback, LocalhostReachesAServerOnIpv4Only) {
    TestServer server;
    ASSERT_TRUE(server.start(3, 100)) << server.error().toStdString();
    for (const char *strategy : {"sync", "async", "qnam"}) {
        Scenario s;
        s.strategy = QString::fromLatin1(strategy);
        s.n = 2;
        s.limit = 2;
        s.timeoutMs = 5000;
        s.targetUrl = QStringLiteral("http://localhost:%1/").arg(server.port());
        const reqlanes::Run run = runScenario(s);
        ASSERT_EQ(run.requests.size(), 2u) << run.error.toStdString();
        for (const RequestRecord &record : run.requests)
            EXPECT_EQ(record.status, RequestStatus::Ok)
                << strategy << ": " << record.error.toStdString();
    }
}

namespace {

class ServerTimingEndToEnd : public ::testing::TestWithParam<const char *> {};

} // namespace

// Two Server-Timing field lines are one list (RFC 9110 §5.3): queue from the first, app from the
// second, in every form (qnam reads Qt's combined value). The answer comes after 400 ms, so the
// 100 + 300 ms the server claims fit inside the request.
TEST_P(ServerTimingEndToEnd, FieldLinesAreCombined) {
    CannedServer peer(std::vector<CannedServer::Piece>{
        {"HTTP/1.1 200 OK\r\nServer-Timing: queue;dur=100\r\nServer-Timing: app;dur=300\r\n"
         "X-Worker: 2\r\nContent-Length: 2\r\n\r\nok",
         400}});
    ASSERT_TRUE(peer.listening());
    Scenario s;
    s.strategy = QString::fromLatin1(GetParam());
    s.n = 1;
    s.limit = 1;
    s.timeoutMs = 5000;
    s.targetUrl = peer.url();
    const reqlanes::Run run = runScenario(s);
    ASSERT_EQ(run.requests.size(), 1u);
    const RequestRecord &record = run.requests[0];
    ASSERT_EQ(record.status, RequestStatus::Ok) << record.error.toStdString();
    constexpr Nanos kMs = 1'000'000;
    EXPECT_EQ(record.phase(Phase::ServerEnd), record.phase(Phase::FirstByte));
    EXPECT_EQ(record.span(Phase::ServerStart, Phase::ServerEnd), 300 * kMs);
    EXPECT_EQ(record.span(Phase::ServerAccept, Phase::ServerStart), 100 * kMs);
    EXPECT_EQ(record.serverWorker, 2);
}

INSTANTIATE_TEST_SUITE_P(BothFormsAndQnam, ServerTimingEndToEnd,
                         ::testing::Values("sync", "async", "qnam"),
                         [](const ::testing::TestParamInfo<const char *> &info) {
                             return std::string(info.param);
                         });

namespace {

constexpr int kLateTimeoutMs = 250;

// Stands in for a thread descheduled past its deadline, without waiting for the scheduler to do
// it: once the request is sent it holds the exchange's thread until the peer's whole answer (and
// its close) sits in the socket buffer and the whole-request deadline has passed, then lets the
// exchange read on. The deadline is ConnectStart + timeout, the stamp both forms start it from.
class LateReader final : public ExchangeListener {
public:
    LateReader(const CannedServer &peer, int timeoutMs)
        : m_peer(peer)
        , m_timeoutNs(std::int64_t(timeoutMs) * 1'000'000) {}

    void phase(Phase phase, std::int64_t steadyNs) override {
        phases.push_back(phase);
        if (phase == Phase::ConnectStart)
            m_deadlineNs = steadyNs + m_timeoutNs;
        if (phase != Phase::Sent)
            return;
        answerWaiting = m_peer.waitForServed(1);
        // Not a synchronisation: passing the deadline is the condition itself, and sleep_until on
        // the steady clock (steadyNowNs()'s clock) never returns before it.
        std::this_thread::sleep_until(
            std::chrono::steady_clock::time_point(std::chrono::nanoseconds(m_deadlineNs)));
        heldPastDeadline = steadyNowNs() >= m_deadlineNs;
    }
    void finished(RequestStatus finalStatus, int http, const QString &message) override {
        status = finalStatus;
        httpStatus = http;
        error = message;
        done = true;
    }
    bool saw(Phase phase) const {
        return std::find(phases.begin(), phases.end(), phase) != phases.end();
    }

    std::vector<Phase> phases;
    bool answerWaiting = false;
    bool heldPastDeadline = false;
    bool done = false;
    RequestStatus status = RequestStatus::Pending;
    int httpStatus = 0;
    QString error;

private:
    const CannedServer &m_peer;
    std::int64_t m_timeoutNs;
    std::int64_t m_deadlineNs = 0;
};

const char *const kWholeAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

// A peer with the whole answer ready, its one address, and a request to it with the short
// timeout. Built in place: the request points at the target.
struct LatePeer {
    LatePeer() {
        target.addresses = {loopback(AF_INET, peer.port())};
        request = requestTo(peer.port(), &target);
        request.timeoutMs = kLateTimeoutMs;
    }
    LatePeer(const LatePeer &) = delete;
    LatePeer &operator=(const LatePeer &) = delete;

    CannedServer peer{kWholeAnswer};
    ResolvedTarget target;
    ExchangeRequest request;
};

void expectLateResponseTimedOut(const LateReader &reader) {
    ASSERT_TRUE(reader.done);
    ASSERT_TRUE(reader.answerWaiting) << "the peer never answered";
    ASSERT_TRUE(reader.heldPastDeadline);
    EXPECT_EQ(reader.status, RequestStatus::Timeout)
        << statusName(reader.status).toStdString() << " " << reader.error.toStdString();
    EXPECT_EQ(reader.httpStatus, 0);
    EXPECT_EQ(reader.error.toStdString(),
              timeoutMessage(kLateTimeoutMs, "waiting for the response").toStdString());
    EXPECT_FALSE(reader.saw(Phase::FirstByte)) << "late bytes were taken as the response";
    EXPECT_TRUE(reader.saw(Phase::Done));
}

} // namespace

// The whole-request timeout bounds the request, connect to last byte (ExchangeRequest::timeoutMs):
// a response that is read only after the deadline is a timeout, even though it was all there to
// read at once. Seen as "ok after 433 ms" with a 100 ms timeout when a CPU hog kept the
// exchange's thread off the CPU past its deadline. Blocking form.
TEST(LateResponse, BlockingFormCountsAResponseReadAfterTheDeadlineAsATimeout) {
    LatePeer late;
    ASSERT_TRUE(late.peer.listening());
    LateReader reader(late.peer, kLateTimeoutMs);
    fetchBlocking(late.request, reader, nullptr);
    expectLateResponseTimedOut(reader);
}

// The same for the event-loop form: when the loop comes back late, the socket's readiness and the
// deadline's timer are due together, and whichever it hands out first, the response is late.
TEST(LateResponse, EventLoopFormCountsAResponseReadAfterTheDeadlineAsATimeout) {
    LatePeer late;
    ASSERT_TRUE(late.peer.listening());
    SocketReactor reactor;
    ASSERT_TRUE(reactor.isValid());
    LateReader reader(late.peer, kLateTimeoutMs);
    AsyncHttpExchange exchange(late.request, late.target, reader, reactor);
    QEventLoop loop;
    QObject::connect(&exchange, &AsyncHttpExchange::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit); // a bound, not a synchronisation
    exchange.start();
    loop.exec();
    expectLateResponseTimedOut(reader);
}
