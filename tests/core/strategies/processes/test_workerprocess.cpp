// Where the processes strategy looks for reqlanes-worker: the install layout first (so an
// installed reqlanes-cli works from any prefix), then beside the program, then the build tree.
#include "strategies/processes/workerprocess.h"

#include <QFileInfo>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

using namespace reqlanes;

TEST(WorkerProcess, LooksInLibexecOfTheInstallPrefixFirst) {
    const QStringList candidates = WorkerProcess::candidatePaths(QStringLiteral("/opt/x/bin"));
    const QStringList expected{QStringLiteral("/opt/x/libexec/reqlanes/reqlanes-worker"),
                               QStringLiteral("/opt/x/bin/reqlanes-worker")};
    EXPECT_EQ(candidates, expected); // an installed program never falls back to a build tree
}

TEST(WorkerProcess, ProgramsInTheBuildTreeFallBackToItsWorker) {
    const QString testDirectory = QString::fromStdString(
        std::filesystem::read_symlink("/proc/self/exe").parent_path().string());
    const QStringList candidates = WorkerProcess::candidatePaths(testDirectory);
    ASSERT_EQ(candidates.size(), 3);
    EXPECT_TRUE(candidates.last().endsWith(QStringLiteral("/reqlanes-worker")));
    EXPECT_TRUE(QFileInfo(candidates.last()).isExecutable()) << candidates.last().toStdString();
}

TEST(WorkerProcess, FindsTheBuildTreeWorkerFromTheTests) {
    ::unsetenv("REQLANES_WORKER");
    QString error;
    const QString found = WorkerProcess::findExecutable(&error);
    EXPECT_TRUE(QFileInfo(found).isExecutable()) << error.toStdString();
    EXPECT_EQ(error, QString());
}
