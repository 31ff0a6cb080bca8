// What one snapshot of a run means, computed once and read by every view (heaptrack's parser
// idea): the spans and lanes of the grouping shown, the statistics, the counts strip's series
// and the findings. The window's plot, strip, stats panel and caption all read one RunAnalysis
// instead of each copying the run and computing its own; exports and the CLI may use it too.
//
// RunAnalyzer keeps the last analysis and brings it up to the next snapshot of the same run
// incrementally where that pays: by request (one lane per request, the window's default) only the
// requests whose record changed since the last frame are cut into spans again
// (updateRequestSpans); other groupings are rebuilt whole. Small runs' findings are explained
// every frame so the caption never lags the plot. Explaining 100k requests takes several frames,
// so a big live run's findings are explained on a worker thread, from a copy of a snapshot at most
// every kFindingsInterval, and shown from the frame after they are ready; a finished run's are
// explained at once. A job's findings are never shown with another run's snapshot.
#pragma once

#include "model/run.h"
#include "results/findings.h"
#include "results/lanelayout.h"
#include "results/runstats.h"
#include "results/timelinespans.h"

#include <future>
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
    // explainRun, most important first: of this snapshot, or for a big live run of an earlier
    // snapshot of the same run (about RunAnalyzer::kFindingsInterval older, or none yet).
    std::vector<Finding> findings;
};

class RunAnalyzer {
public:
    static constexpr int kThrottleFindingsAbove = 2000; // requests
    static constexpr Nanos kFindingsInterval = 250'000'000;

    explicit RunAnalyzer(LaneGrouping grouping = LaneGrouping::Request);
    ~RunAnalyzer(); // waits for a findings job still running (it takes at most a few frames)
    RunAnalyzer(const RunAnalyzer &) = delete;
    RunAnalyzer &operator=(const RunAnalyzer &) = delete;

    // Analyses `run` (a live snapshot, or a finished or loaded run). A later snapshot of the run
    // analysed last is analysed incrementally. The returned analysis is shared with the views and
    // updated in place by the next analyze() or setGrouping(): read it on each notification.
    // At 100k requests a copy of the run costs a few milliseconds: the analysis keeps its own,
    // assigned in place (no allocation) or moved in.
    // `changes`: what changed since the snapshot before (RunChanges: a strategy run's from
    // RunSession, a growing watch session's from WatchController). When the analysis holds that
    // snapshot, only what they name is copied in and compared: at 100k requests that is most of
    // a frame's copying, and a frame in which nothing changed keeps the strip's series too.
    const std::shared_ptr<const RunAnalysis> &analyze(const Run &run,
                                                      const RunChanges *changes = nullptr);
    const std::shared_ptr<const RunAnalysis> &analyze(Run &&run);
    // The same run in another grouping (spans and lanes rebuilt; the rest kept).
    const std::shared_ptr<const RunAnalysis> &setGrouping(LaneGrouping grouping);
    LaneGrouping grouping() const { return m_grouping; }
    // Whether analyses carry findings (on by default); a plot of its own needs none.
    void setExplaining(bool explaining) { m_explaining = explaining; }
    const std::shared_ptr<const RunAnalysis> &current() const { return m_shared; }

private:
    template <typename AnyRun>
    const std::shared_ptr<const RunAnalysis> &take(AnyRun &&run, const RunChanges *changes);
    // Its rows are recycled; `layout`: the lanes already laid out for this snapshot, if they were.
    void rebuildSpans(TimelineSpans *previous, const LaneLayout *layout);
    void refreshFindings();

    LaneGrouping m_grouping;
    std::shared_ptr<RunAnalysis> m_analysis;
    std::shared_ptr<const RunAnalysis> m_shared; // the same object, as the views see it
    bool m_analysed = false;
    bool m_explaining = true;
    std::int64_t m_findingsAt = 0; // steady clock, when the findings were last explained
    // A big live run's findings being explained on a worker thread, and of which run (by
    // generation: it goes up with every other run analysed).
    std::future<std::vector<Finding>> m_findingsJob;
    std::uint64_t m_generation = 0, m_jobGeneration = 0;
    std::uint64_t m_findingsGeneration = 0; // of the run whose findings the analysis holds
    // The analysed run is snapshot m_snapshot of series m_series (RunChanges); 0: of none.
    std::uint64_t m_series = 0, m_snapshot = 0;
    // The findings job's own copy of the run, kept between jobs and brought up to date by the
    // changes gathered since the last job (copying 100k requests whole for each job, on the
    // frame that starts it, made every fifteenth frame a slow one). Touched only while no job
    // runs.
    Run m_findingsRun;
    bool m_findingsRunWhole = true; // copy it whole for the next job
    RunChanges m_findingsChanges;   // since its last update: requests and connections changed
    std::vector<char> m_findingsRequestMarked, m_findingsConnectionMarked;
    void gatherFindingsChanges(const RunChanges *changes, bool applied);
    void updateFindingsRun();
};

// Lane lists equal in number, labels and keys: a view's lane labels still hold.
bool sameLanes(const TimelineSpans &a, const TimelineSpans &b);

} // namespace reqlanes
