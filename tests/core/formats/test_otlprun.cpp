// Spans to requests: a client span is a request, its server child the server work inside it,
// network events are phases, what no span says stays unknown; old and new semantic conventions.
#include "formats/otlprun.h"
#include "syntheticrun.h"

#include "formats/fileformats.h"
#include "results/lanegroupings.h"

#include <QFile>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

reqlanes::Run collectorRun() {
    QFile file(QStringLiteral(REQLANES_TEST_DATA_DIR "/otlp/collector-file-exporter.jsonl"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    QString error;
    auto run = runFromOtlpJson(file.readAll(), &error);
    EXPECT_TRUE(run) << error.toStdString();
    return run.value_or(reqlanes::Run{});
}

OtlpSpan httpSpan(OtlpSpanKind kind, const char *spanId, const char *parent, Nanos startMs,
                  Nanos endMs) {
    OtlpSpan span;
    span.traceId = QStringLiteral("5b8efff798038103d269b633813fc60c");
    span.spanId = QLatin1String(spanId);
    span.parentSpanId = QLatin1String(parent);
    span.kind = kind;
    span.startUnixNs = 1'700'000'000'000'000'000 + startMs * kMs;
    span.endUnixNs = 1'700'000'000'000'000'000 + endMs * kMs;
    span.attributes.insert(QStringLiteral("http.request.method"), QStringLiteral("GET"));
    return span;
}

} // namespace

TEST(OtlpRun, AClientSpanWithItsServerChildHasServerWorkInsideAndNothingInvented) {
    OtlpSpan client = httpSpan(OtlpSpanKind::Client, "00000000000000c1", "", 0, 300);
    client.attributes.insert(QStringLiteral("http.response.status_code"), 200);
    OtlpSpan server =
        httpSpan(OtlpSpanKind::Server, "00000000000000s1", "00000000000000c1", 40, 280);
    server.spanId = QStringLiteral("00000000000000a1");
    const reqlanes::Run run = runFromTracedRequests(tracedRequests({server, client}));
    ASSERT_EQ(run.requests.size(), 1u);
    const RequestRecord &request = run.requests[0];
    EXPECT_EQ(request.phase(Phase::Created), 0);
    EXPECT_EQ(request.phase(Phase::ServerStart), 40 * kMs);
    EXPECT_EQ(request.phase(Phase::ServerEnd), 280 * kMs);
    EXPECT_EQ(request.phase(Phase::Done), 300 * kMs);
    // No span said when it got a slot, connected, was accepted or sent: unknown.
    for (const Phase unknown : {Phase::Acquired, Phase::ConnectStart, Phase::Connected, Phase::Sent,
                                Phase::ServerAccept, Phase::FirstByte})
        EXPECT_FALSE(request.has(unknown)) << phaseName(unknown).toStdString();
    EXPECT_EQ(request.status, RequestStatus::Ok);
    EXPECT_EQ(request.httpStatus, 200);
    EXPECT_EQ(run.elapsed, 300 * kMs);
    EXPECT_EQ(runKindOf(run), RunKind::TracedRun);
}

TEST(OtlpRun, NetworkTimingEventsBecomePhases) {
    OtlpSpan client = httpSpan(OtlpSpanKind::Client, "00000000000000c1", "", 0, 300);
    const auto at = [&](Nanos ms) { return client.startUnixNs + ms * kMs; };
    client.events = {{QStringLiteral("connectStart"), at(2)},
                     {QStringLiteral("connectEnd"), at(5)},
                     {QStringLiteral("requestStart"), at(6)},
                     {QStringLiteral("responseStart"), at(290)},
                     {QStringLiteral("cache.miss"), at(1)}};
    const reqlanes::Run run = runFromTracedRequests(tracedRequests({client}));
    ASSERT_EQ(run.requests.size(), 1u);
    EXPECT_EQ(run.requests[0].phase(Phase::ConnectStart), 2 * kMs);
    EXPECT_EQ(run.requests[0].phase(Phase::Connected), 5 * kMs);
    EXPECT_EQ(run.requests[0].phase(Phase::Sent), 6 * kMs);
    EXPECT_EQ(run.requests[0].phase(Phase::FirstByte), 290 * kMs);
}

TEST(OtlpRun, OldAndNewSemanticConventionsGiveTheSameHostAndStatus) {
    OtlpSpan fresh = httpSpan(OtlpSpanKind::Client, "00000000000000c1", "", 0, 100);
    fresh.attributes.insert(QStringLiteral("server.address"), QStringLiteral("api"));
    fresh.attributes.insert(QStringLiteral("server.port"), 8080);
    fresh.attributes.insert(QStringLiteral("http.response.status_code"), 503);
    fresh.attributes.insert(QStringLiteral("error.type"), QStringLiteral("503"));
    OtlpSpan old = httpSpan(OtlpSpanKind::Client, "00000000000000c2", "", 10, 100);
    old.attributes.remove(QStringLiteral("http.request.method"));
    old.attributes.insert(QStringLiteral("http.method"), QStringLiteral("GET"));
    old.attributes.insert(QStringLiteral("http.url"), QStringLiteral("http://api:8080/x"));
    old.attributes.insert(QStringLiteral("http.status_code"), QStringLiteral("503"));
    const reqlanes::Run run = runFromTracedRequests(tracedRequests({fresh, old}));
    ASSERT_EQ(run.requests.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(run.spans[i].host, QStringLiteral("api:8080"));
        EXPECT_EQ(run.requests[i].status, RequestStatus::HttpError);
        EXPECT_EQ(run.requests[i].httpStatus, 503);
    }
    EXPECT_EQ(run.spans[1].url, QStringLiteral("http://api:8080/x"));
}

TEST(OtlpRun, ErrorTypesNameTimeoutsAndRefusals) {
    OtlpSpan timeout = httpSpan(OtlpSpanKind::Client, "00000000000000c1", "", 0, 100);
    timeout.attributes.insert(QStringLiteral("error.type"), QStringLiteral("timeout"));
    timeout.statusCode = 2;
    OtlpSpan refused = httpSpan(OtlpSpanKind::Client, "00000000000000c2", "", 1, 2);
    refused.attributes.insert(QStringLiteral("error.type"), QStringLiteral("ECONNREFUSED"));
    refused.statusCode = 2;
    refused.statusMessage = QStringLiteral("connect ECONNREFUSED 127.0.0.1:9");
    const reqlanes::Run run = runFromTracedRequests(tracedRequests({timeout, refused}));
    EXPECT_EQ(run.requests[0].status, RequestStatus::Timeout);
    EXPECT_EQ(run.requests[1].status, RequestStatus::Refused);
    EXPECT_EQ(run.requests[1].error, QStringLiteral("connect ECONNREFUSED 127.0.0.1:9"));
}

TEST(OtlpRun, TheCollectorFileBecomesRequestsOfEachServiceWithTheirServerWork) {
    const reqlanes::Run run = collectorRun();
    // 3 checkout + 4 catalog calls of the frontend, 3 payments calls of checkout, 1 payments
    // call whose client was not traced; the internal and database spans are left out.
    ASSERT_EQ(run.requests.size(), 11u);
    ASSERT_EQ(run.spans.size(), 11u);
    int withServerWork = 0;
    QStringList services;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        if (run.requests[i].has(Phase::ServerStart))
            ++withServerWork;
        if (!services.contains(run.spans[i].service))
            services << run.spans[i].service;
        EXPECT_EQ(run.requests[i].id, int(i));
    }
    EXPECT_EQ(withServerWork, 11);
    EXPECT_EQ(services, (QStringList{QStringLiteral("frontend"), QStringLiteral("checkout"),
                                     QStringLiteral("payments")}));
    EXPECT_EQ(run.requests.front().phase(Phase::Created), 0); // the origin: the earliest start
    EXPECT_EQ(run.startedAt.toMSecsSinceEpoch(), 1733250000005);
}

TEST(OtlpRun, AFileWithoutHttpSpansSaysSo) {
    const QByteArray internalOnly =
        R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","kind":1,"startTimeUnixNano":"5","endTimeUnixNano":"9"}]}]}]})";
    QString error;
    EXPECT_FALSE(runFromOtlpJson(internalOnly, &error));
    EXPECT_EQ(error.toStdString(), "no HTTP client or server spans among 1 spans");
}

TEST(OtlpRun, TheFormatsTableOpensACollectorFileByContent) {
    QString error;
    const auto run = openRunFile(
        QStringLiteral(REQLANES_TEST_DATA_DIR "/otlp/collector-file-exporter.jsonl"), &error);
    ASSERT_TRUE(run) << error.toStdString();
    EXPECT_EQ(run->requests.size(), 11u);
    EXPECT_EQ(run->scenario.strategy, QLatin1String(kTracedRunStrategy));
}
