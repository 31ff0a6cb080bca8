// HttpRequestParser: every slicing of valid input parses the same, every malformed or oversized
// input gets its status, and arbitrary bytes never crash it or grow it past its bounds.
#include "httprequestparser.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace reqlanes::server;
using namespace std::string_literals;

namespace {

const std::string kSimple = "GET /x?delay=5&y=1 HTTP/1.1\r\nHost: a\r\nX-Request-Id: r-7\r\n\r\n";

ParseResult feedAll(HttpRequestParser &parser, const std::string &bytes) {
    return parser.feed(bytes);
}

int errorFor(const std::string &bytes, std::size_t maxHeaderBytes = 16 * 1024) {
    HttpRequestParser parser(maxHeaderBytes);
    const ParseResult result = feedAll(parser, bytes);
    return result.status == ParseStatus::Error ? result.errorStatus : 0;
}

} // namespace

TEST(HttpRequestParser, ParsesASimpleGet) {
    HttpRequestParser parser;
    const ParseResult result = feedAll(parser, kSimple);
    ASSERT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, kSimple.size());
    const HttpRequest &request = parser.request();
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.target, "/x?delay=5&y=1");
    EXPECT_EQ(request.path, "/x");
    EXPECT_EQ(request.query, "delay=5&y=1");
    EXPECT_EQ(request.versionMinor, 1);
    EXPECT_TRUE(request.keepAlive);
    EXPECT_EQ(request.requestId, "r-7");
}

TEST(HttpRequestParser, ByteByByteGivesTheSameRequest) {
    HttpRequestParser parser;
    for (std::size_t i = 0; i < kSimple.size(); ++i) {
        const ParseResult result = parser.feed(std::string_view(kSimple).substr(i, 1));
        EXPECT_EQ(result.consumed, 1u);
        EXPECT_EQ(result.status,
                  i + 1 == kSimple.size() ? ParseStatus::Complete : ParseStatus::NeedMore);
        EXPECT_TRUE(parser.started());
    }
    EXPECT_EQ(parser.request().requestId, "r-7");
    EXPECT_EQ(parser.request().query, "delay=5&y=1");
}

TEST(HttpRequestParser, AcceptsBareLineFeedsAndLeadingEmptyLines) {
    HttpRequestParser parser;
    EXPECT_EQ(parser.feed("\r\n\nHEAD / HTTP/1.1\nHost: a\n\n").status, ParseStatus::Complete);
    EXPECT_EQ(parser.request().method, "HEAD");
}

TEST(HttpRequestParser, KeepAliveFollowsVersionAndConnectionHeader) {
    const auto keepAlive = [](const std::string &bytes) {
        HttpRequestParser parser;
        EXPECT_EQ(parser.feed(bytes).status, ParseStatus::Complete) << bytes;
        return parser.request().keepAlive;
    };
    EXPECT_TRUE(keepAlive("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
    EXPECT_FALSE(keepAlive("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
    EXPECT_FALSE(keepAlive("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n"));
    EXPECT_FALSE(keepAlive("GET / HTTP/1.0\r\n\r\n"));
    EXPECT_TRUE(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    EXPECT_TRUE(keepAlive("GET / HTTP/1.2\r\nHost: a\r\n\r\n")); // later 1.x: as 1.1
}

TEST(HttpRequestParser, AbsoluteFormTargetGivesPathAndQuery) {
    HttpRequestParser parser;
    ASSERT_EQ(parser.feed("GET http://h:1/p/q?delay=3 HTTP/1.1\r\nHost: h:1\r\n\r\n").status,
              ParseStatus::Complete);
    EXPECT_EQ(parser.request().path, "/p/q");
    EXPECT_EQ(parser.request().query, "delay=3");
}

TEST(HttpRequestParser, AbsoluteFormWithoutPathIsRootAndKeepsTheQuery) {
    // RFC 9112 3.2.2: the authority ends at "?" as well as "/"; an empty path is "/".
    for (const char *target : {"http://127.0.0.1:8000?delay=0", "http://127.0.0.1:8000/?delay=0"}) {
        HttpRequestParser parser;
        ASSERT_EQ(parser.feed("GET "s + target + " HTTP/1.1\r\nHost: x\r\n\r\n").status,
                  ParseStatus::Complete)
            << target;
        EXPECT_EQ(parser.request().path, "/") << target;
        EXPECT_EQ(parser.request().query, "delay=0") << target;
    }
}

TEST(HttpRequestParser, SkipsAContentLengthBodyAndLeavesThePipelinedRest) {
    const std::string first = "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
    const std::string second = "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n";
    HttpRequestParser parser;
    const ParseResult result = parser.feed(first + second);
    ASSERT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, first.size());
    EXPECT_EQ(parser.request().contentLength, 5u);
    // Complete stays complete until reset, consuming nothing.
    EXPECT_EQ(parser.feed(second).consumed, 0u);
    parser.reset();
    EXPECT_FALSE(parser.started());
    EXPECT_EQ(parser.feed(second).status, ParseStatus::Complete);
    EXPECT_EQ(parser.request().path, "/2");
}

TEST(HttpRequestParser, BodyMayArriveInPieces) {
    HttpRequestParser parser;
    EXPECT_EQ(parser.feed("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab").status,
              ParseStatus::NeedMore);
    const ParseResult result = parser.feed("cdGET");
    EXPECT_EQ(result.status, ParseStatus::Complete);
    EXPECT_EQ(result.consumed, 2u);
}

TEST(HttpRequestParser, MalformedInputIsBadRequest) {
    const std::vector<std::string> malformed = {
        "GARBAGE\r\n\r\n",
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1 extra\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n",
        "GET nopath HTTP/1.1\r\n\r\n",
        "GET / HTTX/1.1\r\n\r\n",
        "GET / HTTP/1.x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nName : value\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n: empty-name\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nA: b\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nA: b\rc\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nA: b\0c\r\n\r\n"s,
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 12abc\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",                       // no Host (RFC 9112 3.2)
        "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", // two
        "GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: a\r\n\r\n", // asterisk-form is for OPTIONS (3.2.4)
        "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", // 6.3 rule 4
    };
    for (const std::string &bad : malformed)
        EXPECT_EQ(errorFor(bad), 400) << bad;
}

TEST(HttpRequestParser, RefusalsHaveTheirOwnStatuses) {
    EXPECT_EQ(errorFor("GET / HTTP/2.0\r\n\r\n"), 505);
    EXPECT_EQ(errorFor("GET / HTTP/1.1\r\nHost: a\r\nExpect: x\r\n\r\n"), 417);
    EXPECT_EQ(errorFor("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: br, chunked\r\n\r\n"), 501);
    EXPECT_EQ(errorFor("GET / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n"), 413);
    EXPECT_EQ(errorFor("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n"), 414);
    EXPECT_EQ(errorFor("GET / HTTP/1.1\r\nBig: " + std::string(17 * 1024, 'a') + "\r\n\r\n"), 431);
    std::string many = "GET / HTTP/1.1\r\n";
    // Appended piece by piece: "H" + std::to_string(i) trips GCC 12's bogus -Wrestrict at -O3
    // (GCC bug 105329), an error in the release preset.
    for (int i = 0; i < 101; ++i)
        many.append("H").append(std::to_string(i)).append(": v\r\n");
    EXPECT_EQ(errorFor(many + "\r\n"), 431);
}

TEST(HttpRequestParser, HeaderLimitIsReachedWithoutALineEnd) {
    // A client that never sends "\n" must still be stopped at the limit.
    HttpRequestParser parser(2048);
    ParseResult result;
    for (int i = 0; i < 100 && result.status == ParseStatus::NeedMore; ++i)
        result = parser.feed(i == 0 ? "GET / HTTP/1.1\r\nX: " : std::string(100, 'x'));
    EXPECT_EQ(result.status, ParseStatus::Error);
    EXPECT_EQ(result.errorStatus, 431);
    EXPECT_EQ(parser.feed("more").status, ParseStatus::Error); // stays failed
}

TEST(HttpRequestParser, SurvivesRandomBytes) {
    // A poor man's fuzzer, deterministic; the libFuzzer target goes much further.
    std::mt19937 random(12345);
    const std::string alphabet = "GET /?=&:HTTP1.0\r\n \t\x00\x7f\xff"s + "Content-Length";
    for (int round = 0; round < 3000; ++round) {
        HttpRequestParser parser(1024 + random() % 2048);
        std::string bytes(random() % 600, '\0');
        for (char &c : bytes)
            c = random() % 3 ? alphabet[random() % alphabet.size()] : char(random() % 256);
        std::size_t at = 0;
        while (at < bytes.size()) {
            const std::size_t slice = 1 + random() % 64;
            const ParseResult result = parser.feed(std::string_view(bytes).substr(at, slice));
            ASSERT_LE(result.consumed, std::min(slice, bytes.size() - at));
            if (result.status == ParseStatus::Error) {
                ASSERT_TRUE(result.errorStatus >= 400 && result.errorStatus <= 505);
                break;
            }
            if (result.status == ParseStatus::Complete) {
                parser.reset();
                at += result.consumed;
                continue;
            }
            at += result.consumed;
        }
    }
}

TEST(HttpRequestParser, ReadsAChunkedBodyInAnySlicingAndStopsAtItsEnd) {
    // RFC 9112 7.1: extensions and trailer fields are read and ignored; what follows the
    // chunked body is the next request.
    const std::string request = "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "5;ext=\"q;v\"\r\nhello\r\n1A\r\n" +
                                std::string(26, 'z') + "\r\n0\r\nTrailer-A: 1\r\n\r\n";
    const std::string next = "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n";
    for (std::size_t slice : {std::size_t(1), std::size_t(7), request.size() + next.size()}) {
        HttpRequestParser parser;
        const std::string bytes = request + next;
        std::size_t at = 0;
        ParseResult result;
        while (at < bytes.size()) {
            result = parser.feed(std::string_view(bytes).substr(at, slice));
            at += result.consumed;
            if (result.status != ParseStatus::NeedMore)
                break;
        }
        ASSERT_EQ(result.status, ParseStatus::Complete) << "slice " << slice;
        EXPECT_EQ(at, request.size()) << "slice " << slice;
        EXPECT_TRUE(parser.request().chunked);
        EXPECT_EQ(parser.request().contentLength, 31u);
        EXPECT_TRUE(parser.request().keepAlive);
    }
}

TEST(HttpRequestParser, ChunkedBodiesAreBounded) {
    const std::string head = "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    EXPECT_EQ(errorFor(head + "100001\r\n"), 413); // 1 MiB + 1 in one chunk
    EXPECT_EQ(errorFor(head + "80000\r\n" + std::string(0x80000, 'a') + "\r\n80001\r\n"), 413);
    EXPECT_EQ(errorFor(head + "1;" + std::string(5000, 'e') + "\r\n"), 400); // extension flood
    std::string trailers = head + "0\r\n";
    for (int i = 0; i < 400; ++i)
        trailers.append("T").append(std::to_string(i)).append(": ").append(50, 'v').append("\r\n");
    EXPECT_EQ(errorFor(trailers), 431);
    EXPECT_EQ(errorFor(head + "5\r\nhello\r\n0\r\nBad Trailer: x\r\n\r\n"), 400);
}

TEST(HttpRequestParser, ContinueIsDueOnceWhenTheBodyIsStillToCome) {
    // RFC 9110 10.1.1: 100 Continue for an HTTP/1.1 request that will send content.
    HttpRequestParser parser;
    EXPECT_EQ(parser
                  .feed("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                        "Content-Length: 3\r\n\r\n")
                  .status,
              ParseStatus::NeedMore);
    EXPECT_TRUE(parser.request().expectsContinue);
    EXPECT_TRUE(parser.takeContinueDue());
    EXPECT_FALSE(parser.takeContinueDue()) << "once";
    EXPECT_EQ(parser.feed("abc").status, ParseStatus::Complete);

    // The body already here (a server MAY omit the 100), or none at all: nothing is due.
    for (const char *bytes :
         {"POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
          "GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n"}) {
        HttpRequestParser complete;
        EXPECT_EQ(complete.feed(bytes).status, ParseStatus::Complete) << bytes;
        EXPECT_FALSE(complete.takeContinueDue()) << bytes;
    }

    // An HTTP/1.0 client gets no 1xx (RFC 9110 15.2) and its expectation is ignored.
    HttpRequestParser old;
    EXPECT_EQ(
        old.feed("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n").status,
        ParseStatus::NeedMore);
    EXPECT_FALSE(old.takeContinueDue());
}
