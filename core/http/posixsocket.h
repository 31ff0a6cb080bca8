// What both forms of the measured exchange do with a raw socket: resolve the target, open a
// non-blocking socket and start connecting, and put a failed connect into words and a status.
#pragma once

#include "model/requestrecord.h"
#include "model/target.h"

#include <QString>

#include <sys/socket.h>

namespace reqlanes {

struct ResolvedTarget {
    sockaddr_storage address{};
    socklen_t length = 0;
    QString error; // set when the host could not be resolved
};
// getaddrinfo: instant for IP literals (the embedded server), a blocking lookup for names.
ResolvedTarget resolveTarget(const Target &target);

// A closing socket handle: owns the descriptor, closes it on destruction or reset().
class SocketHandle {
public:
    SocketHandle() = default;
    explicit SocketHandle(int fd)
        : m_fd(fd) {}
    ~SocketHandle() { reset(); }
    SocketHandle(const SocketHandle &) = delete;
    SocketHandle &operator=(const SocketHandle &) = delete;
    int fd() const { return m_fd; }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

// Opens a non-blocking TCP socket and starts connecting. Returns the descriptor and sets
// *inProgress, or -1 with errno-style *error.
int startConnect(const ResolvedTarget &target, bool *inProgress, int *error);
// The connect's outcome once the socket is writable: 0 or the errno it failed with.
int connectResult(int fd);

RequestStatus connectFailureStatus(int error);
QString connectFailureText(int error); // "connection refused", "could not connect: ..."
QString systemError(int error);        // strerror in a QString

} // namespace reqlanes
