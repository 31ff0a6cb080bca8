#include "strategies/threadsstrategy.h"

#include <system_error>
#include <thread>
#include <vector>

namespace reqlanes {

StrategyInfo ThreadsStrategy::info() const {
    return {
        QStringLiteral("threads"),
        QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Thread per request")),
        QStringLiteral(QT_TRANSLATE_NOOP(
            "Strategy", "A new OS thread for every request, all started at once, then joined.")),
        StrategyInfo::Concurrency::All, StrategyInfo::Slot::NewThread};
}

void ThreadsStrategy::execute(RunContext &ctx) {
    std::vector<std::thread> threads;
    threads.reserve(std::size_t(ctx.n()));
    ctx.recorder.markAll(Phase::Created);
    for (int id = 0; id < ctx.n(); ++id) {
        if (ctx.cancel.isCancelled())
            break;
        try {
            threads.emplace_back([&ctx, id] {
                addThreadEvent(ctx.recorder, LaneEventKind::ThreadStarted, id);
                runBlockingRequest(ctx, id, id);
                addThreadEvent(ctx.recorder, LaneEventKind::ThreadFinished, id);
            });
        } catch (const std::system_error &error) {
            // Out of threads (ulimit -u, memory): the rest cannot run, and the picture says so.
            const QString reason = QStringLiteral("could not start thread %1: %2")
                                       .arg(id)
                                       .arg(QString::fromLocal8Bit(error.what()));
            for (int rest = id; rest < ctx.n(); ++rest)
                ctx.recorder.finish(rest, RequestStatus::ProtocolError, 0, reason);
            break;
        }
    }
    for (std::thread &thread : threads)
        thread.join();
    ctx.cancelUnfinished();
}

} // namespace reqlanes
