// Finding the client process of a loopback connection from /proc: the parsers on sample text
// (the format of proc(5), /proc/net/tcp), and one real lookup of a socket this test opens,
// which must find this very process.
#include "watch/peerprocesslookup.h"

#include "testserver.h"

#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

// Two sockets of a connection 127.0.0.1:40000 <-> 127.0.0.1:8000 (0x1F40), as the kernel
// writes them on a little-endian machine, plus the listener.
const char *kSampleTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
    "inode\n"
    "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 "
    "111 1 0000000000000000 100 0 0 10 0\n"
    "   1: 0100007F:9C40 0100007F:1F40 01 00000000:00000000 00:00000000 00000000  1000        0 "
    "222 1 0000000000000000 20 4 30 10 -1\n"
    "   2: 0100007F:1F40 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 "
    "333 1 0000000000000000 20 4 30 10 -1\n";

} // namespace

TEST(PeerProcessLookup, SpellsEndpointsAsProcNetTcpDoes) {
    const bool littleEndian = htonl(1) != 1;
    EXPECT_EQ(*PeerProcessLookup::procNetEndpoint({"127.0.0.1", 8000}),
              littleEndian ? "0100007F:1F40" : "7F000001:1F40");
    // IPv4-mapped: the client's socket is an IPv4 one.
    EXPECT_EQ(*PeerProcessLookup::procNetEndpoint({"::ffff:127.0.0.1", 8000}),
              *PeerProcessLookup::procNetEndpoint({"127.0.0.1", 8000}));
    EXPECT_EQ(*PeerProcessLookup::procNetEndpoint({"::1", 1}),
              littleEndian ? "00000000000000000000000001000000:0001"
                           : "00000000000000000000000000000001:0001");
    EXPECT_FALSE(PeerProcessLookup::procNetEndpoint({"localhost", 80}));
}

TEST(PeerProcessLookup, FindsTheClientSideSocketNotTheServerSide) {
    EXPECT_EQ(PeerProcessLookup::findSocketInode(kSampleTcp, "0100007F:9C40", "0100007F:1F40"),
              222u);
    EXPECT_EQ(PeerProcessLookup::findSocketInode(kSampleTcp, "0100007f:1f40", "0100007F:9C40"),
              333u); // hex case does not matter
    EXPECT_FALSE(PeerProcessLookup::findSocketInode(kSampleTcp, "0100007F:9C41", "0100007F:1F40"));
    EXPECT_FALSE(PeerProcessLookup::findSocketInode("garbage\n\n1 2 3\n", "A:B", "C:D"));
}

TEST(PeerProcessLookup, ReadsSocketLinksAndCommandLines) {
    EXPECT_EQ(PeerProcessLookup::socketInode("socket:[12345]"), 12345u);
    EXPECT_FALSE(PeerProcessLookup::socketInode("pipe:[12345]"));
    EXPECT_FALSE(PeerProcessLookup::socketInode("socket:[]"));
    EXPECT_FALSE(PeerProcessLookup::socketInode("socket:[12a]"));
    EXPECT_FALSE(PeerProcessLookup::socketInode("/dev/null"));
    const std::string cmdline("python3\0threads.py\0--n\0"
                              "3\0",
                              24);
    EXPECT_EQ(PeerProcessLookup::commandLine(cmdline), "python3 threads.py --n 3");
    EXPECT_EQ(PeerProcessLookup::commandLine(std::string(1000, 'x')).size(), 300);
}

TEST(PeerProcessLookup, FindsThisProcessBehindItsOwnLoopbackConnection) {
    TestServer server;
    ASSERT_TRUE(server.start(1, 100)) << server.error().toStdString();
    TestHttpClient client(server.port());
    ASSERT_TRUE(client.connected());
    const Endpoint peer{"127.0.0.1", localPortOf(client.fd())};
    const Endpoint local{"127.0.0.1", server.port()};
    const std::vector<PeerProcess> found = PeerProcessLookup::lookup({{peer, local}});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].processId, ::getpid());
    // The command line names this test executable, whatever it is called.
    const QString executable =
        QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/self/exe"))).fileName();
    ASSERT_FALSE(executable.isEmpty());
    EXPECT_TRUE(found[0].command.contains(executable)) << found[0].command.toStdString();
}

TEST(PeerProcessLookup, AConnectionNobodyHoldsIsUnknown) {
    const Endpoint peer{"127.0.0.1", 1}, local{"127.0.0.1", 2};
    const std::vector<PeerProcess> found = PeerProcessLookup::lookup({{peer, local}});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].processId, 0);
    EXPECT_TRUE(found[0].command.isEmpty());
}

TEST(PeerProcessLookup, AnUnreadableProcRootFindsNothingAndDoesNotFail) {
    const Endpoint peer{"127.0.0.1", 1}, local{"127.0.0.1", 2};
    EXPECT_EQ(PeerProcessLookup::lookup({{peer, local}}, "/nonexistent")[0].processId, 0);
}
