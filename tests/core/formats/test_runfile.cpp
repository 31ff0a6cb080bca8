#include "formats/runfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

// Every field away from its default, so a field the file forgets shows up as a difference.
reqlanes::Run everyFieldRun() {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async-semaphore");
    run.scenario.n = 3;
    run.scenario.limit = 2;
    run.scenario.timeoutMs = 1500;
    run.scenario.server = {5, 250, 20, ServerMode::Async};
    run.strategyName = QStringLiteral("Async + semaphore");
    run.startedAt =
        QDateTime::fromString(QStringLiteral("2024-05-06T07:08:09.123+02:00"), Qt::ISODateWithMs);
    run.elapsed = 987'654'321;
    run.finished = true;
    run.cancelled = true;
    run.error = QStringLiteral("partly \"cancelled\"\nby a user");
    run.embeddedServerUrl = QStringLiteral("http://127.0.0.1:41234/");
    for (int i = 0; i < 3; ++i) {
        RequestRecord r;
        r.id = i;
        for (int p = 0; p < kPhaseCount; ++p)
            r.at[std::size_t(p)] = i == 2 && p > 3 ? kUnset : Nanos(p) * 1'000'003 + i;
        r.status = i == 2 ? RequestStatus::Cancelled : RequestStatus::Ok;
        r.httpStatus = i == 2 ? 0 : 200;
        r.threadId = 4000 + i;
        r.processId = 77;
        r.serverWorker = std::int16_t(i == 2 ? -1 : i);
        r.logicalLane = i % 2;
        r.error = i == 2 ? QStringLiteral("cancelled, ünïcode") : QString();
        run.requests.push_back(r);
    }
    run.laneEvents.push_back({LaneEventKind::ThreadStarted, 10, 4000, 77, 0, {}});
    run.laneEvents.push_back(
        {LaneEventKind::ProcessCrashed, 20, 0, 78, 1, QStringLiteral("signal 9")});
    return run;
}

QString loadError(const QByteArray &json) {
    QString error;
    EXPECT_FALSE(runFromJson(json, &error)) << json.left(200).toStdString();
    return error;
}

// The sample run's JSON with one value replaced by a textual substitution.
QByteArray sampleWith(const char *from, const char *to) {
    QByteArray json = runToJson(everyFieldRun());
    EXPECT_TRUE(json.contains(from)) << from;
    return json.replace(from, to);
}

} // namespace

TEST(RunFile, RoundTripsEveryFieldExactly) {
    const reqlanes::Run run = everyFieldRun();
    QString error;
    const auto loaded = runFromJson(runToJson(run), &error);
    ASSERT_TRUE(loaded) << error.toStdString();
    EXPECT_EQ(*loaded, run);
    EXPECT_EQ(loaded->startedAt.toMSecsSinceEpoch(), run.startedAt.toMSecsSinceEpoch());
}

// A file from before the embedded server's URL was kept reads as not knowing it.
TEST(RunFile, AFileWithoutTheEmbeddedServersUrlReadsAsUnknown) {
    QByteArray json = runToJson(everyFieldRun());
    const QByteArray line = "  \"embedded_server_url\": \"http://127.0.0.1:41234/\",\n";
    ASSERT_TRUE(json.contains(line));
    QString error;
    const auto loaded = runFromJson(json.replace(line, ""), &error);
    ASSERT_TRUE(loaded) << error.toStdString();
    EXPECT_TRUE(loaded->embeddedServerUrl.isEmpty());
}

TEST(RunFile, RoundTripsAnEmptyUnstartedRun) {
    reqlanes::Run run;
    const auto loaded = runFromJson(runToJson(run), nullptr);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(*loaded, run);
}

TEST(RunFile, IsVersionedJsonWithNullForUnsetPhases) {
    const QJsonObject root = QJsonDocument::fromJson(runToJson(everyFieldRun())).object();
    EXPECT_EQ(root.value(QLatin1String("format")).toString(), QStringLiteral("reqlanes-run"));
    EXPECT_EQ(root.value(QLatin1String("version")).toInt(), kRunFormatVersion);
    const QJsonObject third = root.value(QLatin1String("requests")).toArray()[2].toObject();
    EXPECT_TRUE(third.value(QLatin1String("done")).isNull());
    EXPECT_EQ(third.value(QLatin1String("created")).toInteger(), 2);
}

TEST(RunFile, TruncatedFileSaysWhereItEnds) {
    const QByteArray json = runToJson(everyFieldRun());
    const QString error = loadError(json.left(json.size() / 2));
    EXPECT_TRUE(error.startsWith(QStringLiteral("line "))) << error.toStdString();
}

TEST(RunFile, GarbageAndEmptyAndNonObjectsAreRejected) {
    EXPECT_FALSE(loadError(QByteArray("\x00\xff\x13garbage", 10)).isEmpty());
    EXPECT_EQ(loadError(""), QStringLiteral("the file is empty"));
    EXPECT_TRUE(loadError("[1,2]").contains(QStringLiteral("not an object")));
    EXPECT_TRUE(loadError("{\"format\":\"something-else\",\"version\":1}")
                    .contains(QStringLiteral("not a reqlanes run file")));
}

TEST(RunFile, NewerVersionIsRefusedByNumber) {
    EXPECT_EQ(loadError(sampleWith("\"version\": 1", "\"version\": 7")),
              QStringLiteral("version 7 is newer than this reqlanes (1)"));
    EXPECT_TRUE(loadError(sampleWith("\"version\": 1", "\"version\": 0"))
                    .contains(QStringLiteral("not a valid run file version")));
}

TEST(RunFile, BadFieldsAreNamedByPath) {
    EXPECT_EQ(loadError(sampleWith("\"status\":\"cancelled\"", "\"status\":\"zz\"")),
              QStringLiteral("requests[2].status: unknown value \"zz\""));
    EXPECT_EQ(loadError(sampleWith("\"id\":1,", "\"id\":5,")),
              QStringLiteral("requests[1].id: 5 does not match its position 1"));
    EXPECT_EQ(loadError(sampleWith("\"thread\":4001", "\"thread\":\"x\"")),
              QStringLiteral("requests[1].thread: expected an integer, got a string"));
    EXPECT_EQ(loadError(sampleWith("\"http_status\":200", "\"http_status\":2.5")),
              QStringLiteral("requests[0].http_status: expected an integer, got 2.5"));
    EXPECT_TRUE(loadError(sampleWith("\"server_worker\":1", "\"server_worker\":-7"))
                    .startsWith(QStringLiteral("requests[1].server_worker: -7 is out of range")));
    EXPECT_EQ(loadError(sampleWith("\"kind\":\"process_crashed\"", "\"kind\":\"exploded\"")),
              QStringLiteral("lane_events[1].kind: unknown value \"exploded\""));
    EXPECT_EQ(loadError(sampleWith("\"mode\":\"async\"", "\"mode\":\"fast\"")),
              QStringLiteral("scenario.server.mode: unknown value \"fast\""));
    EXPECT_TRUE(loadError(sampleWith("\"n\":3", "\"n\":0"))
                    .startsWith(QStringLiteral("scenario: n must be")));
    EXPECT_EQ(loadError(sampleWith("\"finished\": true", "\"finished\": 1")),
              QStringLiteral("finished: expected true or false, got 1"));
    EXPECT_EQ(loadError(sampleWith("\"error\":\"\",", "")),
              QStringLiteral("requests[0]: missing \"error\""));
    EXPECT_TRUE(loadError(sampleWith("\"started_at\": \"", "\"started_at\": \"x"))
                    .startsWith(QStringLiteral("started_at: not an ISO 8601")));
}

TEST(RunFile, HugeCountsInTheFileDoNotAllocate) {
    // Sizes come from the arrays actually present, never from numbers in the file.
    const QString error = loadError(sampleWith("\"n\":3", "\"n\":1e300"));
    EXPECT_TRUE(error.startsWith(QStringLiteral("scenario.n: 1e+300 is out of range")))
        << error.toStdString();
    EXPECT_TRUE(loadError(sampleWith("\"created\":0,", "\"created\":1e20,"))
                    .startsWith(QStringLiteral("requests[0].created:")));
}

TEST(RunFile, SaveAndLoadThroughAFile) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QString error;
    ASSERT_TRUE(saveRun(everyFieldRun(), path, &error)) << error.toStdString();
    const auto loaded = loadRun(path, &error);
    ASSERT_TRUE(loaded) << error.toStdString();
    EXPECT_EQ(*loaded, everyFieldRun());
}

TEST(RunFile, LoadErrorsNameTheFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    ASSERT_TRUE(writeFileAtomically(path, "{\"format\":", nullptr));
    QString error;
    EXPECT_FALSE(loadRun(path, &error));
    EXPECT_TRUE(error.startsWith(path + QStringLiteral(": line 1"))) << error.toStdString();
    EXPECT_FALSE(loadRun(dir.filePath(QStringLiteral("missing.json")), &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("cannot open"))) << error.toStdString();
}

TEST(WriteFileAtomically, ReplacesTheFileAndNamesAFailure) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.txt"));
    ASSERT_TRUE(writeFileAtomically(path, "first", nullptr));
    QString error;
    EXPECT_FALSE(writeFileAtomically(dir.filePath(QStringLiteral("no/such/dir/x")), "x", &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write"))) << error.toStdString();
    ASSERT_TRUE(writeFileAtomically(path, "second", nullptr));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("second"));
}

namespace {

// A watch session with everything a reopened session needs: labels, connections, outside
// traffic and the dropped count, each away from its default.
reqlanes::Run sampleSession() {
    reqlanes::Run run = everyFieldRun();
    run.connections.push_back({7,
                               QStringLiteral("127.0.0.1:53422"),
                               4242,
                               QStringLiteral("python3 threads.py --n 3"),
                               5,
                               900,
                               {}});
    run.connections.push_back({(std::uint64_t(1) << 40) + 3,
                               QStringLiteral("[::1]:40000"),
                               0,
                               {},
                               kUnset,
                               kUnset,
                               QStringLiteral("idle timeout")});
    run.origins = {{0, QStringLiteral("req-0"), QStringLiteral("thread 1"),
                    QStringLiteral("GET /work?ms=100"),
                    QStringLiteral("00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01")},
                   {1, {}, {}, QStringLiteral("GET /"), {}},
                   {-1, {}, {}, {}, {}}};
    run.outsideRequests.push_back({QStringLiteral("other-1"), 11, 12, 13, 2, 200});
    run.outsideRequests.push_back({{}, 21, kUnset, kUnset, -1, 0});
    run.outsideRequests.push_back({QStringLiteral("g3-1"), 0, 0, 40, 1, 200, true});
    run.droppedRequests = 17;
    // A traced program's own account (Python tracer): library, task, waits, timeout.
    ClientSide semaphore;
    semaphore.library = QStringLiteral("aiohttp");
    semaphore.task = QStringLiteral("4242:140001");
    semaphore.taskName = QStringLiteral("Task-7");
    semaphore.semaphore = {ClientWait::Semaphore, 3, 1000, 3};
    semaphore.connection = {ClientWait::Connector, 1001, kUnset, 100};
    semaphore.timeoutS = 1.5;
    ClientSide pool;
    pool.library = QStringLiteral("requests");
    pool.connection = {ClientWait::Pool, 10, 20, 10};
    run.clientSides = {semaphore, pool, ClientSide{}};
    return run;
}

} // namespace

TEST(RunFile, RoundTripsAWatchSessionWhole) {
    const reqlanes::Run run = sampleSession();
    QString error;
    const auto loaded = runFromJson(runToJson(run), &error);
    ASSERT_TRUE(loaded) << error.toStdString();
    EXPECT_EQ(loaded->connections, run.connections);
    EXPECT_EQ(loaded->origins, run.origins);
    EXPECT_EQ(loaded->outsideRequests, run.outsideRequests);
    EXPECT_EQ(loaded->droppedRequests, 17);
    EXPECT_EQ(loaded->clientSides, run.clientSides);
    EXPECT_EQ(*loaded, run);
}

TEST(RunFile, SessionSavedThroughAFileKeepsOutsideTraffic) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("session.json"));
    QString error;
    ASSERT_TRUE(saveRun(sampleSession(), path, &error)) << error.toStdString();
    const auto loaded = loadRun(path, &error);
    ASSERT_TRUE(loaded) << error.toStdString();
    EXPECT_EQ(*loaded, sampleSession());
}

TEST(RunFile, VersionOneFilesWithoutSessionTablesStillLoad) {
    // A file written before these fields existed: same version, keys absent.
    QJsonObject root = QJsonDocument::fromJson(runToJson(sampleSession())).object();
    for (const char *key :
         {"outside_requests", "connections", "origins", "dropped_requests", "client_sides"})
        root.remove(QLatin1String(key));
    QString error;
    const auto loaded = runFromJson(QJsonDocument(root).toJson(), &error);
    ASSERT_TRUE(loaded) << error.toStdString();
    EXPECT_EQ(*loaded, everyFieldRun());
}

TEST(RunFile, BadSessionTablesAreNamedByPath) {
    QJsonObject root = QJsonDocument::fromJson(runToJson(sampleSession())).object();
    auto withField = [&root](const char *array, int index, const char *key,
                             const QJsonValue &value) {
        QJsonObject copy = root;
        QJsonArray items = copy.value(QLatin1String(array)).toArray();
        QJsonObject item = items[index].toObject();
        item.insert(QLatin1String(key), value);
        items[index] = item;
        copy.insert(QLatin1String(array), items);
        return QJsonDocument(copy).toJson();
    };
    EXPECT_TRUE(loadError(withField("origins", 0, "connection", 2))
                    .startsWith(QStringLiteral("origins[0].connection")));
    EXPECT_TRUE(loadError(withField("connections", 1, "peer", 5))
                    .startsWith(QStringLiteral("connections[1].peer")));
    EXPECT_TRUE(loadError(withField("outside_requests", 0, "worker", -2))
                    .startsWith(QStringLiteral("outside_requests[0].worker")));
    EXPECT_TRUE(loadError(withField("outside_requests", 1, "accepted", QStringLiteral("x")))
                    .startsWith(QStringLiteral("outside_requests[1].accepted")));
    EXPECT_TRUE(loadError(withField("client_sides", 0, "timeout_s", -1))
                    .startsWith(QStringLiteral("client_sides[0].timeout_s")));
    EXPECT_TRUE(loadError(withField("client_sides", 1, "semaphore",
                                    QJsonObject{{QStringLiteral("what"), QStringLiteral("lock")},
                                                {QStringLiteral("from"), 0},
                                                {QStringLiteral("to"), 0},
                                                {QStringLiteral("limit"), 1}}))
                    .startsWith(QStringLiteral("client_sides[1].semaphore.what")));

    QJsonObject fewer = root;
    QJsonArray origins = fewer.value(QLatin1String("origins")).toArray();
    origins.removeLast();
    fewer.insert(QLatin1String("origins"), origins);
    EXPECT_EQ(loadError(QJsonDocument(fewer).toJson()),
              QStringLiteral("origins: 2 origins for 3 requests"));

    QJsonObject negative = root;
    negative.insert(QLatin1String("dropped_requests"), -1);
    EXPECT_TRUE(
        loadError(QJsonDocument(negative).toJson()).startsWith(QStringLiteral("dropped_requests")));
    QJsonObject notArray = root;
    notArray.insert(QLatin1String("connections"), 3);
    EXPECT_TRUE(
        loadError(QJsonDocument(notArray).toJson()).startsWith(QStringLiteral("connections")));
}
