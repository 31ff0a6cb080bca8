// ResponseReader, the receive side both exchange forms share: what it stamps and how it ends an
// exchange on a reset or a read error. The rule-by-rule table is test_responseconformance.cpp.
#include "http/httpexchange.h"
#include "http/responsereader.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>
#include <string_view>

using namespace reqlanes;

namespace {

class Listener final : public ExchangeListener {
public:
    void phase(Phase phase, std::int64_t steadyNs) override { phases[phase] = steadyNs; }
    void finished(RequestStatus finalStatus, int, const QString &message) override {
        status = finalStatus;
        error = message;
        ++finishedCalls;
    }
    std::map<Phase, std::int64_t> phases;
    RequestStatus status = RequestStatus::Pending;
    QString error;
    int finishedCalls = 0;
};

ResponseReader::Progress feed(ResponseReader &reader, std::string_view bytes, std::int64_t at) {
    return reader.onBytes(bytes.data(), bytes.size(), at);
}

} // namespace

TEST(ResponseReader, FirstByteIsWhenTheFinalStatusLineBeganEvenIfSplit) {
    Listener listener;
    ResponseReader reader(listener);
    EXPECT_EQ(feed(reader, "HTT", 100), ResponseReader::Progress::Reading);
    EXPECT_EQ(listener.phases.count(Phase::FirstByte), 0u) << "not known to be final yet";
    EXPECT_EQ(feed(reader, "P/1.1 200 OK\r\nContent-Length: 1\r\n\r\n", 200),
              ResponseReader::Progress::Reading);
    EXPECT_EQ(listener.phases[Phase::FirstByte], 100);
    EXPECT_EQ(feed(reader, "x", 300), ResponseReader::Progress::Finished);
    EXPECT_EQ(listener.status, RequestStatus::Ok);
    EXPECT_EQ(listener.finishedCalls, 1);
}

// RFC 9110 §15.2: the final response begins where the interim one's head ended, here in the
// same read as the interim's last bytes.
TEST(ResponseReader, FinalResponseStartingInTheInterimsLastReadIsStampedThen) {
    Listener listener;
    ResponseReader reader(listener);
    feed(reader, "HTTP/1.1 100 Continue\r\n", 100);
    feed(reader, "\r\nHTTP/1.1 2", 200);
    EXPECT_EQ(feed(reader, "04 No Content\r\n\r\n", 300), ResponseReader::Progress::Finished);
    EXPECT_EQ(listener.phases[Phase::FirstByte], 200);
}

TEST(ResponseReader, ResetIsAProtocolErrorThatSaysSo) {
    Listener listener;
    ResponseReader reader(listener);
    feed(reader, "HTTP/1.1 200 OK\r\n", 100);
    EXPECT_EQ(reader.onError(ECONNRESET), ResponseReader::Progress::Finished);
    EXPECT_EQ(listener.status, RequestStatus::ProtocolError);
    EXPECT_TRUE(listener.error.contains(QLatin1String("reset the connection")));
    EXPECT_TRUE(listener.phases.count(Phase::Done));
}

TEST(ResponseReader, OtherReadErrorsNameTheSystemError) {
    Listener listener;
    ResponseReader reader(listener);
    reader.onError(EIO);
    EXPECT_EQ(listener.status, RequestStatus::ProtocolError);
    EXPECT_TRUE(listener.error.startsWith(QLatin1String("could not read the response: ")))
        << listener.error.toStdString();
}

TEST(ResponseReader, TimeoutStepSaysWhetherAnythingCame) {
    Listener listener;
    ResponseReader reader(listener);
    EXPECT_STREQ(reader.timeoutStep(), "waiting for the response");
    feed(reader, "HTTP/1.1 100 Continue\r\n\r\n", 100);
    EXPECT_STREQ(reader.timeoutStep(), "reading the response");
    EXPECT_EQ(listener.finishedCalls, 0);
}
