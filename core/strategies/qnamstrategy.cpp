#include "strategies/qnamstrategy.h"

#include "http/servertiming.h"
#include "model/clock.h"
#include "run/recorderlistener.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSocketNotifier>
#include <QTimer>
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

// Stamps one reply's phases as QNAM reveals them, bounds it by the run's timeout, and ends the
// request when it finishes.
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
            m_sent = true;
            m_ctx.recorder.mark(m_id, Phase::Sent);
        });
        QObject::connect(m_reply, &QNetworkReply::metaDataChanged, m_reply, [this] {
            const std::int64_t now = steadyNowNs();
            if (m_firstByteNs < 0 && !pastDeadline(now)) {
                m_firstByteNs = now;
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
    // The timeout bounds the whole request from the moment QNAM takes it up, as the native
    // exchanges' deadline does from their connect: QNetworkRequest::setTransferTimeout() is an
    // inactivity timer, which a server trickling its body never trips.
    void acquired() {
        if (m_acquired)
            return;
        m_acquired = true;
        markAcquired(m_ctx, m_id, m_id);
        m_deadlineNs = steadyNowNs() + std::int64_t(m_ctx.scenario.timeoutMs) * 1'000'000;
        m_deadline.setSingleShot(true);
        m_deadline.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_deadline, &QTimer::timeout, m_reply, [this] {
            m_timedOut = true;
            m_reply->abort();
        });
        m_deadline.start(m_ctx.scenario.timeoutMs);
    }

    // The timer's timeout and the reply's signals can be due together when the loop comes back
    // late, and the reply's may come first: what it reports after the deadline does not count,
    // or a whole late response would be taken as in time.
    bool pastDeadline(std::int64_t nowNs) const { return m_acquired && nowNs >= m_deadlineNs; }

    const char *timeoutStep() const {
        return m_firstByteNs >= 0 ? "reading the response"
               : m_sent           ? "waiting for the response"
                                  : "connecting";
    }

    void finished() {
        m_deadline.stop();
        RecorderListener listener(m_ctx.recorder, m_id);
        const int httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_timedOut || pastDeadline(steadyNowNs())) {
            reportFailure(listener, RequestStatus::Timeout,
                          timeoutMessage(m_ctx.scenario.timeoutMs, timeoutStep()));
            releaseReply();
            return;
        }
        // Qt combines repeated field lines with ", " (RFC 9110 §5.3), as Server-Timing needs.
        reportServerSide(m_reply->rawHeader("Server-Timing"), m_reply->rawHeader("X-Worker"),
                         m_firstByteNs, listener);
        // Errors below 200 are the connection's (1-99) or a proxy's (101-199): a status line may
        // have come, but the response did not, and that is no success.
        const QNetworkReply::NetworkError error = m_reply->error();
        const bool transportFailed = error != QNetworkReply::NoError && int(error) < 200;
        if (httpStatus > 0 && !transportFailed)
            reportHttpStatus(httpStatus, listener);
        else if (error == QNetworkReply::ConnectionRefusedError)
            reportFailure(listener, RequestStatus::Refused, QStringLiteral("connection refused"));
        else
            reportFailure(listener, failureStatus(error), m_reply->errorString());
        releaseReply();
    }

    void releaseReply() {
        m_reply->deleteLater();
        m_reply = nullptr;
    }

    RunContext &m_ctx;
    QNetworkReply *m_reply;
    int m_id;
    bool m_acquired = false;
    bool m_sent = false;
    bool m_timedOut = false;
    QTimer m_deadline;
    std::int64_t m_deadlineNs = 0;
    std::int64_t m_firstByteNs = -1;
};

} // namespace

StrategyInfo QnamStrategy::info() const {
    return {QStringLiteral("qnam"),
            QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Qt QNetworkAccessManager")),
            QStringLiteral(QT_TRANSLATE_NOOP(
                "Strategy", "Qt's default client, all at once: watch it cap itself at 6 "
                            "connections per host.")),
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
        request.setRawHeader("X-Request-Id", ctx.requestIdHeader(id));
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
