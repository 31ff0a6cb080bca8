// CSV: one row per request, every phase in milliseconds since the run's start.
#pragma once

#include "model/run.h"

#include <QByteArray>

namespace reqlanes {

QByteArray runToCsv(const Run &run);

} // namespace reqlanes
