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

namespace {

// A traced program's requests waited for what its client said they did (Run::clientSides): the
// kind of wait that took the most time, None when none did.
StrategyInfo::Slot clientSlot(const Run &run) {
    Nanos semaphore = 0, connection = 0;
    const auto length = [&run](const ClientWaitSpan &wait) -> Nanos {
        if (!wait.waited())
            return 0;
        return (wait.to == kUnset ? run.elapsed : wait.to) - wait.from;
    };
    for (const ClientSide &side : run.clientSides) {
        semaphore += length(side.semaphore);
        connection += length(side.connection);
    }
    if (semaphore == 0 && connection == 0)
        return StrategyInfo::Slot::None;
    return semaphore >= connection ? StrategyInfo::Slot::Semaphore : StrategyInfo::Slot::Connection;
}

} // namespace

StrategyInfo::Slot slotOf(const Run &run) {
    if (!run.clientSides.empty())
        return clientSlot(run);
    const StrategyInfo *info = strategyCatalog().find(run.scenario.strategy);
    return info ? info->slot : StrategyInfo::Slot::None;
}

} // namespace reqlanes
