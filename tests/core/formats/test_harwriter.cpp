// The HAR writer: what it writes is valid HAR 1.2 by the published schema (har-schema, kept in
// tests/core/formats/har/schema/, checked with Debian's python3-jsonschema), and a real run on
// loopback re-opens with the same phases within the microsecond HAR's milliseconds keep.
#include "formats/harreader.h"
#include "formats/harwriter.h"
#include "model/scenario.h"
#include "model/target.h"
#include "qtcoreenvironment.h"
#include "run/runner.h"
#include "syntheticrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;
constexpr Nanos kMicrosecond = 1000;

// A strategy run with what HAR has fields for and what it has not: a slot wait, a server queue,
// a worker, a timeout before the server finished, and a request refused before it connected.
reqlanes::Run syntheticRun() {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async-semaphore");
    run.scenario.n = 3;
    run.strategyName = QStringLiteral("Async + semaphore");
    run.startedAt = QDateTime::fromMSecsSinceEpoch(1'764'000'000'000, Qt::UTC);
    run.finished = true;
    const auto record = [](int id, std::initializer_list<std::pair<Phase, Nanos>> phases,
                           RequestStatus status) {
        RequestRecord r;
        r.id = id;
        for (const auto &[phase, at] : phases)
            r.at[std::size_t(phase)] = at;
        r.status = status;
        r.httpStatus = status == RequestStatus::Ok ? 200 : 0;
        r.serverWorker = status == RequestStatus::Ok ? 1 : -1;
        return r;
    };
    run.requests = {
        record(0,
               {{Phase::Created, 1'234'567},
                {Phase::Acquired, 2 * kMs},
                {Phase::ConnectStart, 3 * kMs},
                {Phase::Connected, 4 * kMs + 321},
                {Phase::Sent, 5 * kMs},
                {Phase::ServerAccept, 5 * kMs},
                {Phase::ServerStart, 40 * kMs},
                {Phase::ServerEnd, 140 * kMs},
                {Phase::FirstByte, 141 * kMs},
                {Phase::Done, 142 * kMs + 999}},
               RequestStatus::Ok),
        record(1,
               {{Phase::Created, 0},
                {Phase::Acquired, 140 * kMs},
                {Phase::ConnectStart, 141 * kMs},
                {Phase::Connected, 142 * kMs},
                {Phase::Sent, 142 * kMs},
                {Phase::Done, 300 * kMs}},
               RequestStatus::Timeout),
        record(2, {{Phase::Created, 0}, {Phase::ConnectStart, 1 * kMs}, {Phase::Done, 2 * kMs}},
               RequestStatus::Refused),
    };
    run.requests[1].error = QStringLiteral("timed out after 300 ms");
    run.requests[2].error = QStringLiteral("connection refused");
    run.elapsed = 300 * kMs;
    return run;
}

// Runs Debian's python3 with jsonschema over `har`; "" when valid, else what it said. Skips
// (with the reason) where python3-jsonschema is not installed.
QString schemaErrors(const QByteArray &har, bool *skipped) {
    static const char *kCheck = R"(
import json, pathlib, sys
import jsonschema
folder = pathlib.Path(sys.argv[1])
schema = json.loads((folder / "har.json").read_text())
resolver = jsonschema.RefResolver(base_uri=folder.as_uri() + "/", referrer=schema)
validator = jsonschema.Draft6Validator(schema, resolver=resolver,
                                       format_checker=jsonschema.FormatChecker())
errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
          for e in validator.iter_errors(json.loads(sys.stdin.read()))]
print("\n".join(errors[:10]))
)";
    *skipped = false;
    const QString python = QStringLiteral(SYSTEM_PYTHON3);
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import jsonschema")});
    if (python.isEmpty() || !probe.waitForFinished(30000) || probe.exitCode() != 0) {
        *skipped = true;
        return QStringLiteral("python3-jsonschema is not installed (scripts/test installs it)");
    }
    QProcess check;
    check.start(python, {QStringLiteral("-c"), QString::fromUtf8(kCheck),
                         QStringLiteral(HAR_FIXTURES "/schema")});
    check.write(har);
    check.closeWriteChannel();
    if (!check.waitForFinished(60000) || check.exitCode() != 0)
        return QStringLiteral("the check did not run: ") +
               QString::fromUtf8(check.readAllStandardError());
    return QString::fromUtf8(check.readAllStandardOutput()).trimmed();
}

// The reader orders requests by start: so are the written ones before comparing.
reqlanes::Run inStartOrder(reqlanes::Run run) {
    std::stable_sort(run.requests.begin(), run.requests.end(),
                     [](const RequestRecord &a, const RequestRecord &b) {
                         return a.phase(Phase::Created) < b.phase(Phase::Created);
                     });
    return run;
}

void expectSamePhases(const reqlanes::Run &writtenRun, const reqlanes::Run &reopened) {
    const reqlanes::Run written = inStartOrder(writtenRun);
    ASSERT_EQ(reopened.requests.size(), written.requests.size());
    for (std::size_t i = 0; i < written.requests.size(); ++i) {
        const RequestRecord &a = written.requests[i];
        const RequestRecord &b = reopened.requests[i];
        for (int p = 0; p < kPhaseCount; ++p) {
            SCOPED_TRACE(::testing::Message()
                         << "request " << i << " " << phaseName(Phase(p)).toStdString());
            ASSERT_EQ(a.has(Phase(p)), b.has(Phase(p)));
            if (a.has(Phase(p))) {
                EXPECT_LE(std::abs(a.phase(Phase(p)) - b.phase(Phase(p))), kMicrosecond);
            }
        }
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.serverWorker, b.serverWorker);
    }
}

} // namespace

TEST(HarWriter, WritesValidHar12ByThePublishedSchema) {
    bool skipped = false;
    const QString errors = schemaErrors(runToHar(syntheticRun()), &skipped);
    if (skipped)
        GTEST_SKIP() << errors.toStdString();
    EXPECT_EQ(errors, QString()) << errors.toStdString();
}

TEST(HarWriter, AFileTheSchemaRejectsIsCaught) {
    // The check itself must be able to fail: an entry without timings is not HAR 1.2.
    bool skipped = false;
    const QString errors = schemaErrors(
        R"({"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{}]}})",
        &skipped);
    if (skipped)
        GTEST_SKIP() << errors.toStdString();
    EXPECT_TRUE(errors.contains(QLatin1String("timings"))) << errors.toStdString();
}

TEST(HarWriter, SyntheticRunReopensWithTheSamePhasesStatusAndWorker) {
    const reqlanes::Run run = syntheticRun();
    QString error;
    const std::optional<reqlanes::Run> reopened = runFromHar(runToHar(run), &error);
    ASSERT_TRUE(reopened) << error.toStdString();
    expectSamePhases(run, *reopened);
    EXPECT_EQ(reopened->startedAt, run.startedAt);
    EXPECT_EQ(reopened->requests[2].error, run.requests[0].error) << "started last";
    EXPECT_EQ(reopened->requests[0].error, run.requests[1].error);
}

TEST(HarWriter, RealThreadsRunOnLoopbackReopensWithTheSamePhases) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("threads");
    scenario.n = 6;
    scenario.server.workers = 3;
    scenario.server.latencyMs = 100;
    const reqlanes::Run run = runScenario(scenario);
    ASSERT_EQ(run.okCount(), 6) << run.error.toStdString();
    const QByteArray har = runToHar(run);
    // Each entry's URL is where the requests went (HAR 1.2 request.url: the absolute URL; RFC 9110
    // 4.2.1: its authority is the host and port): the embedded server's own port, not 80.
    const std::optional<Target> server = Target::fromUrl(run.embeddedServerUrl);
    ASSERT_TRUE(server) << run.embeddedServerUrl.toStdString();
    EXPECT_NE(server->port, 0);
    EXPECT_NE(server->port, 80);
    const QJsonArray entries = QJsonDocument::fromJson(har)
                                   .object()[QStringLiteral("log")]
                                   .toObject()[QStringLiteral("entries")]
                                   .toArray();
    ASSERT_EQ(entries.size(), 6);
    for (const QJsonValue &entry : entries)
        EXPECT_EQ(entry[QStringLiteral("request")][QStringLiteral("url")].toString(),
                  server->url());
    QString error;
    const std::optional<reqlanes::Run> reopened = runFromHar(har, &error);
    ASSERT_TRUE(reopened) << error.toStdString();
    expectSamePhases(run, *reopened);
    // Three of six queued in the server behind the three workers: still there after the trip.
    int queued = 0;
    for (const RequestRecord &record : reopened->requests)
        queued += record.span(Phase::ServerAccept, Phase::ServerStart) > 50 * kMs ? 1 : 0;
    EXPECT_EQ(queued, 3);
    bool skipped = false;
    const QString errors = schemaErrors(har, &skipped);
    EXPECT_TRUE(skipped || errors.isEmpty()) << errors.toStdString();
}

TEST(HarWriter, AWatchSessionKeepsItsConnectionsAndPathsAndIsValid) {
    reqlanes::Run session = syntheticRun();
    session.scenario.strategy = QStringLiteral("watch");
    session.strategyName = QStringLiteral("watch session 2");
    session.connections = {
        ClientConnection{41, QStringLiteral("127.0.0.1:50000"), 4242,
                         QStringLiteral("python3 threads.py"), 0, kUnset, QString()},
        ClientConnection{42, QStringLiteral("127.0.0.1:50002"), 4242,
                         QStringLiteral("python3 threads.py"), 0, kUnset, QString()}};
    session.origins = {RequestOrigin{0, QStringLiteral("a1"), {}, QStringLiteral("GET /a?x=1"), {}},
                       RequestOrigin{1, {}, {}, QStringLiteral("GET /b"), {}},
                       RequestOrigin{1, {}, {}, QStringLiteral("POST /c"), {}}};
    const QByteArray har = runToHar(session);
    QString error;
    const std::optional<reqlanes::Run> reopened = runFromHar(har, &error);
    ASSERT_TRUE(reopened) << error.toStdString();
    EXPECT_EQ(reopened->connections.size(), 2u);
    expectSamePhases(session, *reopened);
    EXPECT_TRUE(har.contains("\"url\": \"http://127.0.0.1/a?x=1\""))
        << har.left(2000).toStdString();
    bool skipped = false;
    const QString errors = schemaErrors(har, &skipped);
    if (skipped)
        GTEST_SKIP() << errors.toStdString();
    EXPECT_EQ(errors, QString()) << errors.toStdString();
}
