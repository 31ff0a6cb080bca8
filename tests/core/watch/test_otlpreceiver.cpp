// The watch server's OTLP/HTTP receiver (POST /v1/traces, JSON): the OTLP responses (200 {},
// partialSuccess, 400 with a Status, 415, 405, gzip), spans joining the live session, the
// client span of a request the server observed joined to it by traceparent, and spans never
// becoming slow work.
#include "syntheticrun.h"
#include "watch/otlpreceiver.h"
#include "watch/spanjoin.h"
#include "watch/watchserver.h"

#include "eventually.h"
#include "testhttpclient.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <zlib.h>

#include <chrono>

using namespace reqlanes;

namespace {

constexpr int kReceiverLatencyMs = 200;
using reqlanes::testing::kMs;
const char *const kTrace = "5b8efff798038103d269b633813fc60c";

std::int64_t unixNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// One client span of `service`, ending now, `durationMs` long.
std::string exportRequest(const std::string &service, const std::string &spanId, int durationMs,
                          const std::string &url = "http://api:9000/x") {
    const std::int64_t end = unixNowNs();
    const std::int64_t start = end - std::int64_t(durationMs) * kMs;
    return R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":")" +
           service + R"("}}]},"scopeSpans":[{"spans":[{"traceId":")" + kTrace + R"(","spanId":")" +
           spanId + R"(","name":"GET","kind":3,"startTimeUnixNano":")" + std::to_string(start) +
           R"(","endTimeUnixNano":")" + std::to_string(end) +
           R"(","attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}},{"key":"url.full","value":{"stringValue":")" +
           url + R"("}},{"key":"http.response.status_code","value":{"intValue":"200"}}]}]}]}]})";
}

std::string postOtlp(const std::string &body, const std::string &type = "application/json",
                     const std::string &extra = {}) {
    return "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\n" + extra +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

QJsonObject jsonOf(const TestResponse &response) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
}

std::string gzip(const std::string &text) {
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, uLong(text.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    stream.avail_in = uInt(text.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

class OtlpReceiver : public ::testing::Test {
protected:
    void SetUp() override {
        watch::WatchServerOptions options;
        options.port = 0;
        options.server.workers = 1;
        options.server.latencyMs = kReceiverLatencyMs;
        QString error;
        ASSERT_TRUE(m_server.start(options, &error)) << error.toStdString();
    }
    TestResponse send(const std::string &bytes) {
        TestHttpClient client(m_server.port());
        EXPECT_TRUE(client.send(bytes));
        return client.readResponse();
    }

    static watch::WatchSettings quickSessions() {
        watch::WatchSettings settings;
        settings.idleGapNs = 2'000 * kMs;
        settings.lookUpProcesses = false;
        return settings;
    }

    watch::WatchRecorder m_recorder{quickSessions()};
    watch::WatchServer m_server{&m_recorder};
};

} // namespace

TEST_F(OtlpReceiver, AcceptsSpansWithAnEmptyResponseAndTheyJoinTheLiveSession) {
    const TestResponse response =
        send(postOtlp(exportRequest("checkout", "00000000000000c1", 150)));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("Content-Type"), "application/json");
    EXPECT_EQ(response.body, "{}");
    const auto live = m_recorder.liveSession();
    ASSERT_TRUE(live);
    ASSERT_EQ(live->requests.size(), 1u);
    EXPECT_EQ(live->spans[0].service, QStringLiteral("checkout"));
    EXPECT_EQ(live->spans[0].host, QStringLiteral("api:9000"));
    // Its own time, 150 ms, on the session's clock; no worker of ours.
    EXPECT_NEAR(double(live->requests[0].span(Phase::Created, Phase::Done)), 150.0 * kMs,
                2.0 * kMs);
    EXPECT_EQ(live->requests[0].serverWorker, -1);
    EXPECT_TRUE(live->tracedOnly(0));
    EXPECT_TRUE(live->connections.empty()); // the export's own connection is not drawn
}

TEST_F(OtlpReceiver, RejectedSpansAreAPartialSuccess) {
    std::string body = exportRequest("svc", "00000000000000c1", 10);
    const std::string bad = exportRequest("svc", "0000000000000000", 10); // all-zero span id
    body = body.substr(0, body.size() - 6) + "," + bad.substr(bad.find("{\"traceId\""));
    const TestResponse response = send(postOtlp(body));
    EXPECT_EQ(response.status, 200);
    const QJsonObject partial = jsonOf(response)[QStringLiteral("partialSuccess")].toObject();
    EXPECT_EQ(partial[QStringLiteral("rejectedSpans")].toString(), QStringLiteral("1"));
    EXPECT_TRUE(
        partial[QStringLiteral("errorMessage")].toString().contains(QStringLiteral("spanId")));
}

TEST_F(OtlpReceiver, AMalformedPayloadIsA400WithAStatusAndNothingIsKept) {
    const TestResponse response = send(postOtlp(R"({"resourceSpans":{}})"));
    EXPECT_EQ(response.status, 400);
    const QJsonObject status = jsonOf(response);
    EXPECT_EQ(status[QStringLiteral("code")].toInt(), 3); // INVALID_ARGUMENT
    EXPECT_TRUE(
        status[QStringLiteral("message")].toString().contains(QStringLiteral("resourceSpans")));
    EXPECT_EQ(send(postOtlp("{not json")).status, 400);
    EXPECT_FALSE(m_recorder.liveSession());
}

TEST_F(OtlpReceiver, ProtobufIsA415AndOtherMethodsA405) {
    const TestResponse protobuf = send(postOtlp("\x0a\x00", "application/x-protobuf"));
    EXPECT_EQ(protobuf.status, 415);
    EXPECT_TRUE(
        jsonOf(protobuf)[QStringLiteral("message")].toString().contains(QStringLiteral("json")));
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/v1/traces")));
    const TestResponse get = client.readResponse();
    EXPECT_EQ(get.status, 405);
    EXPECT_EQ(get.header("Allow"), "POST");
}

TEST_F(OtlpReceiver, TakesGzipBodiesAsTheCollectorSendsThem) {
    const TestResponse response = send(postOtlp(gzip(exportRequest("svc", "00000000000000c1", 20)),
                                                "application/json", "Content-Encoding: gzip\r\n"));
    EXPECT_EQ(response.status, 200) << response.body;
    ASSERT_TRUE(m_recorder.liveSession());
    EXPECT_EQ(m_recorder.liveSession()->spans.size(), 1u);
    EXPECT_EQ(send(postOtlp("not gzip", "application/json", "Content-Encoding: gzip\r\n")).status,
              400);
}

TEST_F(OtlpReceiver, AClientSpanJoinsTheRequestTheServerObservedWithItsTraceparent) {
    const std::string spanId = "00000000000000c1";
    const std::int64_t before = unixNowNs();
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request(
        "GET", "/", {}, {"traceparent: 00-" + std::string(kTrace) + "-" + spanId + "-01"})));
    EXPECT_EQ(client.readResponse().status, 200);
    const int clientMs = int((unixNowNs() - before) / kMs) + 5;
    // The export comes while the slow server's only worker is busy with another request: it
    // is answered at once all the same.
    TestHttpClient busy(m_server.port());
    ASSERT_TRUE(busy.send(TestHttpClient::request("GET", "/")));
    ASSERT_TRUE(eventually([&] {
        const auto live = m_recorder.liveSession();
        return live && live->requests.size() == 2 && live->requests[1].has(Phase::ServerStart);
    }));
    const auto sent = std::chrono::steady_clock::now();
    EXPECT_EQ(send(postOtlp(exportRequest("web", spanId, clientMs))).status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - sent,
              std::chrono::milliseconds(kReceiverLatencyMs / 2));

    const auto live = m_recorder.liveSession();
    ASSERT_TRUE(live);
    ASSERT_EQ(live->requests.size(), 2u); // joined: no third request
    const RequestRecord &joined = live->requests[0];
    EXPECT_EQ(live->spans[0].service, QStringLiteral("web"));
    EXPECT_FALSE(live->tracedOnly(0));
    EXPECT_GE(joined.serverWorker, 0); // the server's side stays: its work, its worker
    EXPECT_TRUE(joined.has(Phase::ServerStart));
    EXPECT_LE(joined.phase(Phase::Created), joined.phase(Phase::ServerStart));
    EXPECT_GE(joined.phase(Phase::Done), joined.phase(Phase::ServerEnd));
    EXPECT_EQ(busy.readResponse().status, 200);
}

TEST_F(OtlpReceiver, SpansFirstThenARequestTheServerSawKeepOneOriginPerRequest) {
    EXPECT_EQ(send(postOtlp(exportRequest("svc", "00000000000000c1", 20))).status, 200);
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(TestHttpClient::request("GET", "/", "after-the-span")));
    EXPECT_EQ(client.readResponse().status, 200);
    const auto live = m_recorder.liveSession();
    ASSERT_TRUE(live);
    ASSERT_EQ(live->requests.size(), 2u);
    ASSERT_EQ(live->origins.size(), 2u);
    ASSERT_EQ(live->spans.size(), 2u);
    EXPECT_TRUE(live->tracedOnly(0));
    EXPECT_EQ(live->origins[1].requestId, QStringLiteral("after-the-span"));
    EXPECT_GE(live->origins[1].connection, 0);
    EXPECT_FALSE(live->spans[1].traced());
}

TEST(SpanJoin, ReadsTraceparentHeaders) {
    const auto parsed = watch::parseTraceParent(
        QStringLiteral("00-5B8EFFF798038103D269B633813FC60C-eee19b7ec3c1b174-01"));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->first, QStringLiteral("5b8efff798038103d269b633813fc60c"));
    EXPECT_EQ(parsed->second, QStringLiteral("eee19b7ec3c1b174"));
    EXPECT_FALSE(watch::parseTraceParent(
        QStringLiteral("ff-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01")));
    EXPECT_FALSE(watch::parseTraceParent(QStringLiteral("00-xyz-eee19b7ec3c1b174-01")));
    EXPECT_FALSE(watch::parseTraceParent(QString()));
}
