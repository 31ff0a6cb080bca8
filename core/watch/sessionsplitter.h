// When a watch session begins and ends: it begins with the first byte of a request and ends once
// no request has been in progress for the idle gap (or when asked to). In progress, as
// WatchRecorder reports it: from a request's first byte while its head and body arrive, while
// it is queued or in its handler (even after its client left) until it ends. Pure logic on
// absolute steady-clock nanoseconds, so it is tested with synthetic times; WatchRecorder feeds it
// the server's events and asks it on a timer.
#pragma once

#include <cstdint>

namespace reqlanes::watch {

class SessionSplitter {
public:
    static constexpr std::int64_t kDefaultIdleGapNs = 2'000'000'000; // 2 s

    explicit SessionSplitter(std::int64_t idleGapNs = kDefaultIdleGapNs);

    // A request began (its first byte arrived, atNs). Returns true when it begins a new session.
    bool requestBegan(std::int64_t atNs);
    // A request ended: its response went out, or its connection died and no handler still
    // works on it (else when that handler ends).
    void requestEnded(std::int64_t atNs);

    bool inSession() const { return m_inSession; }
    int inProgress() const { return m_inProgress; }
    // The session is over: open, nothing in progress, and quiet for the idle gap by nowNs.
    bool idleOver(std::int64_t nowNs) const;
    // When idleOver() will become true if nothing else happens; -1 if not foreseeable (no
    // session, or requests still in progress).
    std::int64_t idleDeadlineNs() const;
    // Closes the session (after idleOver(), or on the user's key). Requests still in progress
    // keep being counted, so the next session's idle gap waits for them too.
    void endSession() { m_inSession = false; }

    std::int64_t idleGapNs() const { return m_idleGapNs; }
    void setIdleGapNs(std::int64_t gapNs) { m_idleGapNs = gapNs > 0 ? gapNs : 1; }

private:
    std::int64_t m_idleGapNs;
    bool m_inSession = false;
    int m_inProgress = 0;
    std::int64_t m_lastActivityNs = 0;
};

} // namespace reqlanes::watch
