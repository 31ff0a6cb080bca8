// The Python tracer's event channel on the watch server (POST /.reqlanes/events): batches of JSON
// lines are accepted, counted and handed to the recorder; a malformed one is refused whole with
// the line at fault; none of it is ever a request of the session (server/ingestendpoints.h).
#include "watch/clienteventsreceiver.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include "testhttpclient.h"

#include <gtest/gtest.h>

#include <string>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

server::IngestRequest post(std::string body, std::string type = "application/x-ndjson") {
    server::IngestRequest request;
    request.method = "POST";
    request.contentType = std::move(type);
    request.body = std::move(body);
    return request;
}

} // namespace

TEST(ClientEventsReceiver, AcceptsAndCountsABatchOfEventLines) {
    ClientEventCounts counts;
    const server::IngestReply reply =
        receiveClientEvents(post("{\"at\":1,\"kind\":\"request_start\",\"req\":\"a\"}\n\n"
                                 "{\"at\":2,\"kind\":\"request_end\",\"req\":\"a\"}\n"),
                            &counts);
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "{\"accepted\":2}");
    EXPECT_EQ(counts.accepted.load(), 2u);
}

TEST(ClientEventsReceiver, RefusesAMalformedBatchWholeNamingTheLine) {
    ClientEventCounts counts;
    const server::IngestReply reply = receiveClientEvents(
        post("{\"at\":1,\"kind\":\"x\"}\n{\"at\":\"soon\",\"kind\":\"x\"}\n"), &counts);
    EXPECT_EQ(reply.status, 400);
    EXPECT_NE(reply.body.find("line 2: \\\"at\\\" is not a number"), std::string::npos)
        << reply.body;
    EXPECT_EQ(counts.accepted.load(), 0u);
    EXPECT_EQ(counts.rejected.load(), 1u);
    EXPECT_EQ(receiveClientEvents(post("{not json\n"), &counts).status, 400);
}

TEST(ClientEventsReceiver, OtherMethodsAndContentTypesAreRefused) {
    server::IngestRequest get = post("");
    get.method = "GET";
    const server::IngestReply notAllowed = receiveClientEvents(get, nullptr);
    EXPECT_EQ(notAllowed.status, 405); // RFC 9110 15.5.6: with Allow
    ASSERT_EQ(notAllowed.headers.size(), 1u);
    EXPECT_EQ(notAllowed.headers[0].first, "Allow");
    EXPECT_EQ(receiveClientEvents(post("{}", "text/plain"), nullptr).status, 415);
}

TEST(ClientEventsReceiver, EventsPostedToTheWatchServerAreNeverItsRequests) {
    WatchRecorder recorder;
    WatchServer server(&recorder);
    WatchServerOptions options;
    options.port = 0;
    options.server.latencyMs = 100;
    QString error;
    ASSERT_TRUE(server.start(options, &error)) << error.toStdString();
    TestHttpClient client(server.port());
    ASSERT_TRUE(client.connected());
    const std::string body = "{\"at\":1,\"kind\":\"thread_start\"}\n";
    ASSERT_TRUE(client.send("POST /.reqlanes/events HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/x-ndjson\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n" + body));
    const TestResponse response = client.readResponse();
    EXPECT_EQ(response.status, 200) << response.error;
    EXPECT_EQ(response.body, "{\"accepted\":1}");
    EXPECT_EQ(server.clientEvents().accepted.load(), 1u);
    // They join the session (the client's account of it), never as a request of their own:
    // the connection that carried them, and its POST, are not in it.
    const std::optional<reqlanes::Run> session = recorder.liveSession();
    ASSERT_TRUE(session.has_value());
    EXPECT_TRUE(session->requests.empty()) << "the tracer's events are not a request";
    EXPECT_TRUE(session->connections.empty());
}
