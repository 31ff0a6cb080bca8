// Plain-words text about a run, shared by the timeline caption, tooltips, the status bar, the
// comparison labels and exports, so every place says the same thing the same way.
#pragma once

#include "formats/fileformats.h"
#include "model/run.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/strategy.h"

#include <QString>

namespace reqlanes {

// "Thread per request (threads)"
QString runTitle(const Run &run);
// "N 9 · limit 3 · 3 sync workers · latency 1000 ms · makespan 3.02 s (ideal 3.00 s)"
QString runCaption(const Run &run, const RunStats &stats);
// Hover text for request `id` of `run`: its name (a watched client's X-Request-Id, else "request
// K"), status, placement (in a watch session its target, connection and client process with its
// whole command line) and each phase in ms, named and coloured as the timeline draws them (its
// slot wait, what counts as queued).
QString describeRequest(const Run &run, int id);
// What core names in English and the window shows in the user's language (core marks these
// strings with QT_TRANSLATE_NOOP; the CLI keeps them English): a phase ("SpanKind"), a
// strategy's name and description ("Strategy").
QString spanKindText(SpanKind kind);
// The slot wait's name for what was waited for (core's slotWaitLabel): "waiting for a pool thread".
QString slotWaitText(StrategyInfo::Slot slot);
QString strategyText(const QString &english);
// A lane's label in the user's language: core's "request 3", "thread 2", "process 812",
// "worker 0" (recognised by the lane's key); any other label (watch lanes) as it is.
QString laneLabelText(const TimelineLane &lane);
// A file format's title ("Chrome trace") and file dialog filter in the user's language.
QString formatTitleText(const FileFormat &format);
QString formatFilterText(const FileFormat &format);
// "1.23 s" / "850 ms": durations as people read them.
QString formatSeconds(double seconds);

} // namespace reqlanes
