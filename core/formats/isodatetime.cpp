#include "formats/isodatetime.h"

#include <QDate>

namespace reqlanes {

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kUnixEpochJulianDay = 2440588;

// Reads exactly `count` digits at `pos`; -1 when any is not a digit.
int digits(QStringView text, qsizetype pos, int count) {
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text[pos + i];
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return -1;
        value = value * 10 + (c.unicode() - '0');
    }
    return value;
}

bool at(QStringView text, qsizetype pos, char expected) {
    return pos < text.size() && text[pos] == QLatin1Char(expected);
}

} // namespace

std::optional<std::int64_t> parseIsoDateTimeNs(QStringView text) {
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2),
              second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
        !at(text, 4, '-') || !at(text, 7, '-') || !(at(text, 10, 'T') || at(text, 10, ' ')) ||
        !at(text, 13, ':') || !at(text, 16, ':'))
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60) // 60: a leap second
        return std::nullopt;

    qsizetype pos = 19;
    std::int64_t fraction = 0;
    if (at(text, pos, '.') || at(text, pos, ',')) {
        ++pos;
        int count = 0;
        std::int64_t scale = kNsPerSecond;
        while (pos < text.size() && text[pos].isDigit() && text[pos].unicode() < 128) {
            if (count < 9) {
                scale /= 10;
                fraction += (text[pos].unicode() - '0') * scale;
            }
            ++count;
            ++pos;
        }
        if (count == 0)
            return std::nullopt;
    }

    int offsetSeconds = 0;
    if (pos == text.size() || at(text, pos, 'Z') || at(text, pos, 'z')) {
        pos = pos == text.size() ? pos : pos + 1;
    } else if (at(text, pos, '+') || at(text, pos, '-')) {
        const int sign = at(text, pos, '-') ? -1 : 1;
        const int offsetHours = digits(text, pos + 1, 2);
        const bool colon = at(text, pos + 3, ':');
        const int offsetMinutes = digits(text, pos + (colon ? 4 : 3), 2);
        if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
        pos += colon ? 6 : 5;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;

    const std::int64_t days = date.toJulianDay() - kUnixEpochJulianDay;
    const std::int64_t seconds =
        days * 86400 + hour * 3600 + minute * 60 + second - std::int64_t(offsetSeconds);
    // Beyond ±292 years around 1970 nanoseconds overflow: no recording comes from there.
    if (seconds < -9'000'000'000LL || seconds > 9'000'000'000LL)
        return std::nullopt;
    return seconds * kNsPerSecond + fraction;
}

QString formatIsoDateTimeUs(std::int64_t nsSinceEpoch) {
    std::int64_t us =
        nsSinceEpoch >= 0 ? (nsSinceEpoch + 500) / 1000 : -((-nsSinceEpoch + 500) / 1000);
    std::int64_t seconds = us / 1'000'000;
    std::int64_t micros = us % 1'000'000;
    if (micros < 0) {
        micros += 1'000'000;
        --seconds;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t secondOfDay = seconds % 86400;
    if (secondOfDay < 0) {
        secondOfDay += 86400;
        --days;
    }
    const QDate date = QDate::fromJulianDay(days + kUnixEpochJulianDay);
    return QStringLiteral("%1-%2-%3T%4:%5:%6.%7Z")
        .arg(date.year(), 4, 10, QLatin1Char('0'))
        .arg(date.month(), 2, 10, QLatin1Char('0'))
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(secondOfDay / 3600, 2, 10, QLatin1Char('0'))
        .arg(secondOfDay / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(secondOfDay % 60, 2, 10, QLatin1Char('0'))
        .arg(micros, 6, 10, QLatin1Char('0'));
}

} // namespace reqlanes
