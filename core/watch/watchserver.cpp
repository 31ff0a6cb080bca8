#include "watch/watchserver.h"

#include "watch/otlpreceiver.h"

namespace reqlanes::watch {

namespace {

// Every setting of the scenario's server (error rate and rate limit too), on our address.
server::ServerConfig configFor(const ServerSettings &settings, const QString &bindAddress,
                               std::uint16_t port) {
    server::ServerConfig config = settings;
    config.bindAddress = bindAddress.toStdString();
    config.port = port;
    return config;
}

// Whether two settings serve alike: the address is the watch server's own, not a setting.
bool sameService(ServerSettings a, ServerSettings b) {
    a.bindAddress = b.bindAddress;
    a.port = b.port;
    return a == b;
}

bool portInUse(const std::string &reason) {
    return reason.find("in use") != std::string::npos;
}

} // namespace

WatchServer::WatchServer(WatchRecorder *recorder)
    : m_recorder(recorder)
    , m_shared(this, recorder) {}

WatchServer::~WatchServer() {
    stop();
}

bool WatchServer::startOn(std::uint16_t port, std::string *reason) {
    // OpenTelemetry spans sent to the watch server join the watch session; they are data for
    // reqlanes, never slow work (server/ingestendpoints.h).
    server::IngestEndpoints ingest;
    ingest.add(kOtlpTracesPath, [recorder = m_recorder](const server::IngestRequest &request) {
        return receiveOtlpTraces(request, recorder);
    });
    // The Python tracer's client-side events (python3 -m reqlanes_trace): likewise never drawn.
    ingest.add(kClientEventsPath, [counts = &m_clientEvents,
                                   recorder = m_recorder](const server::IngestRequest &request) {
        return receiveClientEvents(request, counts, recorder);
    });
    auto server = std::make_unique<server::SlowServer>(
        configFor(m_options.server, m_options.bindAddress, port), &m_shared, std::move(ingest));
    if (!server->start(reason))
        return false;
    m_server = std::move(server);
    m_port = m_server->port();
    return true;
}

bool WatchServer::start(const WatchServerOptions &options, QString *error) {
    stop();
    m_options = options;
    m_notice.clear();
    m_recorder->setServerSettings(options.server);
    const int tries =
        options.portRequired || options.port == 0 ? 1 : std::max(1, options.portsToTry);
    std::string reason;
    for (int i = 0; i < tries && int(options.port) + i <= 65535; ++i) {
        const auto port = std::uint16_t(options.port + i);
        if (startOn(port, &reason)) {
            if (i > 0)
                m_notice = QStringLiteral("port %1 is in use; serving on %2 instead")
                               .arg(options.port)
                               .arg(port);
            return true;
        }
        if (!portInUse(reason))
            break; // a bad address or setting: another port will not help
    }
    if (error)
        *error =
            QStringLiteral("cannot serve on %1 port %2%3: %4")
                .arg(options.bindAddress)
                .arg(options.port)
                .arg(tries > 1 ? QStringLiteral(" (nor the next %1)").arg(tries - 1) : QString())
                .arg(QString::fromStdString(reason));
    return false;
}

bool WatchServer::applySettings(const ServerSettings &settings, QString *error) {
    m_options.server = settings;
    m_recorder->setServerSettings(settings);
    const std::uint16_t port = m_port;
    stop();
    std::string reason;
    if (startOn(port, &reason))
        return true;
    if (error)
        *error = QStringLiteral("cannot restart the server on port %1: %2")
                     .arg(port)
                     .arg(QString::fromStdString(reason));
    return false;
}

void WatchServer::stop() {
    if (!m_server)
        return;
    m_server->stop(); // joined: no event after this
    m_server.reset();
    m_recorder->serverStopped();
}

QString WatchServer::url() const {
    return m_server ? QString::fromStdString(m_server->url()) : QString();
}

Target WatchServer::Shared::target() const {
    Target target;
    // A server bound to every address is reached on loopback like any other.
    const QString bind = m_owner->m_options.bindAddress;
    target.host = bind == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1")
                  : bind == QLatin1String("::") || bind == QLatin1String("[::]")
                      ? QStringLiteral("::1")
                      : bind;
    target.port = m_owner->m_port;
    return target;
}

bool WatchServer::Shared::prepare(const ServerSettings &settings, QString *error) {
    // Same settings: no restart, so watched traffic in flight is not cut off.
    if (m_owner->isRunning() && sameService(m_owner->settings(), settings))
        return true;
    if (!m_owner->isRunning() && m_owner->m_port == 0) {
        if (error)
            *error = QStringLiteral("the server is not running");
        return false;
    }
    return m_owner->applySettings(settings, error);
}

} // namespace reqlanes::watch
