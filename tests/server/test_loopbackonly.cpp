// The slow server is a test fixture, not a service: unless told otherwise (--bind) it listens on
// loopback only, so nothing else on the network can reach it. The "listening on 127.0.0.1"
// banner alone does not prove that (a wildcard bind announces loopback too), so this connects
// to one of the machine's other addresses and expects a refusal.
#include "slowserver.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>

using namespace reqlanes::server;

namespace {

// An IPv4 address of this machine other than loopback, if it has one.
std::optional<in_addr> nonLoopbackAddress() {
    ifaddrs *interfaces = nullptr;
    if (::getifaddrs(&interfaces) != 0)
        return std::nullopt;
    std::optional<in_addr> found;
    for (const ifaddrs *entry = interfaces; entry && !found; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET)
            continue;
        const in_addr address = reinterpret_cast<const sockaddr_in *>(entry->ifa_addr)->sin_addr;
        if ((ntohl(address.s_addr) >> 24) != 127)
            found = address;
    }
    ::freeifaddrs(interfaces);
    return found;
}

// 0 if a TCP connection to address:port was established within 2 s, else the errno.
int connectError(in_addr address, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errno;
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(port);
    target.sin_addr = address;
    int error = 0;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&target), sizeof target) != 0) {
        error = errno;
        if (error == EINPROGRESS) {
            pollfd writable{fd, POLLOUT, 0};
            error = ETIMEDOUT;
            if (::poll(&writable, 1, 2000) == 1) {
                socklen_t length = sizeof error;
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            }
        }
    }
    ::close(fd);
    return error;
}

std::string text(in_addr address) {
    char buffer[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &address, buffer, sizeof buffer);
    return buffer;
}

} // namespace

TEST(LoopbackOnly, DefaultConfigIsUnreachableFromOtherAddresses) {
    const std::optional<in_addr> other = nonLoopbackAddress();
    if (!other)
        GTEST_SKIP() << "this machine has no IPv4 address besides loopback";
    ASSERT_EQ(ServerConfig().bindAddress, "127.0.0.1");
    SlowServer server(ServerConfig{}); // the defaults reqlanes-server also starts from
    std::string error;
    ASSERT_TRUE(server.start(&error)) << error;

    in_addr loopback{};
    loopback.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(connectError(loopback, server.port()), 0);
    EXPECT_EQ(connectError(*other, server.port()), ECONNREFUSED) << "reachable on " << text(*other);
}

TEST(LoopbackOnly, AnExplicitWildcardBindIsReachableFromOtherAddresses) {
    // The control for the test above: the probe does see a server that listens everywhere.
    const std::optional<in_addr> other = nonLoopbackAddress();
    if (!other)
        GTEST_SKIP() << "this machine has no IPv4 address besides loopback";
    ServerConfig config;
    config.bindAddress = "0.0.0.0";
    SlowServer server(config);
    std::string error;
    ASSERT_TRUE(server.start(&error)) << error;
    EXPECT_EQ(connectError(*other, server.port()), 0) << "not reachable on " << text(*other);
}
