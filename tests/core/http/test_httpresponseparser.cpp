// HttpResponseParser: whole, split and malformed responses, bounds. The rule-by-rule table is
// test_responseconformance.cpp.
#include "http/httpresponseparser.h"

#include <gtest/gtest.h>

#include <string>

using namespace reqlanes;
using State = HttpResponseParser::State;

namespace {

const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer-Timing: queue;dur=12.5, "
                        "app;dur=1000\r\nX-Worker: 2\r\n\r\nhello";

} // namespace

TEST(HttpResponseParser, ParsesAWholeResponse) {
    HttpResponseParser parser;
    EXPECT_EQ(parser.feed(kOk), State::Complete);
    EXPECT_EQ(parser.statusCode(), 200);
    EXPECT_EQ(parser.header("x-worker"), "2");
    EXPECT_EQ(parser.bodyBytes(), 5u);
}

TEST(HttpResponseParser, ParsesTheSameResponseOneByteAtATime) {
    HttpResponseParser parser;
    for (std::size_t i = 0; i + 1 < kOk.size(); ++i)
        ASSERT_EQ(parser.feed(kOk.data() + i, 1), State::Incomplete) << i;
    EXPECT_EQ(parser.feed(kOk.data() + kOk.size() - 1, 1), State::Complete);
    EXPECT_EQ(parser.header("Server-Timing"), "queue;dur=12.5, app;dur=1000");
}

TEST(HttpResponseParser, ReadsChunkedBodiesAndSkipsInterimResponses) {
    HttpResponseParser parser;
    EXPECT_EQ(parser.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
              State::Complete);
    EXPECT_EQ(parser.statusCode(), 404);
    EXPECT_EQ(parser.bodyBytes(), 5u);
}

TEST(HttpResponseParser, BodyWithoutLengthEndsWithTheConnection) {
    HttpResponseParser parser;
    EXPECT_EQ(parser.feed("HTTP/1.0 200 OK\r\n\r\nsome text"), State::Incomplete);
    EXPECT_EQ(parser.finishOnClose(), State::Complete);
    EXPECT_EQ(parser.bodyBytes(), 9u);
}

TEST(HttpResponseParser, EarlyCloseIsAnErrorThatSaysSo) {
    HttpResponseParser parser;
    parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    EXPECT_EQ(parser.finishOnClose(), State::Error);
    EXPECT_TRUE(parser.error().contains(QLatin1String("before the response was complete")));

    HttpResponseParser silent;
    EXPECT_EQ(silent.finishOnClose(), State::Error);
    EXPECT_TRUE(silent.error().contains(QLatin1String("without answering")));
}

TEST(HttpResponseParser, RejectsWhatIsNotHttp) {
    for (const char *bad :
         {"SSH-2.0-OpenSSH_9.2\r\n", "HTTP/1.1 2000 OK\r\n", "HTTP/1.1 abc\r\n",
          "HTTP/1.1 200 OK\r\nno colon here\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
        HttpResponseParser parser;
        EXPECT_EQ(parser.feed(bad), State::Error) << bad;
        EXPECT_FALSE(parser.error().isEmpty()) << bad;
    }
}

TEST(HttpResponseParser, BoundsTheHeadersItBuffers) {
    HttpResponseParser parser;
    parser.feed("HTTP/1.1 200 OK\r\n");
    const std::string padding(1024, 'a');
    State state = State::Incomplete;
    for (int i = 0; i < 100 && state == State::Incomplete; ++i)
        state = parser.feed("X-Pad: " + padding + "\r\n");
    EXPECT_EQ(state, State::Error);
    EXPECT_TRUE(parser.error().contains(QLatin1String("larger than")));

    HttpResponseParser endless; // one line that never ends
    state = State::Incomplete;
    for (int i = 0; i < 100 && state == State::Incomplete; ++i)
        state = endless.feed(padding);
    EXPECT_EQ(state, State::Error);
}

TEST(HttpResponseParser, ManySmallChunksAreNotMistakenForOversizedHeaders) {
    HttpResponseParser parser;
    parser.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 20000; ++i)
        ASSERT_EQ(parser.feed("1\r\nx\r\n"), State::Incomplete);
    EXPECT_EQ(parser.feed("0\r\n\r\n"), State::Complete);
    EXPECT_EQ(parser.bodyBytes(), 20000u);
}
