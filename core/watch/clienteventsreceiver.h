// The Python tracer's event channel (python/reqlanes_trace/events.py): POST /.reqlanes/events,
// one JSON object per line (application/x-ndjson), each with at least "at" (CLOCK_MONOTONIC ns)
// and "kind". An ingest endpoint of the watch server (server/ingestendpoints.h): answered at once,
// never drawn as a request. Well-formed batches are counted and handed to the watch recorder, which
// joins them onto the server's view of each request (watch/clienttrace.h).
#pragma once

#include "ingestendpoints.h"

#include <atomic>
#include <cstdint>

namespace reqlanes::watch {

class WatchRecorder;

inline constexpr char kClientEventsPath[] = "/.reqlanes/events";

struct ClientEventCounts {
    std::atomic<std::uint64_t> accepted{0}; // events in well-formed batches
    std::atomic<std::uint64_t> rejected{0}; // batches answered 400
};

// 200 {"accepted":N} for a well-formed batch; 400 with the line and reason of the first bad line
// (nothing of that batch is kept); 405 for another method; 415 for another content type.
// `counts` and `recorder` may be null.
server::IngestReply receiveClientEvents(const server::IngestRequest &request,
                                        ClientEventCounts *counts,
                                        WatchRecorder *recorder = nullptr);

} // namespace reqlanes::watch
