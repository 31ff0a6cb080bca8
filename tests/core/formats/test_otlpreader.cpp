// The OTLP/JSON reader: the Collector's file exporter (JSON Lines) and single documents, ids in
// hex (base64 tolerated), 64-bit numbers as strings or numbers, unknown fields ignored, and
// errors that name the line and the field.
#include "formats/otlpreader.h"

#include <QFile>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

QByteArray otlpFixture(const char *name) {
    QFile file(QStringLiteral(REQLANES_TEST_DATA_DIR "/otlp/") + QLatin1String(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

// One span in an export request, its fields given as JSON text.
QByteArray oneSpan(const QByteArray &fields) {
    return R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeSpans":[{"spans":[{)" +
           fields + "}]}]}]}";
}

const QByteArray kIds =
    R"("traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174")";

} // namespace

TEST(OtlpReader, ReadsTheCollectorFileExporterLinesWithResourcesAndEvents) {
    QString error;
    const auto spans = readOtlpFile(otlpFixture("collector-file-exporter.jsonl"), &error);
    ASSERT_TRUE(spans) << error.toStdString();
    EXPECT_EQ(spans->size(), 25u); // every span of the three lines, HTTP or not
    const OtlpSpan &first = spans->front();
    EXPECT_EQ(first.service, QStringLiteral("frontend"));
    EXPECT_EQ(first.hostName, QStringLiteral("frontend-7d9f"));
    EXPECT_EQ(first.kind, OtlpSpanKind::Internal);
    EXPECT_EQ(first.traceId.size(), 32);
    const OtlpSpan &client = (*spans)[1];
    EXPECT_EQ(client.kind, OtlpSpanKind::Client);
    EXPECT_EQ(client.parentSpanId, first.spanId);
    EXPECT_EQ(client.attributes.value(QStringLiteral("server.port")).toLongLong(), 8080);
    EXPECT_EQ(client.attributes.value(QStringLiteral("url.full")).toString(),
              QStringLiteral("http://checkout:8080/orders"));
    ASSERT_EQ(client.events.size(), 4u);
    EXPECT_EQ(client.events[0].name, QStringLiteral("connectStart"));
    EXPECT_EQ(client.events[0].timeUnixNs - client.startUnixNs, 1'000'000);
    EXPECT_EQ(client.endUnixNs - client.startUnixNs, 545'000'000);
}

TEST(OtlpReader, ReadsAPrettyPrintedDocumentWithNumbersAndEnumNames) {
    QString error;
    const auto spans = readOtlpFile(otlpFixture("single-document.json"), &error);
    ASSERT_TRUE(spans) << error.toStdString();
    ASSERT_EQ(spans->size(), 2u);
    EXPECT_EQ((*spans)[0].kind, OtlpSpanKind::Client);       // "SPAN_KIND_CLIENT"
    EXPECT_EQ((*spans)[0].startUnixNs, 1733250000000000000); // a JSON number, exact
    EXPECT_EQ((*spans)[0].attributes.value(QStringLiteral("http.response.status_code")).toInt(),
              200);
    EXPECT_EQ((*spans)[1].kind, OtlpSpanKind::Server);
    EXPECT_EQ((*spans)[1].parentSpanId, (*spans)[0].spanId);
}

TEST(OtlpReader, TakesBase64IdsAsEarlyExportersWroteThemAndIgnoresUnknownFields) {
    // 16 and 8 bytes in base64; "zzz" fields anywhere are not OTLP's and are skipped.
    const QByteArray body = oneSpan(
        R"("traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXQ=","zzz":{"a":1},"kind":3,"startTimeUnixNano":"1","endTimeUnixNano":"2")");
    QString error;
    const auto batch = readOtlpRequest(body, &error);
    ASSERT_TRUE(batch) << error.toStdString();
    ASSERT_EQ(batch->spans.size(), 1u);
    EXPECT_EQ(batch->spans[0].traceId, QStringLiteral("5b8efff798038103d269b633813fc60c"));
    EXPECT_EQ(batch->spans[0].spanId, QStringLiteral("eee19b7ec3c1b174"));
    EXPECT_EQ(batch->spans[0].service, QStringLiteral("svc"));
}

TEST(OtlpReader, LeavesOutSpansWithBadIdsOrTimesAndCountsThem) {
    const QByteArray body =
        R"({"resourceSpans":[{"scopeSpans":[{"spans":[{)" + kIds +
        R"(,"startTimeUnixNano":"5","endTimeUnixNano":"9"},{"traceId":"00000000000000000000000000000000","spanId":"eee19b7ec3c1b174","startTimeUnixNano":"5","endTimeUnixNano":"9"},{)" +
        kIds + R"(,"startTimeUnixNano":"9","endTimeUnixNano":"5"}]}]}]})";
    QString error;
    const auto batch = readOtlpRequest(body, &error);
    ASSERT_TRUE(batch) << error.toStdString();
    EXPECT_EQ(batch->spans.size(), 1u);
    EXPECT_EQ(batch->rejected, 2);
    EXPECT_EQ(batch->firstRejection.toStdString(),
              "resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 32 hex digits, not all "
              "zero, got \"00000000000000000000000000000000\"");
}

TEST(OtlpReader, AWrongStructureFailsWithThePathOfTheField) {
    QString error;
    EXPECT_FALSE(readOtlpRequest(R"({"resourceSpans":[{"scopeSpans":{"spans":[]}}]})", &error));
    EXPECT_EQ(error.toStdString(),
              "resourceSpans[0].scopeSpans: expected an array, got {\"spans\":[]}");
    EXPECT_FALSE(readOtlpRequest(R"({"resourceSpans":[{"scopeSpans":[{"spans":[7]}]}]})", &error));
    EXPECT_EQ(error.toStdString(),
              "resourceSpans[0].scopeSpans[0].spans[0]: expected an object, got 7");
    EXPECT_FALSE(readOtlpRequest("[1,2]", &error));
    EXPECT_FALSE(readOtlpRequest("{\"resourceSpans\":", &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("not JSON"))) << error.toStdString();
    // An empty request is valid OTLP: nothing to add.
    const auto empty = readOtlpRequest("{}", &error);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->spans.empty());
}

TEST(OtlpReader, AFileNamesTheJsonLinesLineOfItsFirstError) {
    QByteArray lines = otlpFixture("collector-file-exporter.jsonl");
    QList<QByteArray> split = lines.split('\n');
    split[1].replace("\"spanId\":\"", "\"spanId\":\"x"); // 17 characters, not hex
    QString error;
    EXPECT_FALSE(readOtlpFile(split.join('\n'), &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral(
        "line 2: resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 16 hex digits")))
        << error.toStdString();

    split = lines.split('\n');
    split[2] = "{\"resourceSpans\": [";
    EXPECT_FALSE(readOtlpFile(split.join('\n'), &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("line 3: not JSON"))) << error.toStdString();
}

TEST(OtlpReader, ARunFileOrAnythingElseIsNotOtlp) {
    QString error;
    EXPECT_FALSE(readOtlpFile(R"({"version": 1, "requests": []})", &error));
    EXPECT_EQ(error.toStdString(), "not OTLP traces (no \"resourceSpans\")");
    EXPECT_FALSE(readOtlpFile("\n\n", &error));
    EXPECT_EQ(error.toStdString(), "empty: no OTLP traces");
}
