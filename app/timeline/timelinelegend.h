// What the timeline's legend lists and how: one entry per phase colour that is actually visible,
// the slot wait named after what the strategy waits for (never "a slot" where there is none),
// plus "failed", "cancelled" and lifecycle marks when the run has them. Shared by TimelinePlot
// and ComparePlot so both explain their colours the same way.
#pragma once

#include "results/timelinespans.h"
#include "run/strategy.h"
#include "style/theme.h"

#include <qcustomplot.h>

namespace reqlanes {

// A bit per legend entry: bits 0..kSpanKindCount-1 are the phases.
namespace legendcontent {
inline constexpr unsigned kFailed = 1u << kSpanKindCount;
inline constexpr unsigned kCancelled = kFailed << 1;
inline constexpr unsigned kMarks = kFailed << 2;
inline constexpr unsigned kStacked = kFailed << 3; // a lane split into sub-rows (event loop)
} // namespace legendcontent

// What a legend lists: its entries, and for the slot-wait colour the names of what was waited for
// (a comparison can show a semaphore wait and a pool-thread wait side by side).
struct LegendContent {
    unsigned entries = 0; // legendcontent:: bits
    unsigned waits = 0;   // a bit per StrategyInfo::Slot whose wait is drawn
    LegendContent &operator|=(const LegendContent &other) {
        entries |= other.entries;
        waits |= other.waits;
        return *this;
    }
    bool operator==(const LegendContent &) const = default;
};

// The entries these spans need. A phase counts once some span of it is wide enough to see
// (0.4% of the time shown, a few pixels): colours nobody can find on the slide only distract.
// The slot wait is named after `slot`, what the run's requests waited for (slotOf(run)).
// `shownS` is the time axis's length in seconds; 0 means the spans' own end.
LegendContent legendContent(const TimelineSpans &spans, StrategyInfo::Slot slot, double shownS = 0);

// Appends the entries for `content` to `legend`.
void addLegendEntries(QCPLegend *legend, const LegendContent &content, const Theme &theme);

// Fonts, icon size and spacing of a legend laid out as one wrapped row above a plot.
void styleLegend(QCPLegend *legend, const Theme &theme);

// Wraps the entries into as few rows as fit `width` pixels, so no entry is squeezed and cut off
// on a narrow slide or window. Call again after the entries or the width change.
void wrapLegendToWidth(QCPLegend *legend, int width);

} // namespace reqlanes
