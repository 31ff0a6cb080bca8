#include "model/recording.h"

#include <array>
#include <utility>

namespace reqlanes {

namespace {
constexpr std::array<std::pair<RecordingGap, const char *>, 5> kNames = {{
    {RecordingGap::NoConnectionIds, "no_connection_ids"},
    {RecordingGap::ConnectionIsPort, "connection_is_port"},
    {RecordingGap::NoServerTiming, "no_server_timing"},
    {RecordingGap::NoBlockedTime, "no_blocked_time"},
    {RecordingGap::SslOutsideConnect, "ssl_outside_connect"},
}};
} // namespace

QString recordingGapName(RecordingGap gap) {
    for (const auto &[value, name] : kNames)
        if (value == gap)
            return QLatin1String(name);
    return {};
}

std::optional<RecordingGap> recordingGapFromName(const QString &name) {
    for (const auto &[value, text] : kNames)
        if (name == QLatin1String(text))
            return value;
    return std::nullopt;
}

} // namespace reqlanes
