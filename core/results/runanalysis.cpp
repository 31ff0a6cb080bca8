#include "results/runanalysis.h"

#include "model/clock.h"
#include "model/watchsession.h"

#include <chrono>
#include <optional>

#include <utility>

namespace reqlanes {

namespace {

// A later snapshot of the same run: the same start and scenario (TimelinePlot's rule too).
bool sameRun(const Run &a, const Run &b) {
    return a.startedAt == b.startedAt && sameRunScenario(a.scenario, b.scenario) &&
           a.error == b.error;
}

// sameLanes without the row count.
bool sameLaneList(const TimelineSpans &a, const TimelineSpans &b) {
    if (a.lanes.size() != b.lanes.size())
        return false;
    for (std::size_t i = 0; i < a.lanes.size(); ++i) {
        const TimelineLane &x = a.lanes[i], &y = b.lanes[i];
        if (x.rowCount != y.rowCount || x.stacked != y.stacked || x.request != y.request ||
            x.key != y.key || x.label != y.label)
            return false;
    }
    return true;
}

} // namespace

bool sameLanes(const TimelineSpans &a, const TimelineSpans &b) {
    return a.rows.size() == b.rows.size() && sameLaneList(a, b);
}

RunAnalyzer::RunAnalyzer(LaneGrouping grouping)
    : m_grouping(grouping)
    , m_analysis(std::make_shared<RunAnalysis>())
    , m_shared(m_analysis) {
    m_analysis->grouping = grouping;
}

RunAnalyzer::~RunAnalyzer() {
    if (m_findingsJob.valid())
        m_findingsJob.wait();
}

const std::shared_ptr<const RunAnalysis> &RunAnalyzer::analyze(const Run &run,
                                                               const RunChanges *changes) {
    return take(run, changes);
}

const std::shared_ptr<const RunAnalysis> &RunAnalyzer::analyze(Run &&run) {
    return take(std::move(run), nullptr);
}

template <typename AnyRun>
const std::shared_ptr<const RunAnalysis> &RunAnalyzer::take(AnyRun &&run,
                                                            const RunChanges *changes) {
    RunAnalysis &analysis = *m_analysis;
    const bool laterSnapshot = m_analysed && sameRun(analysis.run, run);
    if (!laterSnapshot)
        ++m_generation; // another run: its findings are its own
    const bool same = laterSnapshot && analysis.grouping == m_grouping && !analysis.run.finished;
    // The changes apply to the snapshot held: copy in what they name and what was added, no more.
    const bool applies = laterSnapshot && changes && !changes->whole &&
                         changes->source == m_series && changes->from == m_snapshot;
    m_series = changes ? changes->source : 0;
    m_snapshot = changes ? changes->to : 0;
    // The records held that differ from the new ones (those past the held count are new rows).
    const std::vector<int> *changed = applies ? &changes->requests : nullptr;
    int rebuilt = -1;
    const std::size_t lanesBefore = analysis.spans.lanes.size();
    const std::size_t rowsBefore = analysis.spans.rows.size();
    std::optional<LaneLayout> layout; // other groupings' lanes for this snapshot, once computed
    if (same && m_grouping == LaneGrouping::Request) {
        rebuilt = updateRequestSpans(analysis.spans, analysis.run, run, changed);
    } else if (same && growOpenEnds(analysis.spans, analysis.run, run, changed)) {
        rebuilt = 0; // other groupings: a frame in which only time moved on
    } else if (same) {
        layout = layoutLanes(run, m_grouping);
        rebuilt = updatePlacedSpans(analysis.spans, *layout, analysis.run, run, changed);
    }
    // The strip's series depend on the records and the outside requests only (an open span stays
    // open to the series' end, whatever "now" is): a frame that changed neither keeps them. At
    // 100k requests in flight that is most frames, and 3 ms each.
    const bool seriesHold = changed && changed->empty() &&
                            analysis.run.requests.size() == run.requests.size() &&
                            analysis.run.outsideRequests == run.outsideRequests;
    if (applies)
        applyRunChanges(analysis.run, run, *changes);
    else
        analysis.run = std::forward<AnyRun>(run);
    gatherFindingsChanges(changes, applies);
    if (rebuilt >= 0) {
        analysis.rowsRebuilt = rebuilt;
        // A growing watch session's new requests got lanes of their own; a stacked lane may
        // have got sub-rows.
        analysis.lanesChanged =
            analysis.spans.lanes.size() != lanesBefore || analysis.spans.rows.size() != rowsBefore;
    } else {
        TimelineSpans previous = std::move(analysis.spans);
        rebuildSpans(m_analysed ? &previous : nullptr, layout ? &*layout : nullptr);
    }
    if (!seriesHold) {
        analysis.inFlight = clientInFlight(analysis.run);
        analysis.busyWorkers = busyServerWorkers(analysis.run);
    }
    analysis.stats = computeStats(analysis.run, analysis.inFlight);
    refreshFindings();
    m_analysed = true;
    return m_shared;
}

const std::shared_ptr<const RunAnalysis> &RunAnalyzer::setGrouping(LaneGrouping grouping) {
    if (grouping == m_grouping)
        return m_shared;
    m_grouping = grouping;
    TimelineSpans previous = std::move(m_analysis->spans);
    rebuildSpans(&previous, nullptr);
    return m_shared;
}

void RunAnalyzer::rebuildSpans(TimelineSpans *previous, const LaneLayout *layout) {
    RunAnalysis &analysis = *m_analysis;
    analysis.grouping = m_grouping;
    // The previous rows lend their allocations; sameLanes needs only their number.
    const std::size_t rowsBefore = previous ? previous->rows.size() : 0;
    std::vector<TimelineRow> recycled =
        previous ? std::move(previous->rows) : std::vector<TimelineRow>{};
    analysis.spans = layout ? buildTimelineSpans(analysis.run, *layout, std::move(recycled))
                            : buildTimelineSpans(analysis.run, m_grouping, std::move(recycled));
    analysis.rowsRebuilt = analysis.spans.rowCount();
    analysis.lanesChanged = !previous || rowsBefore != analysis.spans.rows.size() ||
                            !sameLaneList(*previous, analysis.spans);
}

void RunAnalyzer::refreshFindings() {
    RunAnalysis &analysis = *m_analysis;
    if (!m_explaining) {
        analysis.findings.clear();
        return;
    }
    const bool jobReady =
        m_findingsJob.valid() &&
        m_findingsJob.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    if (jobReady) {
        std::vector<Finding> findings = m_findingsJob.get();
        if (m_jobGeneration == m_generation) {
            analysis.findings = std::move(findings);
            m_findingsGeneration = m_jobGeneration;
        }
    }
    const bool big = int(analysis.run.requests.size()) > kThrottleFindingsAbove;
    if (!big || analysis.run.finished) {
        analysis.findings =
            analysis.run.requests.empty() ? std::vector<Finding>{} : explainRun(analysis.run);
        m_findingsGeneration = m_generation;
        return;
    }
    if (m_findingsGeneration != m_generation)
        analysis.findings.clear(); // none yet rather than another run's
    const std::int64_t now = steadyNowNs();
    if (m_findingsJob.valid() ||
        (m_findingsGeneration == m_generation && now - m_findingsAt < kFindingsInterval))
        return;
    m_findingsAt = now;
    m_jobGeneration = m_generation;
    updateFindingsRun();
    m_findingsJob =
        std::async(std::launch::async, [run = &m_findingsRun] { return explainRun(*run); });
}

void RunAnalyzer::gatherFindingsChanges(const RunChanges *changes, bool applied) {
    if (!applied) {
        m_findingsRunWhole = true;
        return;
    }
    if (m_findingsRunWhole)
        return;
    const auto mark = [](const std::vector<int> &changed, std::vector<char> &marked,
                         std::vector<int> &gathered, std::size_t known) {
        for (const int index : changed) {
            if (std::size_t(index) >= known)
                continue; // added since the job's copy: copied as such
            if (marked.size() < known)
                marked.resize(known, 0);
            if (!marked[std::size_t(index)]) {
                marked[std::size_t(index)] = 1;
                gathered.push_back(index);
            }
        }
    };
    mark(changes->requests, m_findingsRequestMarked, m_findingsChanges.requests,
         m_findingsRun.requests.size());
    mark(changes->connections, m_findingsConnectionMarked, m_findingsChanges.connections,
         m_findingsRun.connections.size());
}

void RunAnalyzer::updateFindingsRun() {
    const Run &run = m_analysis->run;
    m_findingsChanges.whole = m_findingsRunWhole;
    applyRunChanges(m_findingsRun, run, m_findingsChanges);
    m_findingsRunWhole = false;
    m_findingsChanges.requests.clear();
    m_findingsChanges.connections.clear();
    m_findingsRequestMarked.assign(m_findingsRun.requests.size(), 0);
    m_findingsConnectionMarked.assign(m_findingsRun.connections.size(), 0);
}

} // namespace reqlanes
