// The OTLP/JSON writer: a real run on loopback written as traces and read back keeps every phase
// OTLP can hold (client span, network events, server span with its accept), and the output
// follows OTLP/JSON (hex ids, string nanoseconds, one trace per run, service.name reqlanes).
#include "formats/otlpwriter.h"

#include "formats/otlpreader.h"
#include "formats/otlprun.h"
#include "run/runner.h"

#include "qtcoreenvironment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <QMap>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

reqlanes::Run realRun() {
    Scenario scenario;
    scenario.strategy = QStringLiteral("threads");
    scenario.n = 4;
    scenario.server.workers = 2;
    scenario.server.latencyMs = 150;
    return runScenario(scenario);
}

} // namespace

TEST(OtlpWriter, ARealRunRoundTripsThroughOtlpWithItsPhasesAndServerWork) {
    const reqlanes::Run run = realRun();
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    ASSERT_EQ(run.requests.size(), 4u);

    QString error;
    const auto back = runFromOtlpJson(runToOtlpJson(run), &error);
    ASSERT_TRUE(back) << error.toStdString();
    ASSERT_EQ(back->requests.size(), run.requests.size());
    // Requests come back in order of creation; the clock's origin moves to the first one
    // (Unix time has only the run's start to the millisecond): compare durations from created.
    std::vector<const RequestRecord *> original;
    for (const RequestRecord &record : run.requests)
        original.push_back(&record);
    std::stable_sort(original.begin(), original.end(), [](auto *a, auto *b) {
        return a->phase(Phase::Created) < b->phase(Phase::Created);
    });
    for (std::size_t i = 0; i < original.size(); ++i) {
        const RequestRecord &before = *original[i];
        const RequestRecord &after = back->requests[i];
        SCOPED_TRACE(i);
        for (int p = 0; p < kPhaseCount; ++p) {
            SCOPED_TRACE(phaseName(Phase(p)).toStdString());
            ASSERT_EQ(after.at[std::size_t(p)] != kUnset, before.at[std::size_t(p)] != kUnset);
            if (before.at[std::size_t(p)] != kUnset) {
                EXPECT_EQ(after.at[std::size_t(p)] - after.phase(Phase::Created),
                          before.at[std::size_t(p)] - before.phase(Phase::Created));
            }
        }
        EXPECT_EQ(after.status, before.status);
        EXPECT_EQ(after.httpStatus, before.httpStatus);
        EXPECT_EQ(after.serverWorker, before.serverWorker);
        EXPECT_EQ(after.threadId, before.threadId);
        EXPECT_EQ(back->spans[i].service, QStringLiteral("reqlanes"));
        EXPECT_EQ(back->spans[i].traceId, back->spans[0].traceId); // one trace per run
    }
    // Two workers, four requests of 150 ms: the second pair queued in the server, and the
    // round trip still says so.
    int queued = 0;
    for (const RequestRecord &record : back->requests)
        if (record.span(Phase::ServerAccept, Phase::ServerStart) > 75'000'000)
            ++queued;
    EXPECT_EQ(queued, 2);
}

namespace {

// A finished sync run of one request, served 10-90 ms and timed out at 100 ms.
reqlanes::Run oneTimedOutRequest() {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("sync");
    run.strategyName = QStringLiteral("Sequential");
    run.startedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000);
    run.finished = true;
    RequestRecord record;
    record.at[int(Phase::Created)] = 0;
    record.at[int(Phase::ServerStart)] = 10'000'000;
    record.at[int(Phase::ServerEnd)] = 90'000'000;
    record.at[int(Phase::Done)] = 100'000'000;
    record.status = RequestStatus::Timeout;
    record.error = QStringLiteral("timed out after 100 ms");
    run.requests.push_back(record);
    run.elapsed = 100'000'000;
    return run;
}

} // namespace

TEST(OtlpWriter, WritesOtlpJsonWithHexIdsStringTimesAndSemanticConventions) {
    const reqlanes::Run run = oneTimedOutRequest();

    const QJsonObject document = QJsonDocument::fromJson(runToOtlpJson(run)).object();
    const QJsonArray resources = document[QStringLiteral("resourceSpans")].toArray();
    ASSERT_EQ(resources.size(), 1);
    const QJsonObject resource = resources[0].toObject();
    EXPECT_EQ(resource[QStringLiteral("resource")][QStringLiteral("attributes")][0]
                      [QStringLiteral("value")][QStringLiteral("stringValue")]
                          .toString(),
              QStringLiteral("reqlanes"));
    const QJsonArray spans =
        resource[QStringLiteral("scopeSpans")][0][QStringLiteral("spans")].toArray();
    ASSERT_EQ(spans.size(), 3); // the run's root, the client span, its server span
    const QJsonObject client = spans[1].toObject();
    EXPECT_EQ(client[QStringLiteral("kind")].toInt(), 3);
    EXPECT_EQ(client[QStringLiteral("startTimeUnixNano")].toString(),
              QStringLiteral("1700000000000000000"));
    EXPECT_EQ(client[QStringLiteral("traceId")].toString().size(), 32);
    EXPECT_EQ(client[QStringLiteral("parentSpanId")].toString(),
              spans[0].toObject()[QStringLiteral("spanId")].toString());
    EXPECT_EQ(client[QStringLiteral("status")][QStringLiteral("code")].toInt(), 2);
    QSet<QString> keys;
    for (const QJsonValue attribute : client[QStringLiteral("attributes")].toArray())
        keys << attribute[QStringLiteral("key")].toString();
    EXPECT_TRUE(keys.contains(QStringLiteral("http.request.method")));
    EXPECT_TRUE(keys.contains(QStringLiteral("server.address")));
    EXPECT_TRUE(keys.contains(QStringLiteral("error.type")));
    const QJsonObject server = spans[2].toObject();
    EXPECT_EQ(server[QStringLiteral("kind")].toInt(), 2);
    EXPECT_EQ(server[QStringLiteral("parentSpanId")].toString(),
              client[QStringLiteral("spanId")].toString());
    EXPECT_EQ(server[QStringLiteral("endTimeUnixNano")].toString(),
              QStringLiteral("1700000000090000000"));

    QString error;
    const auto back = runFromOtlpJson(runToOtlpJson(run), &error);
    ASSERT_TRUE(back) << error.toStdString();
    EXPECT_EQ(back->requests[0].status, RequestStatus::Timeout);
    EXPECT_EQ(back->requests[0].error, QStringLiteral("timed out after 100 ms"));
}

// A run on the embedded server names where that server listened (OTel HTTP semantic conventions:
// url.full, server.address, server.port), as the HAR export does.
TEST(OtlpWriter, ARunOnTheEmbeddedServerNamesItsUrlAndPort) {
    reqlanes::Run run = oneTimedOutRequest();
    run.embeddedServerUrl = QStringLiteral("http://127.0.0.1:41234/");
    const QJsonObject document = QJsonDocument::fromJson(runToOtlpJson(run)).object();
    const QJsonObject client = document[QStringLiteral("resourceSpans")][0]
                                       [QStringLiteral("scopeSpans")][0][QStringLiteral("spans")][1]
                                           .toObject();
    QMap<QString, QJsonValue> attributes;
    for (const QJsonValue attribute : client[QStringLiteral("attributes")].toArray())
        attributes[attribute[QStringLiteral("key")].toString()] =
            attribute[QStringLiteral("value")].toObject().begin().value();
    EXPECT_EQ(attributes.value(QStringLiteral("url.full")).toString(),
              QStringLiteral("http://127.0.0.1:41234/"));
    EXPECT_EQ(attributes.value(QStringLiteral("server.port")).toVariant().toInt(), 41234);
}

TEST(OtlpWriter, ATracedRunKeepsItsServicesWhenWrittenAgain) {
    QFile file(QStringLiteral(REQLANES_TEST_DATA_DIR "/otlp/collector-file-exporter.jsonl"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QString error;
    const auto run = runFromOtlpJson(file.readAll(), &error);
    ASSERT_TRUE(run) << error.toStdString();
    const auto again = runFromOtlpJson(runToOtlpJson(*run), &error);
    ASSERT_TRUE(again) << error.toStdString();
    ASSERT_EQ(again->requests.size(), run->requests.size());
    for (std::size_t i = 0; i < run->requests.size(); ++i) {
        EXPECT_EQ(again->spans[i].service, run->spans[i].service);
        EXPECT_EQ(again->spans[i].host, run->spans[i].host);
        EXPECT_EQ(again->requests[i].at, run->requests[i].at);
        EXPECT_EQ(again->requests[i].status, run->requests[i].status);
    }
}
