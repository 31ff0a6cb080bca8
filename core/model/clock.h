// The one clock of reqlanes: steady_clock (CLOCK_MONOTONIC on Linux), shared by every thread
// and every process on the machine, so client, server and worker-process events line up.
#pragma once

#include <chrono>
#include <cstdint>

namespace reqlanes {

// Nanoseconds since a run's origin. kUnset marks a phase that has not happened.
using Nanos = std::int64_t;
inline constexpr Nanos kUnset = -1;
inline constexpr Nanos kNsPerMs = 1'000'000;

// Absolute steady_clock nanoseconds; what the server and worker processes report.
inline std::int64_t steadyNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline double nanosToSeconds(Nanos ns) {
    return static_cast<double>(ns) / 1e9;
}
inline double nanosToMs(Nanos ns) {
    return static_cast<double>(ns) / 1e6;
}

} // namespace reqlanes
