// The app's non-interactive modes, for generating a deck or README shots from a script:
// export (run or open a scenario, render the timeline offscreen, write PNG/SVG/PDF) and
// screenshot (show the real window, run, grab it once the run has ended).
#pragma once

#include "appoptions.h"

namespace reqlanes {

// Both return the process exit code: 0 written, 1 the run or the export failed.
int runScriptedExport(const AppOptions &options);
int runScreenshot(const AppOptions &options); // needs a running QApplication event loop
} // namespace reqlanes
