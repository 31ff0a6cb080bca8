// Closing the window mid-run and opening bad run files: the app ends promptly without leaking
// a thread or a worker process, and a file it cannot read changes nothing on screen or disk.
#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "formats/runfile.h"
#include "mainwindow.h"
#include "testscenario.h"
#include "timeline/timelineplot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace reqlanes;

namespace {

int threadCount() {
    return int(QDir(QStringLiteral("/proc/self/task"))
                   .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                   .size());
}

// Our live child processes (a zombie is not counted: its parent has already been told).
int liveChildren() {
    int count = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[0] != "Z" && fields[1].toLongLong() == ::getpid())
            ++count;
    }
    return count;
}

Scenario slowScenario(const char *strategy) {
    return reqlanes::testing::testScenario(
        {.strategy = QString::fromLatin1(strategy), .n = 6, .latencyMs = 5000, .timeoutMs = 30000});
}

} // namespace

class ClosingMidRun : public ::testing::TestWithParam<const char *> {};

TEST_P(ClosingMidRun, EndsWithin1sWithoutLeakingThreadsOrProcesses) {
    {
        // Qt starts helper threads (D-Bus, the platform) with the first window, for good: count
        // from after that.
        MainWindow warmUp;
        warmUp.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&warmUp));
    }
    const int threadsBefore = threadCount();
    QElapsedTimer timer;
    {
        MainWindow window;
        window.controls()->setScenario(slowScenario(GetParam()));
        window.show();
        ASSERT_TRUE(window.runStrategy(QString::fromLatin1(GetParam())));
        // Mid-run: requests are out (and, for processes, the workers are up).
        QElapsedTimer waiting;
        waiting.start();
        while (window.session()->latest().requests.empty() ||
               window.session()->latest().requests[0].phase(Phase::Sent) == kUnset) {
            ASSERT_LT(waiting.elapsed(), 10000) << "the run never got under way";
            QTest::qWait(5);
        }
        timer.start();
        window.close();
    }
    EXPECT_LT(timer.elapsed(), 1000);
    EXPECT_EQ(liveChildren(), 0);
    // Qt's own helper threads (the offscreen platform, QThreadPool's idle threads) may linger a
    // while; ours are joined by then. Allow the global pool's expiry rather than sleeping.
    QElapsedTimer settling;
    settling.start();
    while (threadCount() > threadsBefore + 1 && settling.elapsed() < 5000)
        QTest::qWait(20);
    EXPECT_LE(threadCount(), threadsBefore + 1);
}

INSTANTIATE_TEST_SUITE_P(App, ClosingMidRun,
                         ::testing::Values("threads", "async", "coroutines", "processes"));

TEST(OpeningBadRunFiles, SaysWhyAndChangesNothing) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    MainWindow window;
    Scenario scenario = slowScenario("sync");
    scenario.n = 2;
    scenario.server.latencyMs = 50;
    window.controls()->setScenario(scenario);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    ASSERT_TRUE(window.runStrategy(QStringLiteral("sync")));
    ASSERT_TRUE(finished.wait(20000));
    const std::size_t spansBefore = window.timeline()->spanCount();
    ASSERT_GT(spansBefore, 0u);

    const QByteArray good = runToJson(finished.first().at(0).value<reqlanes::Run>());
    const std::pair<const char *, QByteArray> files[] = {
        {"truncated.json", good.left(good.size() / 2)},
        {"corrupt.json", QByteArray("{\"format\": \"reqlanes-run\", \x01\x02")},
        {"wrong-version.json", QByteArray(good).replace("\"version\": 1", "\"version\": 99")},
    };
    for (const auto &[name, bytes] : files) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        QString error;
        EXPECT_FALSE(window.openRun(path, &error)) << name;
        EXPECT_FALSE(error.isEmpty()) << name;
        EXPECT_TRUE(error.contains(QString::fromLatin1(name))) << error.toStdString();
        EXPECT_EQ(window.timeline()->spanCount(), spansBefore) << name << ": the shown run stays";
        QFile reread(path);
        ASSERT_TRUE(reread.open(QIODevice::ReadOnly));
        EXPECT_EQ(reread.readAll(), bytes) << name << ": the file is not touched";
    }
}
