// Test helpers for core's runs (header-only; server tests do not link core): a target where
// nothing listens, and an observer that cancels a run once it is under way.
#pragma once

#include "model/canceltoken.h"
#include "model/clock.h"
#include "serverobserver.h"

#include <QString>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

namespace reqlanes {

// "http://127.0.0.1:PORT/" where nothing listens: a port the kernel handed out a moment ago,
// closed again.
inline QString closedPortUrl() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    ::close(fd);
    return QStringLiteral("http://127.0.0.1:%1/").arg(ntohs(address.sin_port));
}

// Cancels the run the moment the server starts handling its first request: "mid-run" without
// guessing how long the run takes to get there (worker processes start up first, say).
struct CancelOnFirstRequest : server::ServerObserver {
    CancelToken cancel;
    std::atomic<std::int64_t> cancelledAtNs{0};
    void requestStarted(const server::ServerRequestEvent &) override {
        std::int64_t expected = 0;
        if (cancelledAtNs.compare_exchange_strong(expected, steadyNowNs()))
            cancel.cancel();
    }
};

} // namespace reqlanes
