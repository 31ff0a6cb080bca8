// What both forms of the measured exchange do with a raw socket: resolve the target, open a
// non-blocking socket and start connecting (trying each resolved address in turn), and put a
// failed connect into words and a status.
#pragma once

#include "model/requestrecord.h"
#include "model/target.h"

#include <QString>

#include <sys/socket.h>

#include <atomic>
#include <cstddef>
#include <vector>

namespace reqlanes {

struct SocketAddress {
    sockaddr_storage address{};
    socklen_t length = 0;
};

// Every address a target's host resolved to, in the resolver's order, and the one that last
// connected. "localhost" may give ::1 before 127.0.0.1 while a server listens on one of them
// only: like curl and Qt, a connection tries each address in turn. Resolved once per run and
// shared by every request of it, on any thread (the remembered address is an atomic).
class ResolvedTarget {
public:
    ResolvedTarget() = default;
    ResolvedTarget(const ResolvedTarget &other);
    ResolvedTarget &operator=(const ResolvedTarget &other);

    std::vector<SocketAddress> addresses;
    QString error; // set when the host could not be resolved

    // Index of the address to try first: the last one that connected, else the first.
    std::size_t preferred() const { return m_preferred.load(std::memory_order_relaxed); }
    void remember(std::size_t index) const { m_preferred.store(index, std::memory_order_relaxed); }

private:
    mutable std::atomic<std::size_t> m_preferred{0};
};
// getaddrinfo: instant for IP literals (the embedded server), a blocking lookup for names.
ResolvedTarget resolveTarget(const Target &target);

// One connection's walk over a ResolvedTarget: the remembered address first, then the others in
// the resolver's order, each at most once.
class ConnectAttempts {
public:
    explicit ConnectAttempts(const ResolvedTarget &target)
        : m_target(target) {}
    // Opens a socket and starts connecting to the next address: the descriptor and *inProgress,
    // or -1 with errno-style *error (also when no address is left).
    int startNext(bool *inProgress, int *error);
    // Whether another address is left to try after a failure with this errno. Out of descriptors
    // or memory, every address would fail the same way.
    bool worthRetrying(int error) const;
    // The address being tried connected: later connections of the run start with it.
    void connected() const { m_target.remember(m_current); }

private:
    const ResolvedTarget &m_target;
    std::size_t m_tried = 0;
    std::size_t m_current = 0;
};

// Opens a non-blocking TCP socket and starts connecting. Returns the descriptor and sets
// *inProgress, or -1 with errno-style *error.
int startConnect(const SocketAddress &address, bool *inProgress, int *error);
// The connect's outcome once the socket is writable: 0 or the errno it failed with.
int connectResult(int fd);

RequestStatus connectFailureStatus(int error);
QString connectFailureText(int error); // "connection refused", "could not connect: ..."
QString systemError(int error);        // strerror in a QString

} // namespace reqlanes
