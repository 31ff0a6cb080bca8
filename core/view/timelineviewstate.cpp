#include "view/timelineviewstate.h"

#include <algorithm>
#include <cmath>

namespace reqlanes {

void TimelineViewState::setContent(const TimelineContent &content) {
    m_content = content;
    if (m_userMoved) {
        m_time = clampInto(m_time, wholeTimeRange(), kMinTimeSpanS);
        m_lanes = clampInto(m_lanes, wholeLaneRange(), kMinLaneSpan);
    } else {
        fit();
    }
}

void TimelineViewState::startRun(const TimelineContent &content) {
    m_userMoved = false;
    setContent(content);
}

void TimelineViewState::showWholeRun() {
    m_userMoved = false;
    fit();
}

void TimelineViewState::setTimeRange(const ViewRange &seconds) {
    if (!std::isfinite(seconds.lower) || !std::isfinite(seconds.upper))
        return;
    m_userMoved = true;
    const ViewRange ordered{std::min(seconds.lower, seconds.upper),
                            std::max(seconds.lower, seconds.upper)};
    m_time = clampInto(ordered, wholeTimeRange(), kMinTimeSpanS);
}

void TimelineViewState::setLaneRange(const ViewRange &lanes) {
    if (!std::isfinite(lanes.lower) || !std::isfinite(lanes.upper))
        return;
    m_userMoved = true;
    const ViewRange ordered{std::min(lanes.lower, lanes.upper), std::max(lanes.lower, lanes.upper)};
    m_lanes = clampInto(ordered, wholeLaneRange(), kMinLaneSpan);
}

void TimelineViewState::zoomTime(double factor, double aroundS) {
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    setTimeRange(
        {aroundS - (aroundS - m_time.lower) * factor, aroundS + (m_time.upper - aroundS) * factor});
}

void TimelineViewState::zoomLanes(double factor, double aroundLane) {
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    setLaneRange({aroundLane - (aroundLane - m_lanes.lower) * factor,
                  aroundLane + (m_lanes.upper - aroundLane) * factor});
}

ViewRange TimelineViewState::wholeTimeRange() const {
    double upper = std::max(m_content.endS * kEndPadding, 0.01);
    if (m_content.live)
        // Room up to the ideal makespan, so bars grow towards the marker instead of the axis
        // rescaling every frame.
        upper = std::max(
            {upper, m_content.nowS * kLivePadding, m_content.idealS * kLivePadding, kMinLiveSpanS});
    return {0, upper};
}

ViewRange TimelineViewState::wholeLaneRange() const {
    return {0, double(std::max(1, m_content.laneCount))};
}

void TimelineViewState::fit() {
    m_time = wholeTimeRange();
    m_lanes = wholeLaneRange();
}

// Keeps the span (at least minSpan, at most the bounds') and slides the range inside the bounds,
// so a pan past the end stops at the end instead of squeezing the view.
ViewRange TimelineViewState::clampInto(ViewRange range, const ViewRange &bounds, double minSpan) {
    const double span = std::clamp(range.size(), std::min(minSpan, bounds.size()), bounds.size());
    if (span != range.size()) { // resized about its centre; an in-range view is left exact
        const double centre = (range.lower + range.upper) / 2;
        range.lower = centre - span / 2;
        range.upper = centre + span / 2;
    }
    if (range.lower < bounds.lower) {
        range.lower = bounds.lower;
        range.upper = bounds.lower + span;
    }
    if (range.upper > bounds.upper) {
        range.upper = bounds.upper;
        range.lower = bounds.upper - span;
    }
    return range;
}

} // namespace reqlanes
