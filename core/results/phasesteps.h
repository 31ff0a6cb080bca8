// Stepping through a run one event at a time, for the presenter's ← / → keys: the next or
// previous moment any request changed phase. Pure functions over a Run; the app seeks there.
#pragma once

#include "model/run.h"

namespace reqlanes {

// The earliest phase timestamp of any request strictly after `after` (ns since the run's start),
// or kUnset when nothing happens later.
Nanos nextPhaseChange(const Run &run, Nanos after);
// The latest phase timestamp of any request strictly before `before`, or kUnset when nothing
// happened earlier.
Nanos previousPhaseChange(const Run &run, Nanos before);

} // namespace reqlanes
