// Findings only a recording from elsewhere has (a HAR file: model/recording.h): what it could
// not say (no connection ids, so no connection lanes; no Server-Timing, so the server's queue and
// work are one wait...) and a browser's connections-per-host cap. explainRun() adds them, so the
// caption, `--explain` and `--summary-json` say them with the rest.
#pragma once

#include "model/run.h"
#include "results/findings.h"

#include <vector>

namespace reqlanes {

// Browsers' HTTP/1.1 connections per host (Chrome, Firefox, Safari alike).
inline constexpr int kBrowserConnectionsPerHost = 6;

void addRecordingNotes(const Run &run, Nanos threshold, std::vector<Finding> &out);

} // namespace reqlanes
