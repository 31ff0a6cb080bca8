// The request side of HTTP/1.1 as RFC 9112 and RFC 9110 say a server must read it, checked on
// a real server over loopback: raw request bytes in, the status (and what happens to the
// connection) out. One row per rule, each citing its section, so a reader can check the table
// against the RFC text and a regression names the rule it broke.
#include "childprogram.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <sstream>
#include <string>

using namespace reqlanes;
using namespace std::string_literals;

namespace {

// Requests in the table ask for ?delay=0; a row that omits it would take this long, so a body
// of "slept 0 ms" proves the query was read.
constexpr int kLatencyMs = 150;
// A pipelined request sent right behind a row's bytes: answered only if the row's request was
// framed exactly (its body consumed, no byte of it taken for the next request).
const std::string kFollowUp =
    "GET /?delay=0 HTTP/1.1\r\nHost: a\r\nX-Request-Id: follow-up\r\n\r\n";

enum class Then {
    KeepsAlive, // the pipelined follow-up is answered with 200 on the same connection
    Closes,     // "Connection: close", then EOF; the pipelined follow-up is not answered
};

struct Row {
    const char *name;
    std::string bytes; // "{port}" becomes the server's port
    int status;
    Then then;
    const char *rule;      // the RFC section the row checks
    const char *body = ""; // a substring the response body must contain, if any
};

std::string withPort(std::string bytes, std::uint16_t port) {
    for (std::size_t at; (at = bytes.find("{port}")) != std::string::npos;)
        bytes.replace(at, 6, std::to_string(port));
    return bytes;
}

// The final response, past any 1xx interim ones a client must be able to read (RFC 9110 15.2).
TestResponse readFinalResponse(TestHttpClient &client) {
    TestResponse response = client.readResponse();
    while (response.status >= 100 && response.status < 200)
        response = client.readResponse();
    return response;
}

const std::string kHost = "Host: a\r\n";
const std::string kGet = "GET /?delay=0 HTTP/1.1\r\n";

const Row kRows[] = {
    // --- request line: RFC 9112 2.2, 2.3, 3, RFC 9110 6.2, 9.1, 15.6.6
    {"PlainGet", kGet + kHost + "\r\n", 200, Then::KeepsAlive, "RFC 9112 3", "slept 0 ms"},
    {"LeadingEmptyLinesIgnored", "\r\n\r\n" + kGet + kHost + "\r\n", 200, Then::KeepsAlive,
     "RFC 9112 2.2"},
    {"BareLfLineEndsAccepted", "GET /?delay=0 HTTP/1.1\nHost: a\n\n", 200, Then::KeepsAlive,
     "RFC 9112 2.2"},
    {"TwoSpacesBeforeTarget", "GET  /?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3"},
    {"TwoSpacesBeforeVersion", "GET /?delay=0  HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3"},
    {"EmptyTarget", "GET  HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes, "RFC 9112 3"},
    {"TabAsSeparator", "GET\t/?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3"},
    {"LeadingSpace", " GET /?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3"},
    {"TrailingSpace", "GET /?delay=0 HTTP/1.1 \r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3"},
    {"MethodNotAToken", "G@T /?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3.1, RFC 9110 9.1"},
    {"MethodIsCaseSensitive", "get /?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 501, Then::KeepsAlive,
     "RFC 9110 9.1"},
    {"UnknownMethodIs501", "BREW /?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 501, Then::KeepsAlive,
     "RFC 9110 9.1, 15.6.2"},
    {"KnownMethodNotAllowedIs405", "DELETE /?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 405,
     Then::KeepsAlive, "RFC 9110 15.5.6"},
    {"LowercaseHttpName", "GET /?delay=0 http/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 2.3"},
    {"VersionWithExtraDigit", "GET /?delay=0 HTTP/1.10\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 2.3"},
    {"NoVersion", "GET /?delay=0\r\n" + kHost + "\r\n", 400, Then::Closes, "RFC 9112 3"},
    {"Http2Is505", "GET /?delay=0 HTTP/2.0\r\n" + kHost + "\r\n", 505, Then::Closes,
     "RFC 9110 15.6.6"},
    {"Http09Is505", "GET /?delay=0 HTTP/0.9\r\n" + kHost + "\r\n", 505, Then::Closes,
     "RFC 9110 15.6.6"},
    {"LaterMinorIsServedAs11", "GET /?delay=0 HTTP/1.7\r\n" + kHost + "\r\n", 200, Then::KeepsAlive,
     "RFC 9110 6.2"},
    {"BareCrInRequestLine", "GET /?delay=0\rX HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 2.2"},

    // --- request-target: RFC 9112 3.2, RFC 9110 4.2, RFC 3986
    {"AbsoluteFormWithoutPathHonoursQuery",
     "GET http://127.0.0.1:{port}?delay=0 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n", 200,
     Then::KeepsAlive, "RFC 9112 3.2.2", "slept 0 ms"},
    {"AbsoluteFormBadDelayIs400",
     "GET http://127.0.0.1:{port}?delay=x HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n", 400,
     Then::KeepsAlive, "RFC 9112 3.2.2"},
    {"AbsoluteFormWithPath", "GET http://a/x/y?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 200,
     Then::KeepsAlive, "RFC 9112 3.2.2", "slept 0 ms"},
    {"AbsoluteFormSchemeIsCaseInsensitive", "GET HTTP://a/?delay=0 HTTP/1.1\r\n" + kHost + "\r\n",
     200, Then::KeepsAlive, "RFC 9112 3.2.2, RFC 3986 3.1"},
    {"AbsoluteFormEmptyHost", "GET http:///?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400,
     Then::Closes, "RFC 9110 4.2.1"},
    {"AbsoluteFormUserinfo", "GET http://u@a/?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400,
     Then::Closes, "RFC 9110 4.2.4"},
    {"AbsoluteFormStillNeedsHost", "GET http://a/?delay=0 HTTP/1.1\r\n\r\n", 400, Then::Closes,
     "RFC 9112 3.2"},
    {"AsteriskFormOnlyForOptions", "GET * HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3.2.4"},
    {"AsteriskFormOptionsParses", "OPTIONS * HTTP/1.1\r\n" + kHost + "\r\n", 405, Then::KeepsAlive,
     "RFC 9112 3.2.4, RFC 9110 9.3.7"},
    {"AuthorityFormConnectParses", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", 405,
     Then::KeepsAlive, "RFC 9112 3.2.3"},
    {"AuthorityFormOnlyForConnect", "GET a:443 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3.2.3"},
    {"ConnectNeedsAuthorityForm", "CONNECT / HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3.2.3"},
    {"RelativeTarget", "GET x?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3.2.1"},
    {"FragmentInTarget", "GET /?delay=0#f HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 9112 3.2.1"},
    {"BadPercentEncoding", "GET /%zz?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 3986 2.1"},
    {"NonAsciiTarget", "GET /caf\xc3\xa9?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 400, Then::Closes,
     "RFC 3986 2"},
    {"PercentEncodedTarget", "GET /caf%C3%A9?delay=0 HTTP/1.1\r\n" + kHost + "\r\n", 200,
     Then::KeepsAlive, "RFC 3986 2.1"},

    // --- Host: RFC 9112 3.2, RFC 9110 7.2
    {"Http11WithoutHost", kGet + "\r\n", 400, Then::Closes, "RFC 9112 3.2"},
    {"TwoHostLines", kGet + kHost + kHost + "\r\n", 400, Then::Closes, "RFC 9112 3.2"},
    {"TwoHostLinesInHttp10", "GET /?delay=0 HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", 400,
     Then::Closes, "RFC 9112 3.2"},
    {"HostWithSpace", kGet + "Host: a b\r\n\r\n", 400, Then::Closes, "RFC 9112 3.2"},
    {"HostWithSlash", kGet + "Host: a/b\r\n\r\n", 400, Then::Closes, "RFC 9112 3.2"},
    {"HostWithBadPort", kGet + "Host: a:8o\r\n\r\n", 400, Then::Closes, "RFC 9110 7.2"},
    {"HostWithUserinfo", kGet + "Host: u@a\r\n\r\n", 400, Then::Closes, "RFC 9110 7.2"},
    {"HostUnclosedIpv6", kGet + "Host: [::1\r\n\r\n", 400, Then::Closes, "RFC 9110 7.2"},
    {"HostIpv6WithPort", kGet + "Host: [::1]:8000\r\n\r\n", 200, Then::KeepsAlive, "RFC 9110 7.2"},
    {"HostIpv4WithPort", kGet + "Host: 127.0.0.1:8000\r\n\r\n", 200, Then::KeepsAlive,
     "RFC 9110 7.2"},
    {"HostEmptyIsValid", kGet + "Host:\r\n\r\n", 200, Then::KeepsAlive, "RFC 9110 7.2"},
    {"Http10WithoutHostIsServed", "GET /?delay=0 HTTP/1.0\r\n\r\n", 200, Then::Closes,
     "RFC 9112 3.2, 9.3"},

    // --- field lines: RFC 9112 2.2, 5.1, 5.2, RFC 9110 5.1, 5.5
    {"SpaceBeforeColon", kGet + kHost + "X-A : b\r\n\r\n", 400, Then::Closes, "RFC 9112 5.1"},
    {"SpaceBeforeColonInHost", kGet + "Host : a\r\n\r\n", 400, Then::Closes, "RFC 9112 5.1"},
    {"ObsFold", kGet + kHost + "X-A: b\r\n c\r\n\r\n", 400, Then::Closes, "RFC 9112 5.2"},
    {"WhitespaceBeforeFirstField", kGet + " " + kHost + "\r\n", 400, Then::Closes, "RFC 9112 2.2"},
    {"FieldNameNotAToken", kGet + kHost + "X(A): b\r\n\r\n", 400, Then::Closes, "RFC 9110 5.1"},
    {"EmptyFieldName", kGet + kHost + ": b\r\n\r\n", 400, Then::Closes, "RFC 9110 5.1"},
    {"NoColon", kGet + kHost + "X-A b\r\n\r\n", 400, Then::Closes, "RFC 9112 5"},
    {"NulInValue", kGet + kHost + "X-A: b\0c\r\n"s + "\r\n", 400, Then::Closes, "RFC 9110 5.5"},
    {"ControlCharInValue", kGet + kHost + "X-A: b\x01c\r\n\r\n", 400, Then::Closes, "RFC 9110 5.5"},
    {"BareCrInValue", kGet + kHost + "X-A: b\rc\r\n\r\n", 400, Then::Closes, "RFC 9112 2.2"},
    {"ObsTextAndTabInValueAccepted", kGet + kHost + "X-A: caf\xc3\xa9\tb\r\n\r\n", 200,
     Then::KeepsAlive, "RFC 9110 5.5"},

    // --- message body length: RFC 9112 6.1, 6.3, 7.1, RFC 9110 8.6
    {"ContentLengthBodyConsumed", kGet + kHost + "Content-Length: 5\r\n\r\nhello", 200,
     Then::KeepsAlive, "RFC 9112 6.3 rule 6"},
    {"NoLengthMeansNoBody", kGet + kHost + "\r\n", 200, Then::KeepsAlive, "RFC 9112 6.3 rule 7"},
    {"ContentLengthRepeatedInList", kGet + kHost + "Content-Length: 5, 5\r\n\r\nhello", 200,
     Then::KeepsAlive, "RFC 9112 6.3 rule 5"},
    {"ContentLengthRepeatedLines",
     kGet + kHost + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 200, Then::KeepsAlive,
     "RFC 9112 6.3 rule 5"},
    {"ContentLengthsDiffer", kGet + kHost + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
     400, Then::Closes, "RFC 9112 6.3 rule 5"},
    {"ContentLengthListDiffers", kGet + kHost + "Content-Length: 5, 6\r\n\r\nhello", 400,
     Then::Closes, "RFC 9112 6.3 rule 5"},
    {"ContentLengthNotNumeric", kGet + kHost + "Content-Length: abc\r\n\r\n", 400, Then::Closes,
     "RFC 9110 8.6"},
    {"ContentLengthSigned", kGet + kHost + "Content-Length: +5\r\n\r\nhello", 400, Then::Closes,
     "RFC 9110 8.6"},
    {"ContentLengthEmpty", kGet + kHost + "Content-Length:\r\n\r\n", 400, Then::Closes,
     "RFC 9110 8.6"},
    {"ContentLengthOverflows", kGet + kHost + "Content-Length: 99999999999999999999999\r\n\r\n",
     400, Then::Closes, "RFC 9112 6.3 rule 5"},
    {"ContentLengthTooLarge", kGet + kHost + "Content-Length: 2000000\r\n\r\n", 413, Then::Closes,
     "RFC 9110 15.5.14"},
    {"ChunkedBodyConsumed",
     kGet + kHost + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 200,
     Then::KeepsAlive, "RFC 9112 7.1"},
    {"ChunkedWithExtensionsAndTrailers",
     kGet + kHost +
         "Transfer-Encoding: chunked\r\n\r\n5;a=b;c=\"d;e\" ; f\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
     200, Then::KeepsAlive, "RFC 9112 7.1.1, 7.1.2"},
    {"ChunkedNameIsCaseInsensitive", kGet + kHost + "Transfer-Encoding: Chunked\r\n\r\n0\r\n\r\n",
     200, Then::KeepsAlive, "RFC 9112 7"},
    {"ChunkedAndContentLength",
     kGet + kHost + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
     Then::Closes, "RFC 9112 6.1"},
    {"ChunkedNotLast", kGet + kHost + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400, Then::Closes,
     "RFC 9112 6.3 rule 4"},
    {"TransferEncodingWithoutChunked", kGet + kHost + "Transfer-Encoding: gzip\r\n\r\n", 400,
     Then::Closes, "RFC 9112 6.3 rule 4"},
    {"ChunkedTwice",
     kGet + kHost + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
     Then::Closes, "RFC 9112 6.1"},
    {"UnknownCodingBeforeChunkedIs501",
     kGet + kHost + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, Then::Closes,
     "RFC 9112 6.1"},
    {"TransferEncodingInHttp10",
     "GET /?delay=0 HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, Then::Closes,
     "RFC 9112 6.1"},
    {"ChunkSizeNotHex", kGet + kHost + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
     Then::Closes, "RFC 9112 7.1"},
    {"ChunkDataLongerThanItsSize",
     kGet + kHost + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", 400, Then::Closes,
     "RFC 9112 7.1"},
    {"ChunkLineEndedByBareLf", kGet + kHost + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n", 400,
     Then::Closes, "RFC 9112 7.1"},
    {"ChunkExtensionMalformed", kGet + kHost + "Transfer-Encoding: chunked\r\n\r\n5;=x\r\n", 400,
     Then::Closes, "RFC 9112 7.1.1"},
    {"ChunkSizeOverflows",
     kGet + kHost + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffffff\r\n", 413,
     Then::Closes, "RFC 9110 15.5.14"},

    // --- expectations: RFC 9110 10.1.1
    {"UnknownExpectationIs417", kGet + kHost + "Expect: teapot\r\n\r\n", 417, Then::Closes,
     "RFC 9110 10.1.1"},
    {"ContinueWithBodyAlreadySent",
     kGet + kHost + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello", 200, Then::KeepsAlive,
     "RFC 9110 10.1.1"},
    {"ContinueWithoutBody", kGet + kHost + "Expect: 100-Continue\r\n\r\n", 200, Then::KeepsAlive,
     "RFC 9110 10.1.1"},

    // --- persistence: RFC 9112 9.3, 9.6
    {"ConnectionCloseHonoured", kGet + kHost + "Connection: close\r\n\r\n", 200, Then::Closes,
     "RFC 9112 9.6"},
    {"CloseAmongOtherOptions", kGet + kHost + "Connection: keep-alive, Close\r\n\r\n", 200,
     Then::Closes, "RFC 9112 9.6"},
    {"Http10KeepAlive", "GET /?delay=0 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 200,
     Then::KeepsAlive, "RFC 9112 9.3"},
};

class ServerFixture {
protected:
    void startServer() {
        server::ServerConfig config;
        config.mode = server::ServerMode::Async;
        config.latencyMs = kLatencyMs;
        ASSERT_TRUE(m_server.start(config)) << m_server.error().toStdString();
    }
    TestServer m_server;
};

class RequestConformance : public ::testing::TestWithParam<Row>, protected ServerFixture {
protected:
    void SetUp() override { startServer(); }
};

// RFC 9110 10.1.1, as clients meet it: one that sends "Expect: 100-continue" holds its body back
// until the server answers, up to a timeout of its own (curl: 1 s). A server that will read the
// body must say "100 Continue" at once, or give its final status at once.
class ExpectContinue : public ::testing::Test, protected ServerFixture {
protected:
    void SetUp() override { startServer(); }
    // Below curl's 1 s: an answer slower than this is one a real client would have waited for.
    static constexpr int kPromptMs = 900;
};

} // namespace

TEST_P(RequestConformance, AnswersAsTheRfcSays) {
    const Row &row = GetParam();
    SCOPED_TRACE(row.rule);
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send(withPort(row.bytes, m_server.port()) + kFollowUp)) << client.error();

    const TestResponse response = readFinalResponse(client);
    ASSERT_EQ(response.status, row.status) << response.error;
    EXPECT_NE(response.body.find(row.body), std::string::npos) << response.body;

    if (row.then == Then::KeepsAlive) {
        EXPECT_NE(response.header("Connection"), "close");
        const TestResponse next = readFinalResponse(client);
        EXPECT_EQ(next.status, 200) << next.error;
        EXPECT_EQ(next.header("X-Request-Id"), "follow-up");
    } else {
        EXPECT_EQ(response.header("Connection"), "close");
        // RFC 9112 9.6: after a close, no further request on the connection is processed.
        const TestResponse next = client.readResponse();
        EXPECT_EQ(next.status, 0) << "the pipelined request was answered";
        EXPECT_NE(next.error.find("closed by the server"), std::string::npos) << next.error;
    }
}

INSTANTIATE_TEST_SUITE_P(Rows, RequestConformance, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row> &info) {
                             return std::string(info.param.name);
                         });

TEST_F(ExpectContinue, HundredContinueComesBeforeTheBodyIsSent) {
    TestHttpClient client(m_server.port(), kPromptMs);
    ASSERT_TRUE(client.send("GET /?delay=0 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                            "Content-Length: 5\r\n\r\n"));
    const TestResponse interim = client.readResponse();
    ASSERT_EQ(interim.status, 100) << interim.error;
    EXPECT_EQ(interim.reason, "Continue");
    ASSERT_TRUE(client.send("hello" + kFollowUp));
    const TestResponse response = client.readResponse();
    EXPECT_EQ(response.status, 200) << response.error;
    EXPECT_EQ(readFinalResponse(client).header("X-Request-Id"), "follow-up");
}

TEST_F(ExpectContinue, AChunkedUploadGetsItToo) {
    TestHttpClient client(m_server.port(), kPromptMs);
    ASSERT_TRUE(client.send("GET /?delay=0 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n"));
    const TestResponse interim = client.readResponse();
    ASSERT_EQ(interim.status, 100) << interim.error;
    ASSERT_TRUE(client.send("3\r\nabc\r\n0\r\n\r\n"));
    EXPECT_EQ(client.readResponse().status, 200);
}

TEST_F(ExpectContinue, AnHttp10ClientGetsNoInterimResponse) {
    // RFC 9110 10.1.1 and 15.2: ignore the expectation, send no 1xx. Had a 100 gone out after
    // the head, it would be read here before the 200.
    TestHttpClient client(m_server.port());
    ASSERT_TRUE(client.send("GET /?delay=0 HTTP/1.0\r\nExpect: 100-continue\r\n"
                            "Content-Length: 5\r\n\r\n"));
    ASSERT_TRUE(client.send("hello"));
    EXPECT_EQ(client.readResponse().status, 200);
}

TEST_F(ExpectContinue, AnUnknownExpectationIsRefusedWithoutWaitingForTheBody) {
    TestHttpClient client(m_server.port(), kPromptMs);
    ASSERT_TRUE(client.send("GET /?delay=0 HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n"
                            "Content-Length: 5\r\n\r\n"));
    const TestResponse response = client.readResponse();
    EXPECT_EQ(response.status, 417) << response.error;
    EXPECT_EQ(response.header("Connection"), "close") << "the unread body ends the connection";
}

TEST_F(ExpectContinue, CurlNeverWaitsOutItsExpectTimeout) {
    const std::optional<std::string> curl = findOnPath("curl");
    if (!curl)
        GTEST_SKIP() << "curl is not installed";
    // curl holds the body back for up to --expect100-timeout; 10 s here, so a server that
    // stays silent costs 10 s and one that answers at once costs milliseconds.
    const std::string url = "http://127.0.0.1:" + std::to_string(m_server.port()) + "/?delay=0";
    const std::optional<std::string> output =
        runProgram(*curl,
                   {"-sS", "-o", "/dev/null", "-X", "GET", "--data-binary", "some body", "-H",
                    "Expect: 100-continue", "--expect100-timeout", "10", "-w",
                    "%{http_code} %{time_total}", url},
                   std::chrono::seconds(30));
    ASSERT_TRUE(output) << "curl failed";
    std::istringstream fields(*output);
    int status = 0;
    double seconds = -1;
    fields >> status >> seconds;
    EXPECT_EQ(status, 200) << *output;
    EXPECT_LT(seconds, 5.0) << "curl waited for a 100 Continue that did not come";
}
