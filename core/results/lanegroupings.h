// The table of lane groupings: one row per way of grouping a run's records into lanes. The app's
// lane combo, `reqlanes --lanes` and `reqlanes-cli --lanes` all read it, so adding a grouping is
// one layout function (results/lanelayout.h) plus one row in lanegroupings.cpp.
#pragma once

#include "results/lanelayout.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace reqlanes {

// Which runs a grouping means something for. A watch session's connections and client programs
// exist only there; a strategy run of ours has neither, and its lanes would be empty. A run read
// from OpenTelemetry traces has services, hosts and traces, but no threads or server workers; a
// recording from elsewhere (a HAR file) has hosts and maybe connections, but no threads or
// workers either.
enum class RunKind : unsigned { StrategyRun = 1, WatchSession = 2, TracedRun = 4, Recording = 8 };
inline constexpr unsigned kEveryRunKind = 1 | 2 | 4 | 8;
// A recording names its format (Run::recording); a watch session ("watch", connections recorded)
// has no strategy of ours; a traced run has strategy "otlp" (formats/otlprun.h); a strategy run
// (live, finished or loaded) names one.
RunKind runKindOf(const Run &run);

struct LaneGroupingInfo {
    QString id;    // the word users type: "request", "thread", ...; unique
    QString label; // for menus, English, translatable in context "LaneGrouping"
    LaneLayout (*layout)(const Run &run) = nullptr;
    unsigned appliesTo = unsigned(RunKind::StrategyRun) | unsigned(RunKind::WatchSession);
    // (Rows for recordings say so: most of what reqlanes records, a browser's HAR does not.)

    bool appliesToKind(RunKind kind) const { return (appliesTo & unsigned(kind)) != 0; }
};

// In menu order; a row's index is its LaneGrouping value.
const std::vector<LaneGroupingInfo> &laneGroupings();
// The row of a grouping, or nullptr for a value outside the table.
const LaneGroupingInfo *laneGroupingInfo(LaneGrouping grouping);
// The rows that apply to runs of `kind`, as LaneGrouping values in table order: what a lane
// switch offers for such a run.
std::vector<LaneGrouping> laneGroupingsFor(RunKind kind);
// `wanted` when it applies to runs of `run`'s kind, else by request: runs of different kinds side
// by side (a traced script's session beside a built-in strategy, by asyncio task) each get lanes.
LaneGrouping groupingFor(const Run &run, LaneGrouping wanted);
// Every id in table order, e.g. for "--lanes must be request, thread, process or worker".
QStringList laneGroupingIds();
// "request, thread, process or worker": the ids as words for help and error texts.
QString laneGroupingChoices();

} // namespace reqlanes
