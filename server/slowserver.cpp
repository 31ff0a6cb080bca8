#include "slowserver.h"

#include "listener.h"
#include "serverloop.h"

#include <pthread.h>

namespace reqlanes::server {

SlowServer::SlowServer(ServerConfig config, ServerObserver *observer, IngestEndpoints ingest)
    : m_config(std::move(config))
    , m_observer(observer)
    , m_ingest(std::move(ingest)) {}

SlowServer::~SlowServer() {
    stop();
}

bool SlowServer::start(std::string *error) {
    const std::lock_guard lock(m_mutex);
    auto fail = [error](std::string reason) {
        if (error)
            *error = std::move(reason);
        return false;
    };
    if (m_thread.joinable())
        return fail("the server is already running");
    if (std::string invalid = validate(m_config); !invalid.empty())
        return fail(std::move(invalid));

    std::string reason;
    UniqueFd listener = openListener(m_config.bindAddress, m_config.port, &reason);
    if (!listener.valid())
        return fail(std::move(reason));
    const std::uint16_t port = localPort(listener.get());
    auto loop = std::make_unique<ServerLoop>(m_config, m_observer, std::move(listener), m_ingest);
    if (!loop->init(&reason))
        return fail(std::move(reason));

    m_loop = std::move(loop);
    m_port = port;
    m_thread = std::thread([loop = m_loop.get()] {
        // Named so that it is recognisable in a debugger, perf or the app's thread list.
        ::pthread_setname_np(::pthread_self(), "reqlanes-server");
        loop->run();
    });
    return true;
}

void SlowServer::stop() {
    const std::lock_guard lock(m_mutex);
    if (!m_thread.joinable())
        return;
    m_loop->requestStop();
    if (m_thread.get_id() == std::this_thread::get_id()) {
        // Called from an observer callback despite the contract: joining ourselves would
        // deadlock. The loop stops after this callback; a later stop() or the destructor joins.
        return;
    }
    m_thread.join();
    m_loop.reset();
}

std::uint16_t SlowServer::port() const {
    return m_port;
}

std::string SlowServer::url() const {
    std::string host = m_config.bindAddress;
    if (host == "0.0.0.0")
        host = "127.0.0.1";
    else if (host == "::")
        host = "[::1]";
    else if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(m_port) + "/";
}

} // namespace reqlanes::server
