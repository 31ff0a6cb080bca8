#include "listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace reqlanes::server {

namespace {

// Deep enough that a burst of 10,000 connects is not dropped while the loop catches up; the
// kernel caps it at net.core.somaxconn.
constexpr int kListenBacklog = 4096;

bool fail(std::string *error, std::string reason) {
    if (error)
        *error = std::move(reason);
    return false;
}

} // namespace

UniqueFd openListener(const std::string &address, std::uint16_t port, std::string *error) {
    sockaddr_storage storage{};
    socklen_t length = 0;
    auto *v4 = reinterpret_cast<sockaddr_in *>(&storage);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&storage);
    if (::inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof(sockaddr_in);
    } else if (::inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof(sockaddr_in6);
    } else {
        fail(error, "not a numeric IPv4 or IPv6 address: " + address);
        return {};
    }

    const std::string where = address + " port " + std::to_string(port);
    UniqueFd socket(::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!socket.valid()) {
        fail(error, std::string("cannot create a socket: ") + std::strerror(errno));
        return {};
    }
    const int on = 1;
    // Restarting right after a run must not fail on connections still in TIME_WAIT.
    ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(socket.get(), reinterpret_cast<sockaddr *>(&storage), length) != 0) {
        fail(error, "cannot bind " + where + ": " + std::strerror(errno));
        return {};
    }
    if (::listen(socket.get(), kListenBacklog) != 0) {
        fail(error, "cannot listen on " + where + ": " + std::strerror(errno));
        return {};
    }
    return socket;
}

std::uint16_t localPort(int socket) {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getsockname(socket, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return 0;
    if (storage.ss_family == AF_INET)
        return ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    return ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port);
}

} // namespace reqlanes::server
