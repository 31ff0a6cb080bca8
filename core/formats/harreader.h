// Opens HAR 1.2 files (HTTP Archive: what browsers' developer tools, proxies and test tools save)
// as a Run, so a browser's page load is drawn like a run of ours. One row of the formats table
// (fileformats.cpp) reads through it: `reqlanes-cli --open x.har` and the app's File → Open.
//
// Each entry becomes a request on one clock, nanoseconds since the earliest `startedDateTime`
// (of the entries and pages); requests are ordered by start. Its `timings` (milliseconds; -1,
// null or absent = did not happen) map onto phases:
//   created = startedDateTime; blocked -> acquired (the slot wait: Chrome's queueing and
//   stalled); dns + connect -> connect start .. connected (ssl is inside connect, HAR 1.2 §
//   timings; a producer that counts it outside, e.g. mitmproxy, is recognised by `time`);
//   send -> sent; wait -> first byte; receive -> done.
// The server's queue and work stay unknown unless the response has a Server-Timing header
// (queue;dur, app;dur) or the entry reqlanes' own `_reqlanes` extras (harwriter.h). Status 0 or
// an `_error` is a failed request. `connection` fills Run::connections (and origins: connection,
// "METHOD URL"), unless it is only the server's port. What could not be known is listed in
// Run::recording.gaps.
//
// Tolerant of what real producers write (a UTF-8 BOM, entries out of order, missing optional
// fields, fractional and small negative milliseconds); strict about the rest, with errors that
// say where: "line 3, column 17: ..." for JSON syntax, "log.entries[12].timings.wait: expected
// a number" for structure. Entries are parsed one at a time (JsonOutline): memory is the text
// plus the run, not a document tree of the whole file.
#pragma once

#include "model/run.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace reqlanes {

// Called now and then while entries are read: how many bytes of how many. For progress only.
using HarProgress = std::function<void(qsizetype done, qsizetype total)>;

std::optional<Run> runFromHar(const QByteArray &bytes, QString *error,
                              const HarProgress &progress = {});

// "line L, column C" (both from 1) of a byte offset into UTF-8 text; columns count characters.
QString lineAndColumn(const QByteArray &text, qsizetype offset);

} // namespace reqlanes
