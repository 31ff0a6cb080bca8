// The formats table: every row is complete and usable, the run file round-trips through it, and
// opening picks a reader and never touches the file.
#include "formats/fileformats.h"
#include "syntheticrun.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace reqlanes;

TEST(FileFormats, EveryRowIsCompleteAndIdsAreUnique) {
    QSet<QString> ids;
    for (const FileFormat &format : fileFormats()) {
        SCOPED_TRACE(format.id.toStdString());
        EXPECT_FALSE(format.id.isEmpty());
        EXPECT_FALSE(format.title.isEmpty());
        EXPECT_TRUE(format.suffix.startsWith(QLatin1Char('.')));
        EXPECT_TRUE(format.filter.contains(QStringLiteral("(*.")));
        EXPECT_TRUE(format.write || format.read) << "a row that can do nothing";
        EXPECT_FALSE(ids.contains(format.id));
        ids.insert(format.id);
        EXPECT_EQ(findFileFormat(format.id), &format);
    }
    EXPECT_EQ(findFileFormat(QStringLiteral("no-such-format")), nullptr);
    EXPECT_EQ(runFileFormat().id, QStringLiteral("json"));
    EXPECT_TRUE(openDialogFilter().contains(runFileFormat().filter));
}

TEST(FileFormats, EveryWriterWritesAndTheRunFileReadsBack) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // Two requests of a threads run, every phase set: each writer has all it can write.
    const reqlanes::Run run = reqlanes::testing::syntheticRun(2, 3, 250);
    for (const FileFormat &format : fileFormats()) {
        if (!format.write)
            continue;
        SCOPED_TRACE(format.id.toStdString());
        const QString path = dir.filePath(QStringLiteral("out") + format.suffix);
        QString error;
        ASSERT_TRUE(exportRun(format, run, {}, path, &error)) << error.toStdString();
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        EXPECT_GT(file.size(), 0);
    }
    QString error;
    const auto back =
        openRunFile(dir.filePath(QStringLiteral("out") + runFileFormat().suffix), &error);
    ASSERT_TRUE(back) << error.toStdString();
    EXPECT_EQ(back->requests.size(), run.requests.size());
    EXPECT_EQ(back->scenario, run.scenario);
}

TEST(FileFormats, OpeningAFileNoReaderTakesSaysWhyOnceAndLeavesItAlone) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    const QByteArray content("not a run at all\n");
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QString error;
    EXPECT_FALSE(openRunFile(path, &error));
    EXPECT_TRUE(error.startsWith(path)) << error.toStdString();
    EXPECT_EQ(error.count(path), 1) << "the path once: " << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), content);

    EXPECT_FALSE(openRunFile(dir.filePath(QStringLiteral("missing.json")), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("missing.json"))) << error.toStdString();
}

// The window's open dialog shows how far a long load got: a reader that can say (HAR) reports
// bytes done of the file's size, rising to the whole; one that cannot (a run file) is not asked.
TEST(FileFormats, OpeningAHarReportsProgressUpToTheWholeFile) {
    const QString path = QStringLiteral(HAR_FIXTURES "/chrome-pageload.har");
    std::vector<std::pair<qsizetype, qsizetype>> reports;
    QString error;
    const auto run = openRunFile(
        path, &error, [&](qsizetype done, qsizetype total) { reports.emplace_back(done, total); });
    ASSERT_TRUE(run) << error.toStdString();
    ASSERT_FALSE(reports.empty());
    for (std::size_t i = 1; i < reports.size(); ++i)
        EXPECT_LE(reports[i - 1].first, reports[i].first) << "progress never goes back";
    EXPECT_EQ(reports.back().first, reports.back().second) << "it ends at the whole file";
    EXPECT_GT(reports.back().second, 0);
}
