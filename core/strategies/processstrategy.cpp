#include "strategies/processstrategy.h"

#include "strategies/processes/workerpool.h"
#include "strategies/processes/workerprocess.h"

#include <algorithm>

namespace reqlanes {

StrategyInfo ProcessStrategy::info() const {
    return StrategyInfo{
        QStringLiteral("processes"),
        QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Worker processes")),
        QStringLiteral(QT_TRANSLATE_NOOP(
            "Strategy", "A pool of `limit` OS processes, one request each at a time; starting "
                        "them costs time before the first request goes out.")),
        StrategyInfo::Concurrency::Limit,
        StrategyInfo::Slot::WorkerProcess,
        kMaxProcesses};
}

void ProcessStrategy::execute(RunContext &ctx) {
    if (ctx.n() <= 0)
        return;
    QString error;
    const QString program = WorkerProcess::findExecutable(&error);
    if (program.isEmpty()) {
        ctx.recorder.markAll(Phase::Created);
        ctx.recorder.finishUnfinished(
            RequestStatus::ProtocolError,
            QStringLiteral("cannot start worker processes: %1").arg(error));
        return;
    }
    const int workers = ctx.concurrency();
    WorkerPool(ctx, program, workers).run();
}

} // namespace reqlanes
