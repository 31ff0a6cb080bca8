// One TCP socket's inode from the kernel, by its addresses and ports: Linux's sock_diag netlink
// interface (sock_diag(7), "inet_diag" exact lookup: SOCK_DIAG_BY_FAMILY without NLM_F_DUMP).
// The kernel finds the socket in its hash table, so the cost is one round trip however many
// other sockets exist; reading /proc/net/tcp instead grows with the whole table (20,000 sockets
// in TIME_WAIT after a burst made each reading take tens of ms). Used by PeerProcessLookup.
#pragma once

#include "uniquefd.h"

#include <cstdint>
#include <optional>

namespace reqlanes::watch {

struct Endpoint;

class SockDiag {
public:
    // A netlink socket for lookups; nullopt where the kernel offers none (no NETLINK_SOCK_DIAG,
    // or a sandbox that forbids it): callers fall back to /proc/net/tcp.
    static std::optional<SockDiag> open();

    enum class Answer {
        Found,    // *inode is the socket's (0 for a socket in TIME_WAIT: no longer a file)
        NotFound, // no such socket now
        Failed,   // the kernel refused the question (inet_diag missing...): ask /proc instead
    };
    // The TCP socket whose own end is `local` and whose other end is `remote` (numeric IPv4 or
    // IPv6 addresses; an IPv4-mapped IPv6 address is asked as IPv4 first, then as IPv6).
    Answer findInode(const Endpoint &local, const Endpoint &remote, std::uint64_t *inode);

private:
    explicit SockDiag(server::UniqueFd fd)
        : m_fd(std::move(fd)) {}
    Answer ask(int family, const unsigned char *localAddress, const unsigned char *remoteAddress,
               std::uint16_t localPort, std::uint16_t remotePort, std::uint64_t *inode);

    server::UniqueFd m_fd;
    std::uint32_t m_sequence = 0;
};

} // namespace reqlanes::watch
