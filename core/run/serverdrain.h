// The end of a run on the embedded or shared server. When a client gives up on a request, the
// server goes on working on it (abandoned work). Handlers still running when the strategy
// returns would be cut off by stopping or detaching the server at once, their work drawn only to
// the run's end; so the Runner first waits, boundedly, for the server to finish every request of
// the run it queued or started. The makespan still ends at the last request's done.
#pragma once

#include "model/canceltoken.h"
#include "model/clock.h"
#include "model/scenario.h"
#include "run/runrecorder.h"

namespace reqlanes {

// The most a wait for the server ever lasts, whatever the settings: one handler at the longest
// latency the server allows.
inline constexpr Nanos kMaxServerDrain = Nanos(server::kMaxLatencyMs) * 1'000'000;

// How long the server can still take for `held` requests it holds (queued or in a handler): one
// handler time (latency + jitter) per round of `workers` in sync mode, a single round in async
// mode, plus a margin for a loaded machine; at most kMaxServerDrain. Outside traffic on a
// shared server is not counted: it can make the real time longer.
Nanos serverDrainBound(const ServerSettings &settings, int held);

// Waits until the server has finished every request of the run it queued or started, at most
// serverDrainBound(settings, what it holds now); returns at once on a cancel. False when it gave
// up: the ends of those handlers stay unknown, and their abandoned work is drawn to the run's
// end, a lower bound. A request the server dropped while it was queued (its client reset the
// connection) never runs; the server reports it (ServerObserver::requestDropped) and it counts
// as released.
bool waitForServerDrain(RunRecorder &recorder, const ServerSettings &settings,
                        const CancelToken &cancel);

} // namespace reqlanes
