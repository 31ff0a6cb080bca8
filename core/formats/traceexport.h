// Chrome Trace Event Format (opens in Perfetto and chrome://tracing): one tid per lane with
// process_name / thread_name metadata, each request's phases as nested complete ("X") events,
// and an in-flight counter track. No event has ts < 0 (Perfetto drops those): server phases are
// clamped into their request's own time, and otherData says how many were ("note",
// "clamped_server_phases").
#pragma once

#include "model/run.h"

#include <QByteArray>

namespace reqlanes {

QByteArray runToChromeTrace(const Run &run);

} // namespace reqlanes
