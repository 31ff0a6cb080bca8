// What a traced client program said about one of its requests beyond the phases (the Python
// tracer, python/reqlanes_trace): which library sent it, which asyncio task ran it, what it waited
// for before it went out and how long its timeout was. A side table of a Run (Run::clientSides,
// index == request id), filled in watch sessions of traced programs (watch/clienttrace.h); empty
// otherwise. Lanes by asyncio task and the client-side findings read it.
#pragma once

#include "model/clock.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace reqlanes {

// What a request waited for in the client before it went out.
enum class ClientWait : std::uint8_t {
    None,
    Semaphore, // an asyncio.Semaphore / BoundedSemaphore the script holds around the request
    Connector, // aiohttp's TCPConnector: a connection under its limit (default 100)
    Pool,      // urllib3's connection pool (requests): a pooled connection, with block=True
};
QString
clientWaitName(ClientWait wait); // "none", "semaphore", "connector", "pool": the file format
std::optional<ClientWait> clientWaitFromName(const QString &name);

// One wait: from when the request began waiting to when it got what it waited for. `to` is
// kUnset when it never got it (it timed out, or is still waiting).
struct ClientWaitSpan {
    ClientWait what = ClientWait::None;
    Nanos from = kUnset, to = kUnset;
    int limit =
        0; // the semaphore's initial value, the connector's limit, the pool's size; 0 unknown
    bool waited() const { return what != ClientWait::None && from != kUnset && to != from; }
    bool operator==(const ClientWaitSpan &) const = default;
};

struct ClientSide {
    QString library;  // "aiohttp", "requests"; "asyncio" for a task still waiting for its
                      // semaphore (its request not begun); "" when no client event described it
    QString task;     // its asyncio task, unique in the session ("4242:140001"); "" outside one
    QString taskName; // the task's own name ("Task-7")
    ClientWaitSpan semaphore;  // what=Semaphore when it ran under one (waited or not)
    ClientWaitSpan connection; // what=Connector or Pool when it queued for a connection
    double timeoutS = 0;       // the client's total timeout in seconds; 0 none or unknown
    bool traced() const { return !library.isEmpty(); }
    bool operator==(const ClientSide &) const = default;
};

} // namespace reqlanes
