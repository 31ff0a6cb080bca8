// Runs an outside program a test drives the server with (wrk, curl): found on PATH, started
// without a shell, its stdout collected, and killed if it outlives its time limit, so a test
// never hangs on it or leaves it behind.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace reqlanes {

// The program's full path if an executable of that name is on PATH.
std::optional<std::string> findOnPath(const std::string &program);

// Its stdout if it exited with status 0 within `limit`; nullopt if it could not start, failed,
// or was killed at the limit.
std::optional<std::string> runProgram(const std::string &path, const std::vector<std::string> &args,
                                      std::chrono::seconds limit);

} // namespace reqlanes
