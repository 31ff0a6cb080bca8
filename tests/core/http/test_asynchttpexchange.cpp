// AsyncHttpExchange::start() over loopback, where the kernel finishes the handshake inside
// connect() (EINPROGRESS or not): the request goes out from start() itself, with connect start,
// connected and sent stamped in order, before the event loop turns once; and whatever ends the
// exchange there still reports finished() from the loop, never from inside start(). And where the
// handshake is not done (a full accept queue), the request waits for it, sent from the loop.
#include "qtcoreenvironment.h"

#include "http/asynchttpexchange.h"
#include "http/posixsocket.h"
#include "http/socketreactor.h"
#include "model/clock.h"
#include "uniquefd.h"

#include <QEventLoop>
#include <QTimer>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <map>
#include <optional>
#include <vector>

using namespace reqlanes;
using server::UniqueFd;

namespace {

// A 127.0.0.1 listener that never accepts by itself: connections wait in its backlog, with what
// their clients sent.
class BacklogListener {
public:
    explicit BacklogListener(int backlog = 16)
        : m_socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_socket.valid() &&
            ::bind(m_socket.get(), reinterpret_cast<sockaddr *>(&address), length) == 0 &&
            ::listen(m_socket.get(), backlog) == 0 &&
            ::getsockname(m_socket.get(), reinterpret_cast<sockaddr *>(&address), &length) == 0)
            m_port = ntohs(address.sin_port);
    }
    std::uint16_t port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_port); }
    // The next waiting connection, or invalid if none comes within a second.
    UniqueFd accept() const {
        pollfd ready{m_socket.get(), POLLIN, 0};
        if (::poll(&ready, 1, 1000) != 1)
            return {};
        return UniqueFd(::accept4(m_socket.get(), nullptr, nullptr, SOCK_CLOEXEC));
    }

private:
    UniqueFd m_socket;
    std::uint16_t m_port = 0;
};

// Whether this kernel finishes a loopback handshake inside a non-blocking connect(), which the
// behaviour under test relies on (Linux does: the whole exchange runs in the caller's softirq).
bool loopbackConnectsAtOnce(const BacklogListener &listener) {
    ResolvedTarget address = resolveTarget(*Target::fromUrl(listener.url()));
    bool inProgress = false;
    int error = 0;
    const UniqueFd probe(startConnect(address.addresses.at(0), &inProgress, &error));
    pollfd writable{probe.get(), POLLOUT, 0};
    const bool atOnce =
        probe.valid() &&
        (!inProgress || (::poll(&writable, 1, 0) == 1 && writable.revents == POLLOUT));
    UniqueFd accepted = listener.accept(); // empties the backlog again
    return atOnce;
}

class StartPhases final : public ExchangeListener {
public:
    void phase(Phase phase, std::int64_t steadyNs) override { at.emplace(phase, steadyNs); }
    void finished(RequestStatus finishedStatus, int, const QString &) override {
        status = finishedStatus;
    }
    std::map<Phase, std::int64_t> at;
    std::optional<RequestStatus> status;
};

ExchangeRequest startRequest(const BacklogListener &listener, int timeoutMs) {
    ExchangeRequest request;
    request.target = *Target::fromUrl(listener.url());
    request.requestId = 7;
    request.requestIdHeader = QByteArrayLiteral("g1-7");
    request.timeoutMs = timeoutMs;
    return request;
}

} // namespace

TEST(AsyncHttpExchange, StartSendsTheRequestWhenTheConnectIsDoneAtOnce) {
    BacklogListener listener;
    ASSERT_NE(listener.port(), 0);
    if (!loopbackConnectsAtOnce(listener))
        GTEST_SKIP() << "this kernel does not finish loopback connects inside connect()";
    const ResolvedTarget address = resolveTarget(*Target::fromUrl(listener.url()));
    SocketReactor reactor;
    StartPhases phases;
    AsyncHttpExchange exchange(startRequest(listener, 10'000), address, phases, reactor);
    bool finished = false;
    QObject::connect(&exchange, &AsyncHttpExchange::finished, [&] { finished = true; });

    const std::int64_t before = steadyNowNs();
    exchange.start();
    const std::int64_t after = steadyNowNs();

    // No loop turn yet: the request is on its way, in order, all within start().
    ASSERT_EQ(phases.at.count(Phase::ConnectStart), 1u);
    ASSERT_EQ(phases.at.count(Phase::Connected), 1u);
    ASSERT_EQ(phases.at.count(Phase::Sent), 1u);
    EXPECT_LE(before, phases.at[Phase::ConnectStart]);
    EXPECT_LE(phases.at[Phase::ConnectStart], phases.at[Phase::Connected]);
    EXPECT_LE(phases.at[Phase::Connected], phases.at[Phase::Sent]);
    EXPECT_LE(phases.at[Phase::Sent], after);
    EXPECT_FALSE(finished);
    EXPECT_FALSE(phases.status.has_value());

    // The server's end has the whole request already.
    const UniqueFd accepted = listener.accept();
    ASSERT_TRUE(accepted.valid());
    const QByteArray expected = buildRequest(startRequest(listener, 10'000));
    QByteArray received(expected.size() + 1, '\0');
    const ssize_t n =
        ::recv(accepted.get(), received.data(), std::size_t(received.size()), MSG_DONTWAIT);
    EXPECT_EQ(QByteArray(received.constData(), int(std::max<ssize_t>(n, 0))), expected);
}

// A connect the kernel could not finish inside connect(): the listener's queue is full, so its
// SYN is dropped and retried a second later. The send in start() is then told to wait (EAGAIN on
// a socket still connecting), nothing is stamped connected, and the request goes out from the
// loop once the handshake is done.
TEST(AsyncHttpExchange, ARequestOnASocketStillConnectingGoesOutOnceConnected) {
    BacklogListener listener(0);
    ASSERT_NE(listener.port(), 0);
    const ResolvedTarget address = resolveTarget(*Target::fromUrl(listener.url()));
    std::vector<UniqueFd> filling; // connections that fill the listener's accept queue
    for (int i = 0; i < 4; ++i) {
        bool inProgress = false;
        int error = 0;
        filling.emplace_back(startConnect(address.addresses.at(0), &inProgress, &error));
    }
    SocketReactor reactor;
    StartPhases phases;
    AsyncHttpExchange exchange(startRequest(listener, 10'000), address, phases, reactor);
    exchange.start();
    ASSERT_EQ(phases.at.count(Phase::ConnectStart), 1u);
    if (phases.at.count(Phase::Connected) != 0)
        GTEST_SKIP() << "this kernel let the connect finish past a full accept queue";
    EXPECT_EQ(phases.at.count(Phase::Sent), 0u);
    EXPECT_FALSE(phases.status.has_value());

    // Room in the queue: the retried handshake completes and the loop sends the request.
    std::vector<UniqueFd> accepted;
    for (UniqueFd next = listener.accept(); next.valid(); next = listener.accept())
        accepted.push_back(std::move(next));
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (phases.at.count(Phase::Sent) != 0 || phases.status.has_value())
            loop.quit();
    });
    poll.start(10);
    QTimer::singleShot(8000, &loop, &QEventLoop::quit); // SYN retries: 1 s, then 3 s
    loop.exec();
    EXPECT_FALSE(phases.status.has_value()) << "still waiting for its response";
    ASSERT_EQ(phases.at.count(Phase::Connected), 1u);
    ASSERT_EQ(phases.at.count(Phase::Sent), 1u);
    EXPECT_LE(phases.at[Phase::ConnectStart], phases.at[Phase::Connected]);
    EXPECT_LE(phases.at[Phase::Connected], phases.at[Phase::Sent]);
    // Its connection may have been taken while the queue was emptied above (the retried SYNs
    // race that loop) or wait in the queue still: look at every one.
    for (UniqueFd next = listener.accept(); next.valid(); next = listener.accept())
        accepted.push_back(std::move(next));
    const QByteArray expected = buildRequest(startRequest(listener, 10'000));
    bool found = false;
    for (const UniqueFd &connection : accepted) {
        QByteArray received(expected.size() + 1, '\0');
        const ssize_t n =
            ::recv(connection.get(), received.data(), std::size_t(received.size()), MSG_DONTWAIT);
        found = found || QByteArray(received.constData(), int(std::max<ssize_t>(n, 0))) == expected;
    }
    EXPECT_TRUE(found) << "the listener got the whole request on one of its connections";
}

TEST(AsyncHttpExchange, AnEndInsideStartIsReportedFromTheLoop) {
    BacklogListener listener;
    ASSERT_NE(listener.port(), 0);
    const ResolvedTarget address = resolveTarget(*Target::fromUrl(listener.url()));
    SocketReactor reactor;
    StartPhases phases;
    // Due the moment it starts: the connect that finished in start() finds its deadline passed.
    AsyncHttpExchange exchange(startRequest(listener, 0), address, phases, reactor);
    int finished = 0;
    exchange.start();
    QObject::connect(&exchange, &AsyncHttpExchange::finished, [&] { ++finished; });
    EXPECT_EQ(finished, 0); // a caller connects after start() and must not miss it

    QEventLoop loop;
    QObject::connect(&exchange, &AsyncHttpExchange::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    EXPECT_EQ(finished, 1);
    EXPECT_EQ(phases.status, RequestStatus::Timeout);
}
