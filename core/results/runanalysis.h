// What one snapshot of a run means, computed once and read by every view (heaptrack's parser
// idea): the spans and lanes of the grouping shown, the statistics, the counts strip's series
// and the findings. The window's plot, strip, stats panel and caption all read one RunAnalysis
// instead of each copying the run and computing its own; exports and the CLI may use it too.
//
// RunAnalyzer keeps the last analysis and brings it up to the next snapshot of the same run
// incrementally where that pays: by request (one lane per request, the window's default) only the
// requests whose record changed since the last frame are cut into spans again
// (updateRequestSpans); other groupings are rebuilt whole. Findings of a big live run are
// refreshed at most every kFindingsInterval (explaining 100k requests costs a frame), small runs'
// every frame so the caption never lags the plot.
#pragma once

#include "model/run.h"
#include "results/findings.h"
#include "results/lanelayout.h"
#include "results/runstats.h"
#include "results/timelinespans.h"

#include <memory>
#include <vector>

namespace reqlanes {

struct RunAnalysis {
    Run run; // the snapshot analysed
    LaneGrouping grouping = LaneGrouping::Request;
    TimelineSpans spans; // for `grouping`
    // The lanes (their number, labels and keys) differ from the analysis before: views that
    // label lanes relabel only then.
    bool lanesChanged = true;
    int rowsRebuilt = 0; // rows cut again for this snapshot; all of them unless incremental
    RunStats stats;
    std::vector<Step> inFlight;    // clientInFlight(run): the strip's requests on the wire
    std::vector<Step> busyWorkers; // busyServerWorkers(run): the strip's busy server workers
    // explainRun, most important first: of this snapshot, or for a big live run of one at most
    // RunAnalyzer::kFindingsInterval older.
    std::vector<Finding> findings;
};

class RunAnalyzer {
public:
    static constexpr int kThrottleFindingsAbove = 2000; // requests
    static constexpr Nanos kFindingsInterval = 250'000'000;

    explicit RunAnalyzer(LaneGrouping grouping = LaneGrouping::Request);

    // Analyses `run` (a live snapshot, or a finished or loaded run). A later snapshot of the run
    // analysed last is analysed incrementally. The returned analysis is shared with the views and
    // updated in place by the next analyze() or setGrouping(): read it on each notification.
    // At 100k requests a copy of the run costs a few milliseconds: the analysis keeps its own,
    // assigned in place (no allocation) or moved in.
    const std::shared_ptr<const RunAnalysis> &analyze(const Run &run);
    const std::shared_ptr<const RunAnalysis> &analyze(Run &&run);
    // The same run in another grouping (spans and lanes rebuilt; the rest kept).
    const std::shared_ptr<const RunAnalysis> &setGrouping(LaneGrouping grouping);
    LaneGrouping grouping() const { return m_grouping; }
    // Whether analyses carry findings (on by default); a plot of its own needs none.
    void setExplaining(bool explaining) { m_explaining = explaining; }
    const std::shared_ptr<const RunAnalysis> &current() const { return m_shared; }

private:
    template <typename AnyRun> const std::shared_ptr<const RunAnalysis> &take(AnyRun &&run);
    void rebuildSpans(const TimelineSpans *previous);
    void refreshFindings(bool sameRun);

    LaneGrouping m_grouping;
    std::shared_ptr<RunAnalysis> m_analysis;
    std::shared_ptr<const RunAnalysis> m_shared; // the same object, as the views see it
    bool m_analysed = false;
    bool m_explaining = true;
    std::int64_t m_findingsAt = 0; // steady clock, when the findings were last explained
};

// Lane lists equal in number, labels and keys: a view's lane labels still hold.
bool sameLanes(const TimelineSpans &a, const TimelineSpans &b);

} // namespace reqlanes
