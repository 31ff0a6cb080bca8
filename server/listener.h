// The slow server's listening socket: bound and listening before SlowServer::start() returns,
// so a port in use or a bad address is reported to the caller rather than lost on the I/O
// thread.
#pragma once

#include "uniquefd.h"

#include <cstdint>
#include <string>

namespace reqlanes::server {

// A non-blocking listening TCP socket on a numeric IPv4/IPv6 address; invalid + reason on error.
UniqueFd openListener(const std::string &address, std::uint16_t port, std::string *error);
std::uint16_t localPort(int socket); // the port actually bound (for port 0), 0 on error

} // namespace reqlanes::server
