// The Python tracer stamps its events with time.monotonic_ns() and reqlanes with steadyNowNs():
// both are CLOCK_MONOTONIC on Linux, so they are put on one clock without any exchange. This
// checks that with a real Python: its reading falls between two of ours taken around it.
#include "model/clock.h"

#include <QProcess>
#include <QStandardPaths>

#include <gtest/gtest.h>

using namespace reqlanes;

TEST(PythonClock, TimeMonotonicNsIsTheSteadyClock) {
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        GTEST_SKIP() << "python3 is not installed";
    // Three readings: a program start takes ~20 ms, so a different clock (e.g. the wall clock,
    // or CLOCK_BOOTTIME on a machine that was suspended) would fall far outside the bracket.
    for (int attempt = 0; attempt < 3; ++attempt) {
        QProcess process;
        const std::int64_t before = steadyNowNs();
        process.start(python, {QStringLiteral("-c"),
                               QStringLiteral("import time; print(time.monotonic_ns())")});
        ASSERT_TRUE(process.waitForFinished(30'000)) << process.errorString().toStdString();
        const std::int64_t after = steadyNowNs();
        bool ok = false;
        const std::int64_t theirs = process.readAllStandardOutput().trimmed().toLongLong(&ok);
        ASSERT_TRUE(ok);
        EXPECT_LE(before, theirs);
        EXPECT_LE(theirs, after);
    }
}
