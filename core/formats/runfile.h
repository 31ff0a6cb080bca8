// The run file: a versioned JSON document holding a Run exactly, so a saved run loads back
// equal. Also the writer every export uses, which replaces files atomically (QSaveFile).
#pragma once

#include "model/run.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace reqlanes {

inline constexpr int kRunFormatVersion = 1;
// Larger files are refused before reading: no run of ours comes near (1M requests are ~300 MB).
inline constexpr qint64 kMaxRunFileBytes = qint64(1) << 30;

QByteArray runToJson(const Run &run);
// nullopt and a clear reason ("line 3: unexpected end of data", "version 7 is newer than this
// reqlanes (1)", "requests[4].status: unknown value \"zz\"") for anything not a valid run.
std::optional<Run> runFromJson(const QByteArray &json, QString *error);

bool saveRun(const Run &run, const QString &path, QString *error);
std::optional<Run> loadRun(const QString &path, QString *error);

// Writes all of `bytes` or nothing: the old file stays untouched on any failure.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error);

} // namespace reqlanes
