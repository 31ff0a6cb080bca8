// Writes any run or watch session as HAR 1.2 (valid against the published schema kept in
// tests/core/formats/har/schema/), so a reqlanes run opens in browsers' developer tools and HAR
// viewers. One row of the formats table: `reqlanes-cli --har FILE`, File → Export HAR.
//
// One entry per request that was created, one page for the run. Timings are milliseconds with
// microsecond digits, taken from phases rounded to the microsecond so that re-opening gives the
// same phases within 1 µs: blocked = created -> connect start (everything before connecting, the
// slot wait included), dns = -1 (resolved once per run), connect, send, wait = sent -> first byte,
// receive; -1 for a phase the request never reached. What HAR has no field for goes in
// `_reqlanes` (ms after startedDateTime: acquired, serverAccept, serverStart, serverEnd; status;
// worker), and Server-Timing / X-Worker response headers as the server sent them. A failed
// request has status 0 and `_error`, as browsers write it.
#pragma once

#include "model/run.h"

#include <QByteArray>

namespace reqlanes {

QByteArray runToHar(const Run &run);

} // namespace reqlanes
