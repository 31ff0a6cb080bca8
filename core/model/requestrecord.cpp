#include "model/requestrecord.h"

#include "model/clientside.h"

#include <array>

namespace reqlanes {

namespace {
// One table per enum: the names are the file format, so they never change once shipped.
constexpr std::array<const char *, kPhaseCount> kPhaseNames{
    "created",       "acquired",     "connect_start", "connected",  "sent",
    "server_accept", "server_start", "server_end",    "first_byte", "done"};
constexpr std::array<const char *, 7> kStatusNames{
    "pending", "ok", "http_error", "timeout", "refused", "cancelled", "protocol_error"};
constexpr std::array<const char *, 6> kLaneEventNames{"thread_started",  "thread_finished",
                                                      "process_spawned", "process_ready",
                                                      "process_exited",  "process_crashed"};
constexpr std::array<const char *, 4> kClientWaitNames{"none", "semaphore", "connector", "pool"};

template <typename Enum, std::size_t Size>
std::optional<Enum> lookup(const std::array<const char *, Size> &names, const QString &name) {
    for (std::size_t i = 0; i < Size; ++i)
        if (name == QLatin1String(names[i]))
            return static_cast<Enum>(i);
    return std::nullopt;
}

template <std::size_t Size, typename Enum>
QString nameOf(const std::array<const char *, Size> &names, Enum value) {
    auto index = static_cast<std::size_t>(value);
    return index < Size ? QString::fromLatin1(names[index]) : QStringLiteral("unknown");
}
} // namespace

QString phaseName(Phase phase) {
    return nameOf(kPhaseNames, phase);
}
std::optional<Phase> phaseFromName(const QString &name) {
    return lookup<Phase>(kPhaseNames, name);
}

QString statusName(RequestStatus status) {
    return nameOf(kStatusNames, status);
}
std::optional<RequestStatus> statusFromName(const QString &name) {
    return lookup<RequestStatus>(kStatusNames, name);
}

QString laneEventName(LaneEventKind kind) {
    return nameOf(kLaneEventNames, kind);
}
std::optional<LaneEventKind> laneEventFromName(const QString &name) {
    return lookup<LaneEventKind>(kLaneEventNames, name);
}

QString clientWaitName(ClientWait wait) {
    return nameOf(kClientWaitNames, wait);
}
std::optional<ClientWait> clientWaitFromName(const QString &name) {
    return lookup<ClientWait>(kClientWaitNames, name);
}

} // namespace reqlanes
