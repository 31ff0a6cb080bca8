// The kernel's socket lookup (sock_diag(7), inet_diag exact lookup) on real loopback sockets this
// test opens: a socket's inode is what fstat(2) says of its descriptor, so each answer is checked
// against the kernel's other word for it.
#include "watch/peerprocesslookup.h"
#include "watch/sockdiag.h"

#include "loopback.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <vector>

using namespace reqlanes;
using namespace reqlanes::watch;
using reqlanes::testing::Loopback;

namespace {

std::uint64_t inodeOf(int fd) {
    struct stat status {};
    return ::fstat(fd, &status) == 0 ? std::uint64_t(status.st_ino) : 0;
}

} // namespace

// One connection on loopback (127.0.0.1, or ::1 for the v6 case) and a lookup socket; skipped
// where the address cannot be bound or the kernel offers no NETLINK_SOCK_DIAG socket.
class SockDiagTest : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override {
        if (!m_loopback.listening())
            GTEST_SKIP() << m_loopback.host() << " cannot be bound on this machine";
        m_diag = SockDiag::open();
        if (!m_diag)
            GTEST_SKIP() << "this kernel offers no NETLINK_SOCK_DIAG socket";
        m_pair = m_loopback.connect();
        ASSERT_TRUE(m_pair);
    }
    Loopback m_loopback{GetParam()};
    std::optional<SockDiag> m_diag;
    std::optional<Loopback::Pair> m_pair;
    std::uint64_t m_inode = 12345;
};
class SockDiagV4 : public SockDiagTest {};

TEST_P(SockDiagTest, FindsEachEndOfAConnectionByItsAddresses) {
    ASSERT_EQ(m_diag->findInode(m_pair->clientEnd, m_loopback.serverEnd(), &m_inode),
              SockDiag::Answer::Found);
    EXPECT_EQ(m_inode, inodeOf(m_pair->client.get()));
    // The same connection seen from the server's side is the accepted socket.
    ASSERT_EQ(m_diag->findInode(m_loopback.serverEnd(), m_pair->clientEnd, &m_inode),
              SockDiag::Answer::Found);
    EXPECT_EQ(m_inode, inodeOf(m_pair->accepted.get()));
}

INSTANTIATE_TEST_SUITE_P(Loopback, SockDiagTest, ::testing::Values(AF_INET, AF_INET6),
                         [](const auto &info) { return info.param == AF_INET ? "v4" : "v6"; });

TEST_P(SockDiagV4, AnIpv4MappedAddressFindsTheIpv4Socket) {
    // A dual-stack server reports an IPv4 client as ::ffff:127.0.0.1.
    ASSERT_EQ(m_diag->findInode({"::ffff:127.0.0.1", m_pair->clientEnd.port},
                                {"::ffff:127.0.0.1", m_loopback.serverEnd().port}, &m_inode),
              SockDiag::Answer::Found);
    EXPECT_EQ(m_inode, inodeOf(m_pair->client.get()));
}

TEST_P(SockDiagV4, AClosedConnectionHasNoInodeLeft) {
    const Endpoint clientEnd = m_pair->clientEnd;
    m_pair.reset(); // the client closes first: its end waits in TIME_WAIT, no longer a file
    const SockDiag::Answer answer = m_diag->findInode(clientEnd, m_loopback.serverEnd(), &m_inode);
    ASSERT_NE(answer, SockDiag::Answer::Failed);
    if (answer == SockDiag::Answer::Found) {
        EXPECT_EQ(m_inode, 0u) << "a socket in TIME_WAIT has no inode";
    }
    EXPECT_EQ(m_diag->findInode({"127.0.0.1", 1}, {"127.0.0.1", 2}, &m_inode),
              SockDiag::Answer::NotFound);
}

INSTANTIATE_TEST_SUITE_P(Loopback, SockDiagV4, ::testing::Values(AF_INET),
                         [](const auto &) { return "v4"; });

// Issue 21: after a burst, thousands of the burst's sockets wait in TIME_WAIT; the next client
// is still found, and it is this process.
TEST(PeerProcessLookup, FindsTheClientAmongThousandsOfSocketsInTimeWait) {
    Loopback loopback(AF_INET);
    ASSERT_TRUE(loopback.listening());
    constexpr int kBurst = 2000;
    for (int i = 0; i < kBurst; ++i)
        ASSERT_TRUE(loopback.connect()) << "connection " << i; // closed at once, client first
    const auto pair = loopback.connect();
    ASSERT_TRUE(pair);
    const std::vector<PeerProcess> found =
        PeerProcessLookup::lookup({{pair->clientEnd, loopback.serverEnd()}});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].processId, ::getpid());
}
