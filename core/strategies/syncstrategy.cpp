#include "strategies/syncstrategy.h"

namespace reqlanes {

StrategyInfo SyncStrategy::info() const {
    return {QStringLiteral("sync"), QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Sequential")),
            QStringLiteral(QT_TRANSLATE_NOOP("Strategy",
                                             "One blocking request after another, on one thread.")),
            StrategyInfo::Concurrency::One, StrategyInfo::Slot::None};
}

void SyncStrategy::execute(RunContext &ctx) {
    // A loop creates each request only when the previous one is done: no time waiting for a slot.
    for (int id = 0; id < ctx.n() && !ctx.cancel.isCancelled(); ++id) {
        ctx.recorder.mark(id, Phase::Created);
        runBlockingRequest(ctx, id, 0);
    }
    ctx.cancelUnfinished();
}

} // namespace reqlanes
