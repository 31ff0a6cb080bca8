// A listener on an ephemeral loopback port (127.0.0.1 or ::1) and raw connections to it, for
// tests and benchmarks that need real sockets of known addresses (the kernel's socket lookup,
// thousands of sockets in TIME_WAIT). Header-only; the watch types name the ends.
#pragma once

#include "testhttpclient.h"
#include "uniquefd.h"
#include "watch/peerprocesslookup.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>

namespace reqlanes::testing {

using server::UniqueFd;
using watch::Endpoint;

// A listener on an ephemeral loopback port (127.0.0.1 or ::1) and connections to it.
class Loopback {
public:
    explicit Loopback(int family)
        : m_family(family)
        , m_listener(::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_storage address = loopbackAddress(0);
        if (m_listener.valid() &&
            ::bind(m_listener.get(), reinterpret_cast<sockaddr *>(&address), length()) == 0 &&
            ::listen(m_listener.get(), 4096) == 0)
            m_port = localPortOf(m_listener.get());
    }
    bool listening() const { return m_port != 0; }
    const char *host() const { return m_family == AF_INET ? "127.0.0.1" : "::1"; }
    Endpoint serverEnd() const { return {host(), m_port}; }

    // A connected client socket and the server's end of it. Members go in reverse order: the
    // client closes first, so its end is the one left in TIME_WAIT.
    struct Pair {
        UniqueFd accepted, client;
        Endpoint clientEnd;
    };
    std::optional<Pair> connect() const {
        Pair pair{{}, UniqueFd(::socket(m_family, SOCK_STREAM | SOCK_CLOEXEC, 0)), {}};
        sockaddr_storage address = loopbackAddress(m_port);
        if (!pair.client.valid() ||
            ::connect(pair.client.get(), reinterpret_cast<sockaddr *>(&address), length()) != 0)
            return std::nullopt;
        pair.accepted = UniqueFd(::accept4(m_listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
        if (!pair.accepted.valid())
            return std::nullopt;
        pair.clientEnd = {host(), localPortOf(pair.client.get())};
        return pair;
    }

private:
    sockaddr_storage loopbackAddress(std::uint16_t port) const {
        sockaddr_storage storage{};
        if (m_family == AF_INET) {
            auto *v4 = reinterpret_cast<sockaddr_in *>(&storage);
            v4->sin_family = AF_INET;
            v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            v4->sin_port = htons(port);
        } else {
            auto *v6 = reinterpret_cast<sockaddr_in6 *>(&storage);
            v6->sin6_family = AF_INET6;
            v6->sin6_addr = in6addr_loopback;
            v6->sin6_port = htons(port);
        }
        return storage;
    }
    socklen_t length() const {
        return m_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    }

    int m_family;
    UniqueFd m_listener;
    std::uint16_t m_port = 0;
};

} // namespace reqlanes::testing
