// The name of a request's slot wait (created -> acquired, SpanKind::Waiting) after what it waited
// for: the legend says "waiting for a pool thread" for thread-pool, "waiting for its thread to
// start" for threads, never "a slot" where there is none. Marked for translation in the "SpanKind"
// context (the app's runtext.h translates it); the CLI keeps the English.
#pragma once

#include "model/run.h"
#include "model/strategyinfo.h"

#include <QString>

namespace reqlanes {

// "waiting for the semaphore", ...; Slot::None: "waiting in the client" (a run of no strategy of
// ours, e.g. a browser's recording, whose wait is all we know).
QString slotWaitLabel(StrategyInfo::Slot slot);

// What the run's requests waited for: its strategy's slot; in a watch session of a traced program,
// what its client waited for longest in all (the semaphore, or a connection from aiohttp's
// connector or urllib3's pool); Slot::None when it has no registered strategy (another watch
// session, a recording, a run file from another build).
StrategyInfo::Slot slotOf(const Run &run);

} // namespace reqlanes
