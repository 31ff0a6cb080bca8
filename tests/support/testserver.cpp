#include "testserver.h"

namespace reqlanes {

TestServer::~TestServer() {
    stop();
}

bool TestServer::start(int workers, int latencyMs, server::ServerMode mode) {
    server::ServerConfig config;
    config.workers = workers;
    config.latencyMs = latencyMs;
    config.mode = mode;
    return start(config);
}

bool TestServer::start(server::ServerConfig config, server::ServerObserver *observer) {
    stop();
    config.bindAddress = "127.0.0.1";
    config.port = 0;
    m_server = std::make_unique<server::SlowServer>(std::move(config), observer);
    std::string reason;
    if (!m_server->start(&reason)) {
        m_error = QString::fromStdString(reason);
        m_server.reset();
        return false;
    }
    m_error.clear();
    return true;
}

void TestServer::stop() {
    if (m_server)
        m_server->stop();
    m_server.reset();
}

QString TestServer::url() const {
    return m_server ? QString::fromStdString(m_server->url()) : QString();
}

std::uint16_t TestServer::port() const {
    return m_server ? m_server->port() : 0;
}

} // namespace reqlanes
