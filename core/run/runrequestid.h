// The X-Request-Id a run's request carries: "g<generation>-<index>", e.g. "g7-3". The generation
// is handed out once per run by this process (every RunRecorder takes the next one, from a random
// start per process), so no two runs on the same server send the same id: a request's server events
// are joined to it and to nothing of an earlier run (design.md, "Runs have identity"). The server's
// observers (EmbeddedTarget, SharedServer) parse it back; reqlanes-worker builds it from its job
// line.
#pragma once

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string_view>

namespace reqlanes {

struct RunRequestId {
    std::uint32_t generation = 0; // 1.., the run's; 0 is never handed out
    int index = 0;                // the request's index in its run, 0..
    bool operator==(const RunRequestId &) const = default;
};

// A generation no earlier run of this process had (thread-safe; consecutive from a random start
// below 2^30, so two processes on one server do not collide; never 0).
std::uint32_t nextRunGeneration();

// "g7-3". Generation 0 (tests' hand-made recorders never send) still formats.
QByteArray formatRunRequestId(RunRequestId id);
// The id in an X-Request-Id value, or nothing when it is not one of ours (another program's id,
// a bare number, extra characters, numbers out of range).
std::optional<RunRequestId> parseRunRequestId(std::string_view text);

} // namespace reqlanes
