// A run read from someone else's recording (a HAR file from a browser, proxy or test tool) rather
// than run or watched by reqlanes: where it came from, and what the recording could not say.
// The findings turn the gaps into sentences (results/recordingnotes.h), so the window, the CLI's
// --explain and exports say why, e.g., there are no connection lanes. Empty for reqlanes' runs.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace reqlanes {

// What a recording left unknown, one value per kind of gap.
enum class RecordingGap : std::uint8_t {
    NoConnectionIds,   // no entry names its connection: no connection lanes
    ConnectionIsPort,  // `connection` holds the server's port (Firefox), not one connection's id
    NoServerTiming,    // no Server-Timing: the server's queue and work are one "wait"
    NoBlockedTime,     // no `blocked` time: when a request got its connection is unknown
    SslOutsideConnect, // the producer counted TLS after connect, not inside it as HAR 1.2 says
};

// "no_connection_ids", ...: the gap's id in run files and --summary-json.
QString recordingGapName(RecordingGap gap);
std::optional<RecordingGap> recordingGapFromName(const QString &name);

struct RecordingInfo {
    QString format;  // "har"; empty for runs reqlanes made or watched
    QString creator; // the producer as it names itself: "WebInspector 537.36", "Firefox 120.0"
    std::vector<RecordingGap> gaps;
    bool isRecording() const { return !format.isEmpty(); }
    bool operator==(const RecordingInfo &) const = default;
};

} // namespace reqlanes
