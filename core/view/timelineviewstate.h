// What part of a run the timeline shows: the visible time range (seconds since the run's start)
// and lane range (lane indices, lane k spans [k, k+1)), and whether the view follows "now" while a
// run is live. Like Qt Creator's TimelineZoomControl it is plain state with rules and no
// drawing: TimelinePlot feeds it what the run holds (setContent), forwards the user's pans and
// zooms, and draws the ranges it answers. Exports copy it, so an export shows the same zoom on
// both axes as the window, or the whole run when the user has not zoomed.
#pragma once

namespace reqlanes {

// A closed interval [lower, upper] on one axis; units are the axis's (s or lanes).
struct ViewRange {
    double lower = 0;
    double upper = 1;
    double size() const { return upper - lower; }
    bool operator==(const ViewRange &) const = default;
};

// What the run holds, in the units of the axes.
struct TimelineContent {
    double endS = 0;   // the latest drawn span end, s
    double nowS = 0;   // time elapsed in a live run, s
    double idealS = 0; // ideal makespan, s; <= 0 when unknown
    int laneCount = 0;
    bool live = false; // a run in progress: the view follows "now" until the user moves it
};

class TimelineViewState {
public:
    static constexpr double kMinTimeSpanS = 1e-6; // zoomed in as far as 1 µs across the plot
    static constexpr double kMinLaneSpan = 1;     // at least one whole lane visible
    static constexpr double kEndPadding = 1.03;   // room after the last bar of a finished run
    static constexpr double kLivePadding = 1.08;  // room after "now" / the ideal marker, live
    static constexpr double kMinLiveSpanS = 0.2;  // a live run starts on a 200 ms axis

    // New content (a snapshot, a finished run, a replay frame). Ranges follow it unless the user
    // has moved the view; a user's view is only clamped to what the content allows.
    void setContent(const TimelineContent &content);
    const TimelineContent &content() const { return m_content; }

    // A different run: forget the user's view, follow it again if it is live.
    void startRun(const TimelineContent &content);
    // Back to the whole run on both axes; follow again if live.
    void showWholeRun();

    // The user's hand: each stops following until showWholeRun() or startRun().
    void setTimeRange(const ViewRange &seconds);
    void setLaneRange(const ViewRange &lanes);
    // factor < 1 zooms in, > 1 out, keeping `around` on the same spot of the axis.
    void zoomTime(double factor, double aroundS);
    void zoomLanes(double factor, double aroundLane);

    ViewRange timeRange() const { return m_time; }
    ViewRange laneRange() const { return m_lanes; }
    bool followsLive() const { return m_content.live && !m_userMoved; }
    bool userMoved() const { return m_userMoved; }

    // The ranges that show everything: [0, end + padding] (up to the ideal and "now" while live)
    // and every lane. Also the bounds that clamp a user's view.
    ViewRange wholeTimeRange() const;
    ViewRange wholeLaneRange() const;

private:
    void fit();
    static ViewRange clampInto(ViewRange range, const ViewRange &bounds, double minSpan);

    TimelineContent m_content;
    bool m_userMoved = false;
    ViewRange m_time{0, kMinLiveSpanS};
    ViewRange m_lanes{0, 1};
};

} // namespace reqlanes
