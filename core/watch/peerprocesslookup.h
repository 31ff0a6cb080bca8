// Which local process owns the other end of a loopback TCP connection, the Linux way: the
// client's socket is the one whose own address is our peer and whose other end is us; the kernel
// names its inode (sock_diag, see sockdiag.h; else the /proc/net/tcp{,6} row), and the inode
// appears as "socket:[inode]" among /proc/PID/fd of the owner. Used by
// WatchRecorder to put watched requests on client-process lanes. Never guesses: a socket that
// is gone, a process of another user (unreadable fd directory) or a non-local peer is unknown.
#pragma once

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace reqlanes::watch {

// A numeric IPv4 or IPv6 address and a port, as the server's observer reports them.
struct Endpoint {
    std::string address; // "127.0.0.1", "::1", "::ffff:127.0.0.1"
    std::uint16_t port = 0;
};

struct PeerProcess {
    std::int32_t processId = 0; // 0 = unknown
    QString command;            // command line, arguments joined by spaces; "" if unknown
};

class PeerProcessLookup {
public:
    // /proc/net/tcp and tcp6 spell an endpoint as hex "ADDR:PORT": the address as the kernel
    // stores it, printed 32 bits at a time in host byte order, the port in host order.
    // nullopt for an address that is not numeric IPv4/IPv6. IPv4-mapped IPv6 addresses are
    // spelled as IPv4 (the client's own socket is then an IPv4 one).
    static std::optional<std::string> procNetEndpoint(const Endpoint &endpoint);
    // In the text of /proc/net/tcp{,6}: the inode of the socket bound to `local` and connected to
    // `remote` (both in procNetEndpoint() form), or nullopt. Tolerates any header and spacing.
    static std::optional<std::uint64_t> findSocketInode(std::string_view procNetText,
                                                        const std::string &local,
                                                        const std::string &remote);
    // Every socket in the text of /proc/net/tcp{,6}: (local, remote) in upper-case hex -> inode.
    // Read once per batch, so a flood of connections costs one parse, not one per connection.
    static std::map<std::pair<std::string, std::string>, std::uint64_t>
    socketTable(std::string_view procNetText);
    // "socket:[12345]" -> 12345; nullopt for any other fd link (files, pipes, anon inodes).
    static std::optional<std::uint64_t> socketInode(std::string_view fdLink);
    // A /proc/PID/cmdline (NUL-separated arguments) as one line; control characters shown as
    // spaces, at most 300 characters.
    static QString commandLine(std::string_view cmdline);

    // For each inode, a process that has it open (the highest pid, when a fork shared it);
    // inodes not found are absent. One pass over procRoot/*/fd for the whole batch, newest
    // process first, ending as soon as every inode is found.
    static std::map<std::uint64_t, std::int32_t> findOwners(const std::set<std::uint64_t> &inodes,
                                                            const std::string &procRoot = "/proc");

    // The process on the other end of a connection accepted at `local` from `peer`: the whole
    // lookup for a batch of connections (the tables are read once). Results in input order.
    static std::vector<PeerProcess> lookup(const std::vector<std::pair<Endpoint, Endpoint>> &peers,
                                           const std::string &procRoot = "/proc");
};

} // namespace reqlanes::watch
