#include "http/posixsocket.h"

#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reqlanes {

ResolvedTarget resolveTarget(const Target &target) {
    ResolvedTarget out;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const QByteArray host = target.host.toUtf8();
    const QByteArray port = QByteArray::number(target.port);
    const int rc = ::getaddrinfo(host.constData(), port.constData(), &hints, &found);
    if (rc != 0 || !found) {
        out.error = QStringLiteral("cannot resolve host \"%1\": %2")
                        .arg(target.host, QString::fromLocal8Bit(::gai_strerror(rc)));
        return out;
    }
    for (const addrinfo *entry = found; entry; entry = entry->ai_next) {
        if (entry->ai_addrlen > sizeof(sockaddr_storage))
            continue;
        SocketAddress address;
        std::memcpy(&address.address, entry->ai_addr, entry->ai_addrlen);
        address.length = entry->ai_addrlen;
        out.addresses.push_back(address);
    }
    ::freeaddrinfo(found);
    if (out.addresses.empty())
        out.error =
            QStringLiteral("cannot resolve host \"%1\": no usable address").arg(target.host);
    return out;
}

ResolvedTarget::ResolvedTarget(const ResolvedTarget &other)
    : addresses(other.addresses)
    , error(other.error)
    , m_preferred(other.preferred()) {}

ResolvedTarget &ResolvedTarget::operator=(const ResolvedTarget &other) {
    addresses = other.addresses;
    error = other.error;
    remember(other.preferred());
    return *this;
}

int ConnectAttempts::startNext(bool *inProgress, int *error) {
    const std::size_t count = m_target.addresses.size();
    if (m_tried >= count) {
        *error = count == 0 ? EDESTADDRREQ : ECONNREFUSED;
        return -1;
    }
    const std::size_t first = m_target.preferred() < count ? m_target.preferred() : 0;
    m_current = (first + m_tried++) % count;
    return startConnect(m_target.addresses[m_current], inProgress, error);
}

bool ConnectAttempts::worthRetrying(int error) const {
    if (m_tried >= m_target.addresses.size())
        return false;
    return error != EMFILE && error != ENFILE && error != ENOBUFS && error != ENOMEM;
}

int startConnect(const SocketAddress &target, bool *inProgress, int *error) {
    const int fd =
        ::socket(target.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = errno;
        return -1;
    }
    // No TCP_NODELAY: a request is one write on a fresh connection, which Nagle never holds
    // back, and at 10,000 connections the extra system call shows.
    *inProgress = false;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&target.address), target.length) != 0) {
        if (errno != EINPROGRESS) {
            *error = errno;
            ::close(fd);
            return -1;
        }
        *inProgress = true;
    }
    return fd;
}

int connectResult(int fd) {
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        return errno;
    return error;
}

RequestStatus connectFailureStatus(int error) {
    switch (error) {
    case ECONNREFUSED:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case ECONNRESET:
    case EADDRNOTAVAIL:
        return RequestStatus::Refused;
    case ETIMEDOUT:
        return RequestStatus::Timeout;
    default:
        return RequestStatus::ProtocolError;
    }
}

QString connectFailureText(int error) {
    if (error == ECONNREFUSED)
        return QStringLiteral("connection refused");
    return QStringLiteral("could not connect: %1").arg(systemError(error));
}

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace reqlanes
