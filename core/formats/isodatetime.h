// ISO 8601 date-times as HAR writes them ("2026-12-03T20:39:24.123456+01:00"), to and from
// nanoseconds since the Unix epoch (UTC). QDateTime keeps milliseconds only; browsers and proxies
// write up to seven fraction digits, and a round trip of reqlanes' phases needs microseconds.
#pragma once

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

namespace reqlanes {

// Accepts YYYY-MM-DDTHH:MM:SS, an optional fraction of any length (digits after the ninth are
// dropped), and Z, +HH:MM, +HHMM or -... (no offset reads as UTC, as some producers omit it).
// nullopt for anything else, including impossible dates and times.
std::optional<std::int64_t> parseIsoDateTimeNs(QStringView text);

// UTC with six fraction digits: "2026-12-03T19:39:24.123457Z" (rounded to the microsecond).
QString formatIsoDateTimeUs(std::int64_t nsSinceEpoch);

} // namespace reqlanes
