#include "strategies/qnamstrategy.h"

#include "model/clock.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSocketNotifier>
#include <QUrl>

#include <vector>

namespace reqlanes {

namespace {

RequestStatus failureStatus(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        return RequestStatus::Refused;
    case QNetworkReply::TimeoutError:
        return RequestStatus::Timeout;
    case QNetworkReply::OperationCanceledError:
        return RequestStatus::Cancelled;
    default:
        return RequestStatus::ProtocolError;
    }
}

// Stamps one reply's phases as QNAM reveals them and ends the request when it finishes.
class ReplyWatcher {
public:
    ReplyWatcher(RunContext &ctx, QNetworkReply *reply, int id)
        : m_ctx(ctx)
        , m_reply(reply)
        , m_id(id) {}

    void watch() {
        // QNAM queues a request until one of its 6 connections is free: the moment it starts
        // connecting, or sending on a reused connection, is when it got its slot.
        QObject::connect(m_reply, &QNetworkReply::socketStartedConnecting, m_reply, [this] {
            acquired();
            m_ctx.recorder.mark(m_id, Phase::ConnectStart);
        });
        QObject::connect(m_reply, &QNetworkReply::requestSent, m_reply, [this] {
            acquired();
            m_ctx.recorder.mark(m_id, Phase::Sent);
        });
        QObject::connect(m_reply, &QNetworkReply::metaDataChanged, m_reply, [this] {
            if (m_firstByteNs < 0) {
                m_firstByteNs = steadyNowNs();
                m_ctx.recorder.markAt(m_id, Phase::FirstByte,
                                      m_ctx.recorder.fromSteady(m_firstByteNs));
            }
        });
        QObject::connect(m_reply, &QNetworkReply::finished, m_reply, [this] { finished(); });
    }

    void abort() {
        if (m_reply)
            m_reply->abort();
    }

private:
    void acquired() {
        if (!m_acquired) {
            m_acquired = true;
            markAcquired(m_ctx, m_id, m_id);
        }
    }

    void finished() {
        RecorderListener listener(m_ctx.recorder, m_id);
        reportServerSide(m_reply->rawHeader("Server-Timing"), m_reply->rawHeader("X-Worker"),
                         m_firstByteNs, listener);
        const int httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (httpStatus > 0)
            reportHttpStatus(httpStatus, listener);
        else if (m_reply->error() == QNetworkReply::ConnectionRefusedError)
            reportFailure(listener, RequestStatus::Refused, QStringLiteral("connection refused"));
        else if (m_reply->error() == QNetworkReply::OperationCanceledError &&
                 !m_ctx.cancel.isCancelled())
            // The transfer timeout aborts the reply the same way a cancel does.
            reportFailure(listener, RequestStatus::Timeout,
                          QStringLiteral("timed out after %1 ms").arg(m_ctx.scenario.timeoutMs));
        else
            reportFailure(listener, failureStatus(m_reply->error()), m_reply->errorString());
        m_reply->deleteLater();
        m_reply = nullptr;
    }

    RunContext &m_ctx;
    QNetworkReply *m_reply;
    int m_id;
    bool m_acquired = false;
    std::int64_t m_firstByteNs = -1;
};

} // namespace

StrategyInfo QnamStrategy::info() const {
    return {QStringLiteral("qnam"), QStringLiteral("Qt QNetworkAccessManager"),
            QStringLiteral("Qt's default client, all at once: watch it cap itself at 6 "
                           "connections per host."),
            StrategyInfo::Concurrency::All, StrategyInfo::Slot::Connection};
}

void QnamStrategy::executeOnLoopThread(RunContext &ctx) {
    const int n = ctx.n();
    QEventLoop loop;
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy); // straight to the target, like the other paths
    const QUrl url(ctx.target.url());
    int done = 0;

    std::vector<std::unique_ptr<ReplyWatcher>> watchers;
    watchers.reserve(std::size_t(n));
    for (int id = 0; id < n; ++id) {
        QNetworkRequest request(url);
        request.setRawHeader("X-Request-Id", RunContext::requestIdHeader(id));
        request.setTransferTimeout(ctx.scenario.timeoutMs);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        ctx.recorder.mark(id, Phase::Created);
        QNetworkReply *reply = manager.get(request);
        auto &watcher = watchers.emplace_back(std::make_unique<ReplyWatcher>(ctx, reply, id));
        watcher->watch();
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (++done == n)
                loop.quit();
        });
    }

    QSocketNotifier cancelNotifier(ctx.cancel.wakeFd(), QSocketNotifier::Read);
    QObject::connect(&cancelNotifier, &QSocketNotifier::activated, &loop, [&] {
        cancelNotifier.setEnabled(false);
        for (auto &watcher : watchers)
            watcher->abort();
        loop.quit();
    });
    if (done < n)
        loop.exec();
    ctx.cancelUnfinished();
}

} // namespace reqlanes
