#include "cannedserver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace reqlanes {

CannedServer::CannedServer(std::string reply)
    : CannedServer(std::vector<Piece>{{std::move(reply), 0}}) {}

CannedServer::CannedServer(std::vector<Piece> pieces)
    : m_pieces(std::move(pieces)) {
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    m_stopFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listenFd < 0 || m_stopFd < 0 ||
        ::bind(m_listenFd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(m_listenFd, 64) != 0 ||
        ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return;
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

CannedServer::~CannedServer() {
    if (m_thread.joinable()) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(m_stopFd, &one, sizeof one);
        m_thread.join();
    }
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    if (m_stopFd >= 0)
        ::close(m_stopFd);
}

int CannedServer::connectionsServed() const {
    const std::lock_guard lock(m_mutex);
    return m_served;
}

bool CannedServer::waitForServed(int count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_servedChanged.wait_for(lock, timeout, [&] { return m_served >= count; });
}

QString CannedServer::url() const {
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
}

void CannedServer::serve() {
    for (;;) {
        pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_stopFd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 || fds[1].revents)
            return;
        const int client = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        // Read the request head (bounded by 2 s), then answer and close.
        std::string head;
        char buffer[4096];
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (head.find("\r\n\r\n") == std::string::npos &&
               std::chrono::steady_clock::now() < deadline) {
            pollfd in[2] = {{client, POLLIN, 0}, {m_stopFd, POLLIN, 0}};
            if (::poll(in, 2, 100) <= 0)
                continue;
            if (in[1].revents) {
                ::close(client);
                return;
            }
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            head.append(buffer, std::size_t(n));
        }
        answer(client);
        ::close(client);
        {
            const std::lock_guard lock(m_mutex);
            ++m_served;
        }
        m_servedChanged.notify_all();
    }
}

void CannedServer::answer(int client) {
    for (const Piece &piece : m_pieces) {
        if (piece.delayMs > 0) {
            // The pause between pieces is the point (a trickling server); the stop eventfd
            // still ends it at once.
            pollfd stop{m_stopFd, POLLIN, 0};
            if (::poll(&stop, 1, piece.delayMs) != 0)
                return;
        }
        if (!piece.bytes.empty() &&
            ::send(client, piece.bytes.data(), piece.bytes.size(), MSG_NOSIGNAL) < 0)
            return; // the client has gone
    }
}

} // namespace reqlanes
