// The response side of the measured exchange as an HTTP recipient, one table row per rule: raw
// response bytes go through ResponseReader (the code both exchange forms use) whole and one byte
// at a time, and each row states the outcome (status, body length, protocol error or not) and the
// server phases laid back from Server-Timing. Every row cites the section it checks: RFC 9112
// (HTTP/1.1 message syntax), RFC 9110 (semantics), W3C Server Timing.
#include "http/httpexchange.h"
#include "http/responsereader.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>

using namespace reqlanes;

namespace {

enum class Outcome { Ok, HttpError, ProtocolError };

struct Row {
    const char *name;
    const char *rule; // the section the row checks
    std::string bytes;
    Outcome outcome;
    int status = 0;             // the final status; 0 for protocol errors
    std::uint64_t body = 0;     // body bytes counted (not checked for protocol errors)
    const char *errorPart = ""; // for protocol errors: words the message must contain
    double appMs = -1;          // Server-Timing app;dur, -1: no server phases expected
    double queueMs = -1;        // Server-Timing queue;dur
    std::size_t finalAt = 0;    // offset of the final response's first byte
};

// What gtest prints for a row: its name and rule, not its bytes.
void PrintTo(const Row &row, std::ostream *out) {
    *out << row.name << " (" << row.rule << ")";
}

std::string operator""_s(const char *text, std::size_t size) {
    return std::string(text, size);
}

const std::string kInterim = "HTTP/1.1 100 Continue\r\n\r\n"
                             "HTTP/1.1 100 Continue\r\n\r\n"
                             "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n"
                             "Server-Timing: app;dur=5\r\n\r\n";

const Row kRows[] = {
    // --- status line: RFC 9112 §4, HTTP-version §2.3 ---
    {"StatusLineWithReason", "RFC 9112 §4", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
     Outcome::Ok, 200, 5},
    {"EmptyReasonPhrase", "RFC 9112 §4 (reason-phrase is optional)",
     "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", Outcome::Ok, 200, 0},
    {"NoSpaceBeforeEmptyReasonTolerated", "RFC 9112 §4 (lenient, as curl)", "HTTP/1.1 204\r\n\r\n",
     Outcome::Ok, 204, 0},
    {"ReasonWithSpaces", "RFC 9112 §4 (client ignores the reason)",
     "HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n", Outcome::HttpError, 404, 0},
    {"Http10ResponseUntilClose", "RFC 9112 §2.5, §6.3 item 8", "HTTP/1.0 200 OK\r\n\r\nabc",
     Outcome::Ok, 200, 3},
    {"BareLineFeedsAccepted", "RFC 9112 §2.2", "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi",
     Outcome::Ok, 200, 2},
    {"NotHttp", "RFC 9112 §2.3", "SSH-2.0-OpenSSH_9.2\r\n", Outcome::ProtocolError, 0, 0,
     "did not answer with HTTP"},
    {"Http2VersionOnHttp1Connection", "RFC 9112 §2.3", "HTTP/2 200\r\n\r\n", Outcome::ProtocolError,
     0, 0, "did not answer with HTTP"},
    {"FourDigitStatus", "RFC 9112 §4 (status-code = 3DIGIT)", "HTTP/1.1 2000 OK\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed status line"},
    {"StatusBelow100", "RFC 9110 §15 (100..599)", "HTTP/1.1 099 Odd\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed status line"},
    {"TwoSpacesBeforeStatus", "RFC 9112 §4 (single SP)", "HTTP/1.1  200 OK\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed status line"},
    {"SwitchingProtocolsUnasked", "RFC 9110 §15.2.2 (101 only after Upgrade)",
     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", Outcome::ProtocolError, 0, 0,
     "switched protocols"},

    // --- interim responses: RFC 9110 §15.2 ---
    {"InterimResponsesAreSkippedAndServerPhasesAnchorToTheFinal", "RFC 9110 §15.2",
     kInterim + "HTTP/1.1 200 OK\r\nServer-Timing: app;dur=1000\r\nContent-Length: 2\r\n\r\nok",
     Outcome::Ok, 200, 2, "", 1000, -1, kInterim.size()},
    {"InterimThenCloseIsIncomplete", "RFC 9110 §15.2", "HTTP/1.1 100 Continue\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "before the response was complete"},

    // --- field lines: RFC 9112 §5, RFC 9110 §5 ---
    {"ObsFoldIsReplacedWithSpace", "RFC 9112 §5.2",
     "HTTP/1.1 200 OK\r\nServer-Timing: queue;dur=10,\r\n\tapp;dur=20\r\nContent-Length: 0\r\n\r\n",
     Outcome::Ok, 200, 0, "", 20, 10},
    {"WhitespaceBeforeFirstFieldRejected", "RFC 9112 §2.2",
     "HTTP/1.1 200 OK\r\n X-A: b\r\nContent-Length: 0\r\n\r\n", Outcome::ProtocolError, 0, 0,
     "whitespace before its first header"},
    {"WhitespaceBeforeColonRemoved", "RFC 9112 §5.1 (as a proxy must)",
     "HTTP/1.1 200 OK\r\nContent-Length : 3\r\n\r\nabc", Outcome::Ok, 200, 3},
    {"FieldLineWithoutColon", "RFC 9112 §5", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed header line"},
    {"EmptyFieldName", "RFC 9110 §5.1 (field-name = token)", "HTTP/1.1 200 OK\r\n: x\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed header line"},
    {"FieldNameWithSeparator", "RFC 9110 §5.6.2", "HTTP/1.1 200 OK\r\nX(a): b\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed header line"},
    {"FieldNamesAreCaseInsensitive", "RFC 9110 §5.1",
     "HTTP/1.1 200 OK\r\ncontent-LENGTH: 3\r\nserver-timing: app;dur=7\r\n\r\nabc", Outcome::Ok,
     200, 3, "", 7},
    {"EmptyFieldValue", "RFC 9110 §5.5",
     "HTTP/1.1 200 OK\r\nX-Empty:\r\nContent-Length: 1\r\n\r\nz", Outcome::Ok, 200, 1},
    {"NulInFieldValueReplaced", "RFC 9110 §5.5",
     "HTTP/1.1 200 OK\r\nX-A: a\0b\r\nContent-Length: 1\r\n\r\nz"_s, Outcome::Ok, 200, 1},

    // --- message body length: RFC 9112 §6.3 ---
    {"NoBodyFor204WhateverTheFields", "RFC 9112 §6.3 item 1",
     "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", Outcome::Ok, 204, 0},
    {"NoBodyFor304", "RFC 9112 §6.3 item 1",
     "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", Outcome::HttpError, 304, 0},
    {"ConflictingContentLengthsAreAFramingError", "RFC 9112 §6.3 item 5",
     "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nhello",
     Outcome::ProtocolError, 0, 0, "conflicting Content-Length"},
    {"IdenticalDuplicateContentLengths", "RFC 9110 §8.6",
     "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", Outcome::Ok, 200, 5},
    {"ContentLengthListOfIdenticalValues", "RFC 9110 §8.6",
     "HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello", Outcome::Ok, 200, 5},
    {"ContentLengthListOfDifferentValues", "RFC 9112 §6.3 item 5",
     "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello", Outcome::ProtocolError, 0, 0,
     "conflicting Content-Length"},
    {"NegativeContentLength", "RFC 9110 §8.6 (1*DIGIT)",
     "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", Outcome::ProtocolError, 0, 0,
     "invalid Content-Length"},
    {"SignedContentLength", "RFC 9110 §8.6 (1*DIGIT)",
     "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello", Outcome::ProtocolError, 0, 0,
     "invalid Content-Length"},
    {"OverflowingContentLength", "RFC 9112 §6.3 item 5",
     "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", Outcome::ProtocolError, 0,
     0, "invalid Content-Length"},
    {"BodyShorterThanContentLength", "RFC 9112 §8 (incomplete message)",
     "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", Outcome::ProtocolError, 0, 0,
     "before the response was complete"},
    {"ZeroContentLength", "RFC 9112 §6.3 item 6", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
     Outcome::Ok, 200, 0},
    {"NoFramingReadsUntilClose", "RFC 9112 §6.3 item 8", "HTTP/1.1 200 OK\r\n\r\nabcdef",
     Outcome::Ok, 200, 6},
    {"TransferEncodingOverridesContentLength", "RFC 9112 §6.3 item 3",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 100\r\n\r\n"
     "3\r\nabc\r\n0\r\n\r\n",
     Outcome::Ok, 200, 3},
    {"GzipWithoutChunkedReadsUntilClose", "RFC 9112 §6.3 item 4",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz", Outcome::Ok, 200, 3},
    {"CodingNamesMatchExactlyNotBySuffix", "RFC 9112 §7, §6.3 item 4",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", Outcome::Ok,
     200, 13},
    {"ChunkedLastInAListIsChunked", "RFC 9112 §6.3 item 4",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
     Outcome::Ok, 200, 3},
    {"CodingsCombinedAcrossFieldLines", "RFC 9110 §5.3",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
     "3\r\nabc\r\n0\r\n\r\n",
     Outcome::Ok, 200, 3},
    {"CodingNamesAreCaseInsensitive", "RFC 9112 §7",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n", Outcome::Ok, 200,
     3},
    {"ChunkedNotLastReadsUntilClose", "RFC 9112 §6.3 item 4",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabcd", Outcome::Ok, 200, 4},
    {"Http10WithTransferEncodingReadsUntilClose", "RFC 9112 §6.1 (framing faulty in HTTP/1.0)",
     "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n"
     "3\r\nabc\r\n0\r\n\r\n",
     Outcome::Ok, 200, 13},
    {"ChunkedTwiceIsAFramingError", "RFC 9112 §6.1",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "more than once"},

    // --- chunked coding: RFC 9112 §7.1 ---
    {"ChunkExtensionsAreIgnored", "RFC 9112 §7.1.1",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
     "3;name=value;flag\r\nabc\r\n2 ; q=\"a \\\"b\\\" ;c\"\r\nde\r\n0;last\r\n\r\n",
     Outcome::Ok, 200, 5},
    {"MalformedChunkExtension", "RFC 9112 §7.1.1",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;=x\r\nabc\r\n0\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed chunk size"},
    {"UppercaseHexChunkSize", "RFC 9112 §7.1 (HEXDIG)",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
     Outcome::Ok, 200, 10},
    {"ChunkSizeNotHex", "RFC 9112 §7.1",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", Outcome::ProtocolError, 0, 0,
     "malformed chunk size"},
    {"ChunkSizeWithLeadingSpace", "RFC 9112 §7.1 (chunk-size = 1*HEXDIG)",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed chunk size"},
    {"NegativeChunkSize", "RFC 9112 §7.1",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", Outcome::ProtocolError, 0, 0,
     "malformed chunk size"},
    {"OverflowingChunkSize", "RFC 9112 §7.1 (recipient must anticipate overflow)",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n",
     Outcome::ProtocolError, 0, 0, "malformed chunk size"},
    {"ChunkLongerThanItsSize", "RFC 9112 §7.1",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "longer than its size"},
    {"TrailerFieldsAreReadAndDropped", "RFC 9112 §7.1.2",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer-Timing: app;dur=4\r\n\r\n"
     "3\r\nabc\r\n0\r\nX-Checksum: 1\r\nServer-Timing: total;dur=9\r\n\r\n",
     Outcome::Ok, 200, 3, "", 4},
    {"MalformedTrailerField", "RFC 9112 §7.1.2",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a field\r\n\r\n",
     Outcome::ProtocolError, 0, 0, "malformed header line"},
    {"ChunkedBodyCutShort", "RFC 9112 §8 (incomplete message)",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab", Outcome::ProtocolError, 0, 0,
     "before the response was complete"},

    // --- Server-Timing through the response: RFC 9110 §5.3, W3C Server Timing §3 ---
    {"ServerTimingOnTwoFieldLinesIsCombined", "RFC 9110 §5.3",
     "HTTP/1.1 200 OK\r\nServer-Timing: queue;dur=100\r\nServer-Timing: app;dur=300\r\n"
     "Content-Length: 0\r\n\r\n",
     Outcome::Ok, 200, 0, "", 300, 100},
    {"ServerTimingFirstDurWins", "W3C Server Timing §3 (first occurrence)",
     "HTTP/1.1 200 OK\r\nServer-Timing: app;dur=300;dur=5\r\nContent-Length: 0\r\n\r\n",
     Outcome::Ok, 200, 0, "", 300},
    {"ServerTimingOnAnErrorStatus", "W3C Server Timing §3",
     "HTTP/1.1 503 Busy\r\nServer-Timing: queue;dur=2, app;dur=3\r\nContent-Length: 0\r\n\r\n",
     Outcome::HttpError, 503, 0, "", 3, 2},
};

// Records what the reader reports, as a RunRecorder would.
class RecordingListener final : public ExchangeListener {
public:
    void phase(Phase phase, std::int64_t steadyNs) override {
        EXPECT_EQ(phases.count(phase), 0u) << "phase reported twice";
        phases[phase] = steadyNs;
    }
    void finished(RequestStatus finalStatus, int http, const QString &message) override {
        ++finishedCalls;
        status = finalStatus;
        httpStatus = http;
        error = message;
    }
    std::map<Phase, std::int64_t> phases;
    int finishedCalls = 0;
    RequestStatus status = RequestStatus::Pending;
    int httpStatus = 0;
    QString error;
};

enum class Feed { Whole, ByteByByte };
constexpr std::int64_t kStartNs = 1'000'000'000'000;
constexpr std::int64_t kByteStepNs = 1'000;
constexpr std::int64_t kMsNs = 1'000'000;

class ResponseConformance : public ::testing::TestWithParam<std::tuple<Row, Feed>> {};

} // namespace

TEST_P(ResponseConformance, Row) {
    const auto &[row, feed] = GetParam();
    SCOPED_TRACE(row.rule);
    RecordingListener listener;
    ResponseReader reader(listener);
    ResponseReader::Progress progress = ResponseReader::Progress::Reading;
    if (feed == Feed::Whole) {
        progress = reader.onBytes(row.bytes.data(), row.bytes.size(), kStartNs);
    } else {
        for (std::size_t i = 0;
             i < row.bytes.size() && progress == ResponseReader::Progress::Reading; ++i)
            progress =
                reader.onBytes(row.bytes.data() + i, 1, kStartNs + std::int64_t(i) * kByteStepNs);
    }
    if (progress == ResponseReader::Progress::Reading)
        progress = reader.onEndOfStream(); // we send Connection: close; the server closes
    ASSERT_EQ(progress, ResponseReader::Progress::Finished);
    ASSERT_EQ(listener.finishedCalls, 1);

    switch (row.outcome) {
    case Outcome::Ok:
    case Outcome::HttpError:
        EXPECT_EQ(listener.status,
                  row.outcome == Outcome::Ok ? RequestStatus::Ok : RequestStatus::HttpError)
            << listener.error.toStdString();
        EXPECT_EQ(listener.httpStatus, row.status);
        break;
    case Outcome::ProtocolError:
        EXPECT_EQ(listener.status, RequestStatus::ProtocolError);
        EXPECT_TRUE(listener.error.contains(QLatin1String(row.errorPart)))
            << "\"" << listener.error.toStdString() << "\" lacks \"" << row.errorPart << "\"";
        return;
    }

    // The first byte is the final response's, whatever interim responses came before it.
    const std::int64_t firstByte =
        kStartNs + (feed == Feed::Whole ? 0 : std::int64_t(row.finalAt) * kByteStepNs);
    ASSERT_EQ(listener.phases.count(Phase::FirstByte), 1u);
    EXPECT_EQ(listener.phases[Phase::FirstByte], firstByte);
    if (row.appMs < 0) {
        EXPECT_EQ(listener.phases.count(Phase::ServerStart), 0u);
    } else {
        const std::int64_t start = firstByte - std::int64_t(row.appMs * kMsNs);
        EXPECT_EQ(listener.phases[Phase::ServerEnd], firstByte);
        EXPECT_EQ(listener.phases[Phase::ServerStart], start);
        if (row.queueMs >= 0) {
            EXPECT_EQ(listener.phases[Phase::ServerAccept],
                      start - std::int64_t(row.queueMs * kMsNs));
        } else {
            EXPECT_EQ(listener.phases.count(Phase::ServerAccept), 0u);
        }
    }
    EXPECT_EQ(listener.phases.count(Phase::Done), 1u);
}

INSTANTIATE_TEST_SUITE_P(Rfc9112And9110, ResponseConformance,
                         ::testing::Combine(::testing::ValuesIn(kRows),
                                            ::testing::Values(Feed::Whole, Feed::ByteByByte)),
                         [](const ::testing::TestParamInfo<ResponseConformance::ParamType> &info) {
                             return std::string(std::get<0>(info.param).name) +
                                    (std::get<1>(info.param) == Feed::Whole ? "_Whole"
                                                                            : "_ByteByByte");
                         });

// The body's byte count is the parser's: checked here for the rows that have a body, since the
// listener does not see it.
TEST(ResponseConformanceBodies, BodyLengthsMatchTheTable) {
    for (const Row &row : kRows) {
        if (row.outcome == Outcome::ProtocolError)
            continue;
        HttpResponseParser parser;
        parser.feed(row.bytes);
        parser.finishOnClose();
        EXPECT_TRUE(parser.complete()) << row.name;
        EXPECT_EQ(parser.bodyBytes(), row.body) << row.name << " (" << row.rule << ")";
    }
}
