#include "results/slotwait.h"

#include "model/strategyinfo.h"
#include "results/timelinespans.h"

namespace reqlanes {

QString slotWaitLabel(StrategyInfo::Slot slot) {
    switch (slot) {
    case StrategyInfo::Slot::Semaphore:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting for the semaphore"));
    case StrategyInfo::Slot::PoolThread:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting for a pool thread"));
    case StrategyInfo::Slot::WorkerProcess:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting for a worker process"));
    case StrategyInfo::Slot::Connection:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting for a connection"));
    case StrategyInfo::Slot::NewThread:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting for its thread to start"));
    case StrategyInfo::Slot::LoopTurn:
        return QStringLiteral(QT_TRANSLATE_NOOP("SpanKind", "waiting for the event loop"));
    case StrategyInfo::Slot::None:
        break;
    }
    return spanKindLabel(SpanKind::Waiting);
}

StrategyInfo::Slot slotOf(const Run &run) {
    const StrategyInfo *info = strategyCatalog().find(run.scenario.strategy);
    return info ? info->slot : StrategyInfo::Slot::None;
}

} // namespace reqlanes
