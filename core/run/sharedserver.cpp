#include "run/sharedserver.h"

#include "run/embeddedtarget.h"

namespace reqlanes {

void SharedServer::attach(RunRecorder *recorder) {
    std::lock_guard lock(m_mutex);
    m_run = recorder;
}

void SharedServer::detach() {
    std::lock_guard lock(m_mutex);
    m_run = nullptr;
}

template <typename Forward>
void SharedServer::route(const server::ServerRequestEvent *event, Forward forward) {
    std::lock_guard lock(m_mutex);
    if (m_run) {
        if (event)
            EmbeddedTarget::recordInto(*m_run, *event);
        return;
    }
    if (m_idle)
        forward(*m_idle);
}

void SharedServer::requestQueued(const server::ServerRequestEvent &event) {
    route(&event, [&](server::ServerObserver &idle) { idle.requestQueued(event); });
}

void SharedServer::requestStarted(const server::ServerRequestEvent &event) {
    route(&event, [&](server::ServerObserver &idle) { idle.requestStarted(event); });
}

void SharedServer::requestFinished(const server::ServerRequestEvent &event) {
    route(&event, [&](server::ServerObserver &idle) { idle.requestFinished(event); });
}

void SharedServer::requestDropped(const server::ServerRequestEvent &event) {
    std::lock_guard lock(m_mutex);
    if (m_run)
        EmbeddedTarget::dropInto(*m_run, event);
    else if (m_idle)
        m_idle->requestDropped(event);
}

void SharedServer::connectionAccepted(const server::ServerConnectionEvent &event) {
    route(nullptr, [&](server::ServerObserver &idle) { idle.connectionAccepted(event); });
}

void SharedServer::requestBegan(const server::ServerConnectionEvent &event) {
    route(nullptr, [&](server::ServerObserver &idle) { idle.requestBegan(event); });
}

void SharedServer::requestReceived(const server::ServerConnectionEvent &event) {
    route(nullptr, [&](server::ServerObserver &idle) { idle.requestReceived(event); });
}

void SharedServer::requestRefused(const server::ServerConnectionEvent &event) {
    route(nullptr, [&](server::ServerObserver &idle) { idle.requestRefused(event); });
}

void SharedServer::responseWritten(const server::ServerConnectionEvent &event) {
    route(nullptr, [&](server::ServerObserver &idle) { idle.responseWritten(event); });
}

void SharedServer::connectionClosed(const server::ServerConnectionEvent &event) {
    route(nullptr, [&](server::ServerObserver &idle) { idle.connectionClosed(event); });
}

} // namespace reqlanes
