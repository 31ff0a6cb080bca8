#include "serverconnection.h"

#include <sys/socket.h>

#include <cerrno>

namespace reqlanes::server {

ServerConnection::FlushResult ServerConnection::flush() {
    while (outputSent < output.size()) {
        // MSG_NOSIGNAL: a client that has gone must cost an EPIPE, not the process.
        const ssize_t sent = ::send(socket.get(), output.data() + outputSent,
                                    output.size() - outputSent, MSG_NOSIGNAL);
        if (sent > 0) {
            outputSent += static_cast<std::size_t>(sent);
        } else if (sent < 0 && errno == EINTR) {
            continue;
        } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return FlushResult::Pending;
        } else {
            return FlushResult::Failed;
        }
    }
    output.clear();
    outputSent = 0;
    return FlushResult::Done;
}

} // namespace reqlanes::server
