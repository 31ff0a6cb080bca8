// What counts as queued in the server, one definition for the picture and the words: the timeline
// (timelinespans) draws a server queue in the queue colour only when it counts, and the findings
// name queueing (or say "nothing queued") by the same rule, so a caption cannot contradict the
// bars beside it. Also the significance threshold every finding's waits are measured against.
#pragma once

#include "model/run.h"

namespace reqlanes {

// Waits shorter than this are noise, not a lesson: a tenth of the server's work per request
// (the embedded server's latency, else the median handler time), at least 5 ms.
Nanos significantWait(const Run &run);

// The time a request spent accepted by the server but not yet served: from server accept to the
// handler's start or, when the handler never started, to the next thing that did happen (the
// response, or the request's end). Nanoseconds since the run's start; `from` is kUnset when the
// server never accepted it. `requestEnd` is where the request's bar ends: done, or now while it
// is still running (timelinespans.h, requestExtent).
struct ServerQueue {
    Nanos from = kUnset, to = kUnset;
    Nanos length() const { return from == kUnset || to <= from ? 0 : to - from; }
};
ServerQueue serverQueue(const RequestRecord &record, Nanos requestEnd);

// Whether a queue counts as queueing: at least `threshold` (significantWait of its run) long. A
// shorter one is drawn as "in flight" and is not mentioned.
bool countsAsQueued(const ServerQueue &queue, Nanos threshold);

} // namespace reqlanes
