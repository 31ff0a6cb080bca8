// The line protocol between the processes strategy (WorkerPool) and its reqlanes-worker
// processes: what each side may say, the encoder both use, and a strict decoder both run on
// every line they read, so a confused or hostile peer is rejected with a reason instead of
// being half-understood. The fuzz target fuzz_worker_protocol drives the decoders.
//
// Grammar (one message per line, ending in '\n'; at most kMaxLineBytes before it; fields are
// runs of printable ASCII 0x21..0x7E separated by exactly one space; numbers are canonical
// decimal: no '+', no leading zeros, '-' only where a negative value is allowed):
//
//   parent -> worker
//     RLW2 job <id> <generation> <timeout_ms> <url>
//                                            id 0..kMaxRequests-1, generation 0..2^32-1 (the
//                                            run's: X-Request-Id is g<generation>-<id>),
//                                            timeout_ms 1..kMaxTimeoutMs, url 1..kMaxUrlBytes bytes
//     RLW2 quit                              finish up and exit 0 (EOF on stdin means the same)
//   worker -> parent
//     RLW2 hello <pid> <tid> <steady_ns>     once, first: the worker is ready for jobs
//     RLW2 phase <id> <phase> <steady_ns>    phase: connect_start..done (never created/acquired)
//     RLW2 done <id> <status> <http> <server_worker> <error>
//                                            status: ok..protocol_error (never pending),
//                                            http 0..999, server_worker -1..32767
//     RLW2 fatal <error>                     the worker rejected its input and is exiting
//
// pid, tid 1..2^31-1; steady_ns 0..2^63-1 is absolute steady_clock (CLOCK_MONOTONIC) time,
// shared by all processes. <error> is "-" for none, else the UTF-8 text percent-encoded: every
// byte outside 0x21..0x7E and '%' itself as %XX (upper-case hex), and the text "-" as %2D.
// Encodings are canonical: decoding then encoding an accepted line gives the same bytes.
#pragma once

#include "model/requestrecord.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace reqlanes::workerprotocol {

inline constexpr std::string_view kVersion = "RLW2";
inline constexpr std::size_t kMaxLineBytes = 4096;
inline constexpr std::size_t kMaxUrlBytes = 2048;
// Longer error texts are cut (at a UTF-8 boundary) by the encoder so every line fits.
inline constexpr std::size_t kMaxErrorBytes = 1000;

// Parent -> worker.
struct JobMessage {
    int id = 0;
    std::uint32_t generation = 0; // the run's (runrequestid.h), so the worker's request is its own
    int timeoutMs = 0;
    QByteArray url; // "http://127.0.0.1:8080/", already percent/ACE-encoded
    bool operator==(const JobMessage &) const = default;
};
struct QuitMessage {
    bool operator==(const QuitMessage &) const = default;
};
using ParentMessage = std::variant<JobMessage, QuitMessage>;

// Worker -> parent.
struct HelloMessage {
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::int64_t steadyNs = 0;
    bool operator==(const HelloMessage &) const = default;
};
struct PhaseMessage {
    int id = 0;
    Phase phase = Phase::ConnectStart;
    std::int64_t steadyNs = 0;
    bool operator==(const PhaseMessage &) const = default;
};
struct DoneMessage {
    int id = 0;
    RequestStatus status = RequestStatus::Ok;
    int httpStatus = 0;
    int serverWorker = -1;
    QString error;
    bool operator==(const DoneMessage &) const = default;
};
struct FatalMessage {
    QString error;
    bool operator==(const FatalMessage &) const = default;
};
using WorkerMessage = std::variant<HelloMessage, PhaseMessage, DoneMessage, FatalMessage>;

// Empty if `url` can travel in a job line, else why not.
QString checkJobUrl(const QByteArray &url);

// One complete line including the trailing '\n'. Values must be in the ranges above (a job's
// url checked with checkJobUrl); error texts are cut to kMaxErrorBytes.
QByteArray encodeLine(const ParentMessage &message);
QByteArray encodeLine(const WorkerMessage &message);

// `line` without its '\n'. nullopt and a reason ("unknown verb 'foo'") for anything that is not
// exactly one well-formed message of this protocol version.
std::optional<ParentMessage> decodeParentLine(std::string_view line, QString *error = nullptr);
std::optional<WorkerMessage> decodeWorkerLine(std::string_view line, QString *error = nullptr);

} // namespace reqlanes::workerprotocol
