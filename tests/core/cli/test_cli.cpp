// Runs the real reqlanes-cli binary (REQLANES_CLI_PATH, set by core/cli/CMakeLists.txt) the way
// a user or a script would, and checks its output and exit codes.
#include "formats/fileformats.h"
#include "formats/runfile.h"
#include "results/lanegroupings.h"
#include "run/filelimit.h"
#include "run/strategyregistry.h"
#include "runtriggers.h"
#include "scratchfile.h"
#include "syntheticrun.h"
#include "testserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <signal.h>

#include <atomic>

using namespace reqlanes;

namespace {

struct CliResult {
    int exitCode = -1;
    bool exitedNormally = false;
    QByteArray out, err;
    qint64 elapsedMs = 0;
};

// "--strategy sync --n 2" as the arguments it is (words without spaces), then `more` as given.
QStringList words(const char *line, const QStringList &more = {}) {
    return QString::fromLatin1(line).split(QLatin1Char(' ')) + more;
}

// openFiles: the child's descriptor limit, soft and hard (0: inherited).
CliResult runCli(const QStringList &arguments, int timeoutMs = 30000, rlim_t openFiles = 0) {
    QProcess process;
    if (openFiles > 0)
        process.setChildProcessModifier([openFiles] {
            const rlimit limit{openFiles, openFiles};
            ::setrlimit(RLIMIT_NOFILE, &limit); // between fork and exec: a plain system call
        });
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(REQLANES_CLI_PATH), arguments);
    EXPECT_TRUE(process.waitForStarted(5000)) << process.errorString().toStdString();
    if (!process.waitForFinished(timeoutMs)) {
        ADD_FAILURE() << "reqlanes-cli did not finish within " << timeoutMs << " ms";
        process.kill();
        process.waitForFinished(2000);
    }
    CliResult result;
    result.elapsedMs = timer.elapsed();
    result.exitedNormally = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// Whether `pid` has installed a handler for `signalNumber` (SigCgt in /proc/<pid>/status), so a
// test can signal a child only once it is ready to handle it.
bool catchesSignal(qint64 pid, int signalNumber) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("SigCgt:")) {
            bool ok = false;
            const qulonglong mask = line.mid(7).trimmed().toULongLong(&ok, 16);
            return ok && (mask >> (signalNumber - 1)) & 1u;
        }
    return false;
}

// Live processes running the executable at `path` (zombies have no exe link and do not count).
int processesRunning(const QString &path) {
    int count = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        entry.toInt(&isPid);
        if (isPid && QFileInfo(QStringLiteral("/proc/%1/exe").arg(entry)).symLinkTarget() == path)
            ++count;
    }
    return count;
}

struct RequestCounter : server::ServerObserver {
    std::atomic<int> started{0};
    void requestStarted(const server::ServerRequestEvent &) override { ++started; }
};

// A server whose requests take 5 s, counting the requests it starts: a run against it is
// "under way" for as long as a test needs.
struct SlowTarget {
    RequestCounter counter;
    TestServer server;
    bool start() {
        server::ServerConfig config;
        config.workers = 3;
        config.latencyMs = 5000;
        return server.start(config, &counter);
    }
    // Until `count` requests are being handled, or the process ended early; true if they are.
    bool waitForStarted(QProcess &process, int count) {
        QElapsedTimer waiting;
        waiting.start();
        while (counter.started.load() < count && waiting.elapsed() < 10000) {
            if (process.waitForFinished(5)) // a poll interval that also notices an early exit
                break;
        }
        return counter.started.load() == count;
    }
};

} // namespace

TEST(Cli, ListNamesEveryStrategy) {
    const CliResult result = runCli({QStringLiteral("--list")});
    EXPECT_EQ(result.exitCode, 0);
    for (const QString &id : StrategyRegistry::instance().ids())
        EXPECT_TRUE(result.out.contains(id.toUtf8())) << id.toStdString();
}

// The help spells the request count as the docs and the examples do: --n N.
TEST(Cli, HelpListsTheScenarioOptionsWithTwoDashes) {
    const CliResult result = runCli({QStringLiteral("--help")});
    EXPECT_EQ(result.exitCode, 0);
    for (const char *option : {"  --n <N> ", "--limit <K>", "--workers <W>", "--latency-ms <L>",
                               "--server-mode <sync|async>", "--target <URL>", "--all"})
        EXPECT_TRUE(result.out.contains(option)) << option << "\n" << result.out.toStdString();
}

// Qt's addHelpOption() also defines --help-all: it must print the help, not start a default run
// (which would take seconds and print a summary table instead).
TEST(Cli, HelpAllPrintsTheHelpWithoutRunning) {
    const CliResult result = runCli({QStringLiteral("--help-all")}, 10000);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("--strategy <id>")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("--help-all")) << result.out.toStdString();
    EXPECT_LT(result.elapsedMs, 2500) << "a 3 s default run would have started";
}

// Every writable format of the formats table is an output flag, with its help.
TEST(Cli, HelpOffersAFlagPerWritableFormat) {
    const CliResult result = runCli({QStringLiteral("--help")});
    for (const FileFormat &format : fileFormats()) {
        if (format.write) {
            EXPECT_TRUE(result.out.contains(("--" + format.id + " <FILE>").toUtf8()))
                << format.id.toStdString();
        }
    }
}

TEST(Cli, SmallRunPrintsParsableSummaryJsonAndExitsZero) {
    const CliResult result =
        runCli({QStringLiteral("--strategy"), QStringLiteral("threads"), QStringLiteral("--n"),
                QStringLiteral("3"), QStringLiteral("--latency-ms"), QStringLiteral("300"),
                QStringLiteral("--summary-json"), QStringLiteral("-")});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    QJsonParseError error;
    const QJsonObject summary = QJsonDocument::fromJson(result.out, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << result.out.toStdString();
    for (const char *key : {"strategy", "n", "limit", "makespan_s", "ideal_s", "ok", "errors",
                            "peak_in_flight", "threads", "processes", "p50_s", "p95_s"})
        EXPECT_TRUE(summary.contains(QLatin1String(key))) << key;
    EXPECT_EQ(summary.value(QLatin1String("strategy")).toString(), QStringLiteral("threads"));
    EXPECT_EQ(summary.value(QLatin1String("ok")).toInt(), 3);
    EXPECT_EQ(summary.value(QLatin1String("threads")).toInt(), 3);
    EXPECT_DOUBLE_EQ(summary.value(QLatin1String("ideal_s")).toDouble(), 0.3);
    const double makespan = summary.value(QLatin1String("makespan_s")).toDouble();
    EXPECT_GE(makespan, 0.297);
    EXPECT_LE(makespan, 0.3 + 0.3); // three at once; one after another would be 0.9
    EXPECT_TRUE(result.err.contains("makespan")) << "the table moves to stderr";
}

TEST(Cli, ExplainSaysWhereTheTimeWentAndSummaryJsonListsTheFindings) {
    const QStringList scenario{QStringLiteral("--strategy"),   QStringLiteral("threads"),
                               QStringLiteral("--n"),          QStringLiteral("9"),
                               QStringLiteral("--workers"),    QStringLiteral("3"),
                               QStringLiteral("--latency-ms"), QStringLiteral("200")};
    const CliResult explained = runCli(scenario + QStringList{QStringLiteral("--explain")});
    EXPECT_EQ(explained.exitCode, 0) << explained.err.toStdString();
    EXPECT_TRUE(explained.out.contains("6 of 9 requests waited")) << explained.out.toStdString();
    EXPECT_TRUE(explained.out.contains("in the server's queue: 3 workers, 9 requests at once."))
        << explained.out.toStdString();

    const CliResult json =
        runCli(scenario + QStringList{QStringLiteral("--summary-json"), QStringLiteral("-")});
    const QJsonArray findings =
        QJsonDocument::fromJson(json.out).object().value(QLatin1String("findings")).toArray();
    ASSERT_FALSE(findings.isEmpty()) << json.out.toStdString();
    const QJsonObject first = findings.first().toObject();
    EXPECT_EQ(first.value(QLatin1String("kind")).toString(), QStringLiteral("server_queueing"));
    EXPECT_EQ(first.value(QLatin1String("severity")).toString(), QStringLiteral("lesson"));
    EXPECT_EQ(first.value(QLatin1String("numbers")).toObject().value(QLatin1String("requests")), 6);
}

TEST(Cli, WritesEveryExportFile) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString json = dir.filePath(QStringLiteral("run.json"));
    const QString trace = dir.filePath(QStringLiteral("trace.json"));
    const QString csv = dir.filePath(QStringLiteral("run.csv"));
    const QString summary = dir.filePath(QStringLiteral("summary.json"));
    const CliResult result =
        runCli(words("--strategy sync --n 2 --latency-ms 100",
                     {QStringLiteral("--json"), json, QStringLiteral("--trace"), trace,
                      QStringLiteral("--csv"), csv, QStringLiteral("--summary-json"), summary}));
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.startsWith("strategy")) << "the table on stdout";
    for (const QString &path : {json, trace, csv, summary})
        EXPECT_TRUE(QFile::exists(path)) << path.toStdString();
    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    EXPECT_EQ(csvFile.readAll().count("\r\n"), 3) << "header and two requests";
}

TEST(Cli, SpansWritesTheDrawnSpansForTheChosenLanes) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString spans = dir.filePath(QStringLiteral("spans.csv"));
    const CliResult result =
        runCli(words("--strategy sync --n 2 --workers 3 --latency-ms 100 --lanes worker",
                     {QStringLiteral("--spans"), spans}));
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    QFile file(spans);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    EXPECT_TRUE(csv.startsWith("lane_key,lane_label,row,request_id,phase,start_ms,end_ms\r\n"));
    EXPECT_EQ(csv.count(",server_work,"), 2) << csv.constData();

    const CliResult bad = runCli(
        {QStringLiteral("--spans"), spans, QStringLiteral("--lanes"), QStringLiteral("sideways")});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains(("--lanes must be " + laneGroupingChoices()).toUtf8()))
        << bad.err.toStdString();
}

TEST(Cli, BadArgumentsExitTwoWithAClearMessage) {
    const struct {
        QStringList arguments;
        const char *message;
    } cases[] = {
        {{QStringLiteral("--n"), QStringLiteral("0")}, "n must be 1..100000"},
        {{QStringLiteral("--n"), QStringLiteral("lots")}, "is not a whole number"},
        {{QStringLiteral("--workers"), QStringLiteral("99999")}, "workers must be"},
        {{QStringLiteral("--strategy"), QStringLiteral("nope")}, "valid strategies: sync"},
        {{QStringLiteral("--target"), QStringLiteral("https://example.org/")}, "http://"},
        {{QStringLiteral("--server-mode"), QStringLiteral("fast")}, "sync or async"},
        {{QStringLiteral("--all"), QStringLiteral("--strategy"), QStringLiteral("sync")},
         "not both"},
        {{QStringLiteral("--frobnicate")}, "frobnicate"},
        {{QStringLiteral("--"), QStringLiteral("python3")}, "goes with --watch"},
        {{QStringLiteral("--watch"), QStringLiteral("--")}, "followed by a program"},
        {{QStringLiteral("--watch"), QStringLiteral("--sessions"), QStringLiteral("2"),
          QStringLiteral("--"), QStringLiteral("python3"), QStringLiteral("x.py")},
         "its exit ends the session"},
    };
    for (const auto &item : cases) {
        const CliResult result = runCli(item.arguments, 10000);
        const std::string label = item.arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_EQ(result.exitCode, 2) << label;
        EXPECT_TRUE(result.err.contains(item.message)) << label << ": " << result.err.toStdString();
        EXPECT_LT(result.elapsedMs, 5000) << label;
    }
}

TEST(Cli, ClosedPortExitsOneSayingConnectionRefused) {
    const CliResult result =
        runCli({QStringLiteral("--strategy"), QStringLiteral("threads"), QStringLiteral("--n"),
                QStringLiteral("3"), QStringLiteral("--target"), closedPortUrl()},
               10000);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_LT(result.elapsedMs, 5000);
    EXPECT_TRUE(result.err.toLower().contains("3 requests: connection refused"))
        << result.err.toStdString();
}

TEST(Cli, AllComparesEveryStrategyWithSpeedUpAgainstSync) {
    const CliResult result =
        runCli({QStringLiteral("--all"), QStringLiteral("--n"), QStringLiteral("3"),
                QStringLiteral("--latency-ms"), QStringLiteral("100"),
                QStringLiteral("--summary-json"), QStringLiteral("-")},
               60000);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonArray summaries = QJsonDocument::fromJson(result.out).array();
    const QStringList ids = StrategyRegistry::instance().ids();
    ASSERT_EQ(summaries.size(), ids.size()) << result.out.toStdString();
    for (qsizetype i = 0; i < ids.size(); ++i)
        EXPECT_EQ(summaries[i].toObject().value(QLatin1String("strategy")).toString(), ids[i]);
    EXPECT_TRUE(result.err.contains("vs sync")) << result.err.toStdString();
}

// A comparison at an N some strategies cannot hold under the descriptor limit still compares
// the others: a refused strategy is a "not started" row with the reason, not the end of --all.
TEST(Cli, AllGoesOnPastAStrategyRefusedForItsDescriptors) {
    constexpr rlim_t kOpenFiles = 256;
    constexpr int kN = 200;
    QStringList refused, started;
    for (const QString &id : StrategyRegistry::instance().ids()) {
        Scenario scenario;
        scenario.strategy = id;
        scenario.n = kN;
        scenario.server.mode = ServerMode::Async;
        const bool fits =
            openFileBudget(scenario, *StrategyRegistry::instance().find(id), kOpenFiles).fits();
        (fits ? started : refused) << id;
    }
    ASSERT_FALSE(refused.isEmpty());
    ASSERT_FALSE(started.isEmpty());
    const CliResult result = runCli(
        {QStringLiteral("--all"), QStringLiteral("--n"), QString::number(kN),
         QStringLiteral("--latency-ms"), QStringLiteral("1"), QStringLiteral("--server-mode"),
         QStringLiteral("async"), QStringLiteral("--summary-json"), QStringLiteral("-")},
        120000, kOpenFiles);
    EXPECT_EQ(result.exitCode, 1) << "a refused strategy counts as failed";
    const QJsonArray summaries = QJsonDocument::fromJson(result.out).array();
    ASSERT_EQ(summaries.size(), refused.size() + started.size()) << result.err.toStdString();
    for (const QJsonValue &value : summaries) {
        const QJsonObject summary = value.toObject();
        const QString id = summary.value(QLatin1String("strategy")).toString();
        const QString outcome = summary.value(QLatin1String("outcome")).toString();
        if (refused.contains(id)) {
            EXPECT_TRUE(outcome.startsWith(QLatin1String("not started: N=200 with")))
                << id.toStdString() << ": " << outcome.toStdString();
            EXPECT_TRUE(outcome.contains(QLatin1String("the hard limit is 256")))
                << outcome.toStdString();
        } else {
            EXPECT_EQ(summary.value(QLatin1String("ok")).toInt(), kN)
                << id.toStdString() << ": " << outcome.toStdString();
        }
    }
}

TEST(Cli, InterruptCancelsTheRunAndExitsPromptly) {
    SlowTarget target;
    ASSERT_TRUE(target.start()) << target.server.error().toStdString();

    QProcess process;
    process.start(QStringLiteral(REQLANES_CLI_PATH),
                  {QStringLiteral("--strategy"), QStringLiteral("sync"), QStringLiteral("--n"),
                   QStringLiteral("3"), QStringLiteral("--target"), target.server.url()});
    ASSERT_TRUE(process.waitForStarted(5000));
    // Signal once the run is under way: the server is handling its first request (for 5 s).
    ASSERT_TRUE(target.waitForStarted(process, 1));
    ASSERT_TRUE(catchesSignal(process.processId(), SIGINT));

    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(process.processId()), SIGINT);
    ASSERT_TRUE(process.waitForFinished(3000));
    EXPECT_LT(timer.elapsed(), 1500);
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit) << "it exits, not dies";
    EXPECT_EQ(process.exitCode(), 130);
    EXPECT_TRUE(process.readAllStandardOutput().contains("sync")) << "what finished is printed";
    EXPECT_TRUE(process.readAllStandardError().contains("cancelled by SIGINT"));
}

TEST(Cli, InterruptDuringAProcessesRunExitsWithin2sAndLeavesNoWorker) {
    // A private copy of the worker, so only this test's workers are counted.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString worker = dir.filePath(QStringLiteral("reqlanes-worker-under-test"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(REQLANES_WORKER_PATH), worker));
    SlowTarget target;
    ASSERT_TRUE(target.start()) << target.server.error().toStdString();

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("REQLANES_WORKER"), worker);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REQLANES_CLI_PATH),
                  {QStringLiteral("--strategy"), QStringLiteral("processes"), QStringLiteral("--n"),
                   QStringLiteral("6"), QStringLiteral("--limit"), QStringLiteral("3"),
                   QStringLiteral("--target"), target.server.url()});
    ASSERT_TRUE(process.waitForStarted(5000));
    ASSERT_TRUE(target.waitForStarted(process, 3)) << "three workers are mid-request";
    ASSERT_EQ(processesRunning(worker), 3);
    ASSERT_TRUE(catchesSignal(process.processId(), SIGINT));

    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(process.processId()), SIGINT);
    ASSERT_TRUE(process.waitForFinished(3000));
    EXPECT_LT(timer.elapsed(), 2000);
    EXPECT_EQ(process.exitCode(), 130);
    EXPECT_EQ(processesRunning(worker), 0) << "no worker outlives the CLI";
}

TEST(Cli, OpenSummarisesASavedRunAndRefusesBadFilesClearly) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString saved = dir.filePath(QStringLiteral("run.json"));
    const CliResult made =
        runCli(words("--strategy sync --n 2 --latency-ms 50", {QStringLiteral("--json"), saved}));
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    const CliResult shown = runCli({QStringLiteral("--open"), saved});
    EXPECT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_TRUE(shown.out.contains("sync")) << shown.out.toStdString();

    QFile file(saved);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray good = file.readAll();
    file.close();
    const std::pair<const char *, QByteArray> bad[] = {
        {"truncated.json", good.left(good.size() / 2)},
        {"corrupt.json", QByteArray("\x7f"
                                    "ELF not a run")},
        {"wrong-version.json", QByteArray(good).replace("\"version\": 1", "\"version\": 99")},
    };
    for (const auto &[name, bytes] : bad) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QFile out(path);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        const CliResult result = runCli({QStringLiteral("--open"), path});
        EXPECT_EQ(result.exitCode, 1) << name;
        EXPECT_TRUE(result.err.contains(name)) << result.err.toStdString();
        QFile reread(path);
        ASSERT_TRUE(reread.open(QIODevice::ReadOnly));
        EXPECT_EQ(reread.readAll(), bytes) << name << " is left as it was";
    }
}

// Nine threads against 3 workers × 100 ms, stopped at 150 ms: the first round had finished, the
// rest were cancelled. --explain and the summary count the three, not the nine that ended.
TEST(Cli, ExplainingAStoppedRunCountsOnlyTheRequestsThatHadFinished) {
    using reqlanes::testing::kMs;
    reqlanes::Run run = reqlanes::testing::syntheticRun(9, 3, 100);
    for (int i = 3; i < 9; ++i) {
        RequestRecord &r = run.requests[std::size_t(i)];
        r.status = RequestStatus::Cancelled;
        r.error = QStringLiteral("cancelled");
        for (Phase phase : {Phase::ServerStart, Phase::ServerEnd, Phase::FirstByte})
            r.at[int(phase)] = kUnset;
        r.at[int(Phase::Done)] = 150 * kMs;
    }
    run.elapsed = 150 * kMs;
    run.cancelled = true;
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString saved = dir.filePath(QStringLiteral("stopped.json"));
    QString error;
    ASSERT_TRUE(saveRun(run, saved, &error)) << error.toStdString();

    const CliResult explained =
        runCli({QStringLiteral("--open"), saved, QStringLiteral("--explain")});
    EXPECT_TRUE(explained.out.contains("The run was stopped after 150 ms: 3 of 9 requests had "
                                       "finished."))
        << explained.out.toStdString();
    EXPECT_FALSE(explained.out.contains("9 of 9")) << explained.out.toStdString();
    EXPECT_TRUE(explained.out.contains("stopped after 150 ms: 3 of 9 had finished"))
        << "the summary table's outcome: " << explained.out.toStdString();
}

// `--watch -- PROGRAM`: the program gets the server's URL as its first argument, its output
// passes through, its exit ends the one session (written unnumbered) and is the exit status.
TEST(Cli, WatchRunsAProgramRecordsItsRequestsAndExitsWithItsStatus) {
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        GTEST_SKIP() << "python3 is not installed";
    QTemporaryDir directory;
    // Standard library only: runs traced, but no traced library sends a request.
    const QString script = reqlanes::testing::writeScratchFile(
        directory, QStringLiteral("two.py"),
        "import sys, urllib.request\n"
        "for i in range(2):\n"
        "    urllib.request.urlopen(sys.argv[1], timeout=20).read()\n"
        "print('done', sys.argv[2])\n"
        "sys.exit(3)\n");
    ASSERT_FALSE(script.isEmpty());
    const QString json = directory.filePath(QStringLiteral("session.json"));
    const CliResult result =
        runCli({QStringLiteral("--watch"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--latency-ms"), QStringLiteral("100"), QStringLiteral("--json"),
                json, QStringLiteral("--"), python, script, QStringLiteral("extra")},
               60000);
    EXPECT_EQ(result.exitCode, 3) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains("done extra")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains("session 1: 2 requests (2 ok)")) << result.out.toStdString();
    EXPECT_TRUE(result.err.contains("started (traced)")) << result.err.toStdString();
    EXPECT_TRUE(QFile::exists(json)) << "the one session is written unnumbered";
}

TEST(Cli, WatchWithAProgramThatCannotStartSaysSoAndExits127) {
    const CliResult result =
        runCli({QStringLiteral("--watch"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--"), QStringLiteral("/nonexistent/program")},
               20000);
    EXPECT_EQ(result.exitCode, 127);
    EXPECT_TRUE(result.err.contains("cannot start the program")) << result.err.toStdString();
}

// An N whose sockets the hard descriptor limit cannot hold is refused before anything starts,
// with the number it needs (run/filelimit.h); the CLI's own process gets the same hard limit.
TEST(Cli, AnNOverTheDescriptorHardLimitIsRefusedWithTheNumberItNeeds) {
    const std::uint64_t hard = hardOpenFileLimit();
    const Scenario scenario = [hard] {
        Scenario s;
        s.strategy = QStringLiteral("async");
        s.n = int(std::min<std::uint64_t>(hard / 2 + 100, limits::kMaxRequests));
        return s;
    }();
    const OpenFileBudget budget =
        openFileBudget(scenario, *StrategyRegistry::instance().find(scenario.strategy), hard);
    if (budget.fits())
        GTEST_SKIP() << "the hard limit " << hard << " fits any allowed N";
    const CliResult result = runCli({QStringLiteral("--strategy"), QStringLiteral("async"),
                                     QStringLiteral("--n"), QString::number(scenario.n)});
    EXPECT_NE(result.exitCode, 0);
    const QString err = QString::fromUtf8(result.err);
    EXPECT_TRUE(err.contains(QStringLiteral("needs ~%1 open files").arg(budget.needed)))
        << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("hard limit is %1").arg(hard))) << err.toStdString();
}
