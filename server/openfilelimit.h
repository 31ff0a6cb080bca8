// The open-file limit (RLIMIT_NOFILE). Every connection is a descriptor, and Linux's default
// soft limit of 1024 caps a server or a client at a few hundred connections; every executable
// of ours (reqlanes-server, reqlanes-cli, reqlanes) raises it to the hard limit at start-up.
#pragma once

#include <cstdint>

namespace reqlanes::server {

inline constexpr std::uint64_t kUnlimitedFiles = UINT64_MAX;

// Soft limit up to the hard limit. Returns the soft limit now in force (kUnlimitedFiles when
// unlimited, 0 when it cannot be read).
std::uint64_t raiseOpenFileLimit();
// The hard limit (kUnlimitedFiles when unlimited, or when it cannot be read).
std::uint64_t hardOpenFileLimit();

} // namespace reqlanes::server
