#include "strategies/exchangegroup.h"

#include <utility>
#include <vector>

namespace reqlanes {

ExchangeGroup::ExchangeGroup(RunContext &ctx)
    : m_ctx(ctx)
    , m_threadId(RunRecorder::currentThreadId())
    , m_processId(RunRecorder::currentProcessId())
    // The run's addresses, resolved by the Runner before its clock started (own lookup otherwise).
    , m_address(ctx.address ? *ctx.address : resolveTarget(ctx.target))
    , m_cancelNotifier(ctx.cancel.wakeFd(), QSocketNotifier::Read) {
    // The token's eventfd stays readable once cancelled: handle it once, then stop watching.
    connect(&m_cancelNotifier, &QSocketNotifier::activated, this, [this] {
        m_cancelNotifier.setEnabled(false);
        abortAll();
        emit cancelled();
    });
}

ExchangeGroup::~ExchangeGroup() {
    // Exchanges still here unwatch their sockets from m_reactor: delete them while it exists.
    m_disposed.clear(); // their parents delete them
    m_parents.clear();
}

void ExchangeGroup::dispose(AsyncHttpExchange *exchange) {
    m_disposed.push_back(exchange);
    if (m_disposed.size() == 1)
        QMetaObject::invokeMethod(
            this, [this] { qDeleteAll(std::exchange(m_disposed, {})); }, Qt::QueuedConnection);
}

AsyncHttpExchange *ExchangeGroup::start(int id, int lane) {
    markAcquired(m_ctx, id, lane, m_threadId, m_processId);
    RecorderListener &listener = m_listeners.emplace_back(m_ctx.recorder, id);
    if (m_started++ % kStartedPerParent == 0)
        m_parents.push_back(std::make_unique<QObject>());
    auto *exchange = new AsyncHttpExchange(m_ctx.exchangeRequest(id), m_address, listener,
                                           m_reactor, m_parents.back().get());
    m_live.insert(exchange);
    connect(exchange, &AsyncHttpExchange::finished, this,
            [this, exchange] { m_live.erase(exchange); });
    // failLater, not abort: the caller connects to finished() after this returns.
    if (isCancelled())
        exchange->failLater(RequestStatus::Cancelled, QStringLiteral("cancelled"));
    else if (!m_reactor.isValid())
        exchange->failLater(RequestStatus::ProtocolError, setupError());
    else
        exchange->start();
    return exchange;
}

QString ExchangeGroup::setupError() const {
    return m_reactor.isValid() ? QString()
                               : QStringLiteral("could not create an epoll set for the event loop");
}

void ExchangeGroup::abortAll() {
    // abort() emits finished(), which edits m_live: walk a copy.
    const std::vector<AsyncHttpExchange *> live(m_live.begin(), m_live.end());
    for (AsyncHttpExchange *exchange : live)
        exchange->abort(RequestStatus::Cancelled, QStringLiteral("cancelled"));
}

} // namespace reqlanes
