#include "watch/sockdiag.h"

#include "watch/peerprocesslookup.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>

namespace reqlanes::watch {

namespace {

// A lookup's answer comes at once; a kernel that says nothing in this time is not waited for.
constexpr int kReplyTimeoutMs = 200;

} // namespace

std::optional<SockDiag> SockDiag::open() {
    server::UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!fd.valid())
        return std::nullopt;
    timeval timeout{0, kReplyTimeoutMs * 1000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return SockDiag(std::move(fd));
}

SockDiag::Answer SockDiag::findInode(const Endpoint &local, const Endpoint &remote,
                                     std::uint64_t *inode) {
    unsigned char local6[16], remote6[16];
    const bool v6 = ::inet_pton(AF_INET6, local.address.c_str(), local6) == 1 &&
                    ::inet_pton(AF_INET6, remote.address.c_str(), remote6) == 1;
    if (v6) {
        const auto *localAddress = reinterpret_cast<const in6_addr *>(local6);
        const auto *remoteAddress = reinterpret_cast<const in6_addr *>(remote6);
        // A dual-stack server sees an IPv4 client as ::ffff:a.b.c.d; the client's own socket is
        // then usually an IPv4 one.
        if (IN6_IS_ADDR_V4MAPPED(localAddress) && IN6_IS_ADDR_V4MAPPED(remoteAddress)) {
            const Answer answer =
                ask(AF_INET, local6 + 12, remote6 + 12, local.port, remote.port, inode);
            if (answer != Answer::NotFound)
                return answer;
        }
        return ask(AF_INET6, local6, remote6, local.port, remote.port, inode);
    }
    unsigned char local4[4], remote4[4];
    if (::inet_pton(AF_INET, local.address.c_str(), local4) != 1 ||
        ::inet_pton(AF_INET, remote.address.c_str(), remote4) != 1)
        return Answer::NotFound;
    return ask(AF_INET, local4, remote4, local.port, remote.port, inode);
}

SockDiag::Answer SockDiag::ask(int family, const unsigned char *localAddress,
                               const unsigned char *remoteAddress, std::uint16_t localPort,
                               std::uint16_t remotePort, std::uint64_t *inode) {
    struct {
        nlmsghdr header;
        inet_diag_req_v2 body;
    } request{};
    request.header.nlmsg_len = sizeof request;
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST; // no NLM_F_DUMP: the one socket, by its ids
    request.header.nlmsg_seq = ++m_sequence;
    request.body.sdiag_family = std::uint8_t(family);
    request.body.sdiag_protocol = IPPROTO_TCP;
    request.body.idiag_states = ~0U;
    // "src" is the socket's own end: the kernel looks it up as it would a packet arriving for it.
    const std::size_t addressBytes = family == AF_INET ? 4 : 16;
    std::memcpy(request.body.id.idiag_src, localAddress, addressBytes);
    std::memcpy(request.body.id.idiag_dst, remoteAddress, addressBytes);
    request.body.id.idiag_sport = htons(localPort);
    request.body.id.idiag_dport = htons(remotePort);
    request.body.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    request.body.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(m_fd.get(), &request, sizeof request, 0, reinterpret_cast<sockaddr *>(&kernel),
                 sizeof kernel) != ssize_t(sizeof request))
        return Answer::Failed;
    alignas(nlmsghdr) char reply[4096];
    for (;;) {
        const ssize_t length = ::recv(m_fd.get(), reply, sizeof reply, 0);
        if (length < 0 && errno == EINTR)
            continue;
        if (length <= 0)
            return Answer::Failed;
        const auto size = std::size_t(length);
        for (std::size_t at = 0; at + sizeof(nlmsghdr) <= size;) {
            const auto *message = reinterpret_cast<const nlmsghdr *>(reply + at);
            if (message->nlmsg_len < sizeof(nlmsghdr) || at + message->nlmsg_len > size)
                break; // malformed: the rest of this datagram is not read
            at += NLMSG_ALIGN(message->nlmsg_len);
            if (message->nlmsg_seq != m_sequence)
                continue; // a late answer to an earlier question that timed out
            if (message->nlmsg_type == NLMSG_ERROR) {
                const auto *error = static_cast<const nlmsgerr *>(NLMSG_DATA(message));
                return error->error == -ENOENT ? Answer::NotFound : Answer::Failed;
            }
            if (message->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
                message->nlmsg_len >= NLMSG_LENGTH(sizeof(inet_diag_msg))) {
                *inode = static_cast<const inet_diag_msg *>(NLMSG_DATA(message))->idiag_inode;
                return Answer::Found;
            }
        }
    }
}

} // namespace reqlanes::watch
