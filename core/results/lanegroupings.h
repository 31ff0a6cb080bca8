// The table of lane groupings: one row per way of grouping a run's records into lanes. The app's
// lane combo, `reqlanes --lanes` and `reqlanes-cli --lanes` all read it, so adding a grouping is
// one layout function (results/lanelayout.h) plus one row in lanegroupings.cpp.
#pragma once

#include "results/lanelayout.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace reqlanes {

struct LaneGroupingInfo {
    QString id;    // the word users type: "request", "thread", ...; unique
    QString label; // for menus, English, translatable in context "LaneGrouping"
    LaneLayout (*layout)(const Run &run) = nullptr;
};

// In menu order; a row's index is its LaneGrouping value.
const std::vector<LaneGroupingInfo> &laneGroupings();
// The row of a grouping, or nullptr for a value outside the table.
const LaneGroupingInfo *laneGroupingInfo(LaneGrouping grouping);
// Every id in table order, e.g. for "--lanes must be request, thread, process or worker".
QStringList laneGroupingIds();
// "request, thread, process or worker": the ids as words for help and error texts.
QString laneGroupingChoices();

} // namespace reqlanes
