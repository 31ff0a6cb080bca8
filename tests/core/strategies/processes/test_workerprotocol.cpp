// The worker line protocol: what the encoder writes decodes to the same message, the encoding
// is canonical, and every kind of malformed line is rejected with a reason.
#include "strategies/processes/linebuffer.h"
#include "strategies/processes/workerprotocol.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace reqlanes;
using namespace reqlanes::workerprotocol;

namespace {

std::string withoutNewline(const QByteArray &line) {
    EXPECT_TRUE(line.endsWith('\n')) << line.constData();
    return std::string(line.constData(), static_cast<std::size_t>(line.size() - 1));
}

WorkerMessage roundTrip(const WorkerMessage &message) {
    QString error;
    const auto decoded = decodeWorkerLine(withoutNewline(encodeLine(message)), &error);
    EXPECT_TRUE(decoded.has_value()) << error.toStdString();
    return decoded.value_or(WorkerMessage{FatalMessage{QStringLiteral("decode failed")}});
}

struct Rejected {
    std::string line;
    const char *reason; // a fragment the error must contain
};

void expectWorkerLineRejected(const Rejected &c) {
    QString error;
    EXPECT_FALSE(decodeWorkerLine(c.line, &error).has_value()) << "accepted: " << c.line;
    EXPECT_TRUE(error.contains(QLatin1String(c.reason)))
        << "line: " << c.line << "\nerror: " << error.toStdString() << "\nwanted: " << c.reason;
}

void expectParentLineRejected(const Rejected &c) {
    QString error;
    EXPECT_FALSE(decodeParentLine(c.line, &error).has_value()) << "accepted: " << c.line;
    EXPECT_TRUE(error.contains(QLatin1String(c.reason)))
        << "line: " << c.line << "\nerror: " << error.toStdString() << "\nwanted: " << c.reason;
}

} // namespace

TEST(WorkerProtocol, ParentMessagesRoundTrip) {
    const JobMessage job{99999, 4294967295u, 600000,
                         QByteArrayLiteral("http://127.0.0.1:8080/x?delay=5%20")};
    EXPECT_EQ(
        encodeLine(job),
        QByteArrayLiteral("RLW2 job 99999 4294967295 600000 http://127.0.0.1:8080/x?delay=5%20\n"));
    for (const ParentMessage &message : {ParentMessage{job}, ParentMessage{QuitMessage{}}}) {
        QString error;
        const auto decoded = decodeParentLine(withoutNewline(encodeLine(message)), &error);
        ASSERT_TRUE(decoded.has_value()) << error.toStdString();
        EXPECT_EQ(*decoded, message);
    }
}

TEST(WorkerProtocol, WorkerMessagesRoundTrip) {
    const std::vector<WorkerMessage> messages{
        HelloMessage{4242, 4243, 123456789012345},
        HelloMessage{2147483647, 1, 9223372036854775807},
        PhaseMessage{0, Phase::ConnectStart, 0},
        PhaseMessage{7, Phase::ServerAccept, 55},
        PhaseMessage{7, Phase::Done, 56},
        DoneMessage{3, RequestStatus::Ok, 200, 2, {}},
        DoneMessage{4, RequestStatus::HttpError, 503, -1, QStringLiteral("HTTP 503 Busy")},
        DoneMessage{5, RequestStatus::Timeout, 0, 32767, QStringLiteral("-")},
        DoneMessage{6, RequestStatus::ProtocolError, 0, 0,
                    QStringLiteral("100% bad\r\n\ttabs, \u00e9t\u00e9 \U0001F600 and %41")},
        FatalMessage{QStringLiteral("stdin ended mid-line")},
    };
    for (const auto &message : messages)
        EXPECT_EQ(roundTrip(message), message) << encodeLine(message).constData();
}

TEST(WorkerProtocol, EncodingIsTheDocumentedText) {
    EXPECT_EQ(encodeLine(HelloMessage{10, 11, 12}), QByteArrayLiteral("RLW2 hello 10 11 12\n"));
    EXPECT_EQ(encodeLine(PhaseMessage{1, Phase::FirstByte, 99}),
              QByteArrayLiteral("RLW2 phase 1 first_byte 99\n"));
    EXPECT_EQ(encodeLine(DoneMessage{2, RequestStatus::Refused, 0, -1, {}}),
              QByteArrayLiteral("RLW2 done 2 refused 0 -1 -\n"));
    EXPECT_EQ(encodeLine(DoneMessage{2, RequestStatus::Ok, 200, 1, QStringLiteral("a b%")}),
              QByteArrayLiteral("RLW2 done 2 ok 200 1 a%20b%25\n"));
    EXPECT_EQ(encodeLine(FatalMessage{QStringLiteral("-")}), QByteArrayLiteral("RLW2 fatal %2D\n"));
    EXPECT_EQ(encodeLine(QuitMessage{}), QByteArrayLiteral("RLW2 quit\n"));
}

TEST(WorkerProtocol, AcceptedLinesReEncodeToTheSameBytes) {
    for (const char *text :
         {"RLW2 hello 1 2 3", "RLW2 phase 0 sent 17", "RLW2 done 12 http_error 404 0 Not%20Found",
          "RLW2 fatal why?%25", "RLW2 fatal -%20"}) {
        const auto decoded = decodeWorkerLine(text);
        ASSERT_TRUE(decoded.has_value()) << text;
        EXPECT_EQ(encodeLine(*decoded), QByteArray(text) + '\n');
    }
}

TEST(WorkerProtocol, LongErrorIsCutAtACharacterBoundarySoTheLineFits) {
    // 3-byte characters: 1000 is not a multiple of 3, so a naive cut would split one.
    const QString huge(5000, QChar(0x20AC)); // the euro sign
    const QByteArray line = encodeLine(DoneMessage{1, RequestStatus::ProtocolError, 0, -1, huge});
    EXPECT_LE(static_cast<std::size_t>(line.size()), kMaxLineBytes + 1);
    const auto decoded = decodeWorkerLine(withoutNewline(line));
    ASSERT_TRUE(decoded.has_value());
    const QString error = std::get<DoneMessage>(*decoded).error;
    EXPECT_EQ(error.size(), 333); // 999 bytes of whole characters
    EXPECT_EQ(error, huge.left(333));
}

TEST(WorkerProtocol, RejectsWrongVersionAndUnknownVerbs) {
    for (const Rejected &c : std::vector<Rejected>{
             {"RLW1 hello 1 2 3", "wrong protocol version 'RLW1'"},
             {"rlw2 hello 1 2 3", "wrong protocol version"},
             {"hello 1 2 3", "wrong protocol version 'hello'"},
             {"RLW2", "missing verb"},
             {"RLW2 jump 1 2 3", "unknown verb 'jump'"},
             {"RLW2 HELLO 1 2 3", "unknown verb 'HELLO'"},
             {"RLW2 job 1 7 100 http://x/", "unknown verb 'job'"}, // a parent's line
         })
        expectWorkerLineRejected(c);
    expectParentLineRejected({"RLW2 hello 1 2 3", "unknown verb 'hello'"});
    expectParentLineRejected({"RLW0 quit", "wrong protocol version 'RLW0'"});
}

TEST(WorkerProtocol, RejectsMissingAndExtraFields) {
    for (const Rejected &c : std::vector<Rejected>{
             {"RLW2 hello 1 2", "'hello' takes 3 field(s), got 2"},
             {"RLW2 phase 1 sent", "'phase' takes 3 field(s), got 2"},
             {"RLW2 phase 1 sent 5 6", "'phase' takes 3 field(s), got 4"},
             {"RLW2 done 1 ok 200 0", "'done' takes 5 field(s), got 4"},
             {"RLW2 fatal", "'fatal' takes 1 field(s), got 0"},
         })
        expectWorkerLineRejected(c);
    expectParentLineRejected({"RLW2 job 1 7 100", "'job' takes 4 field(s), got 3"});
    expectParentLineRejected({"RLW2 job 1 100 http://x/", "'job' takes 4 field(s), got 3"});
    expectParentLineRejected({"RLW2 quit now", "'quit' takes 0 field(s), got 1"});
}

TEST(WorkerProtocol, RejectsBadNumbers) {
    for (const Rejected &c : std::vector<Rejected>{
             {"RLW2 phase x sent 5", "request id 'x' is not a decimal number"},
             {"RLW2 phase 1x sent 5", "is not a decimal number"},
             {"RLW2 phase +1 sent 5", "is not a decimal number"},
             {"RLW2 phase 01 sent 5", "not canonical"},
             {"RLW2 phase -0 sent 5", "must not be negative"},
             {"RLW2 phase 100000 sent 5", "request id '100000' is out of range 0..99999"},
             {"RLW2 phase -1 sent 5", "request id '-1' must not be negative"},
             {"RLW2 phase 1 sent -5", "steady_ns '-5' must not be negative"},
             {"RLW2 phase 1 sent 9223372036854775808", "steady_ns '9223372036854775808' is out"},
             {"RLW2 phase 1 sent 99999999999999999999999", "is out of range"},
             {"RLW2 hello 0 1 5", "pid '0' is out of range"},
             {"RLW2 hello 1 2147483648 5", "tid '2147483648' is out of range"},
             {"RLW2 done 1 ok 1000 0 -", "http status '1000' is out of range 0..999"},
             {"RLW2 done 1 ok 200 -2 -", "server worker '-2' is out of range -1..32767"},
             {"RLW2 done 1 ok 200 32768 -", "server worker '32768' is out of range"},
             {"RLW2 done 1 ok 200 - -", "server worker '-' is not a decimal number"},
         })
        expectWorkerLineRejected(c);
    expectParentLineRejected({"RLW2 job 1 7 0 http://x/", "timeout_ms '0' is out of range"});
    expectParentLineRejected({"RLW2 job 1 7 600001 http://x/", "timeout_ms '600001' is out"});
    expectParentLineRejected({"RLW2 job 1 4294967296 100 http://x/", "generation '4294967296'"});
    expectParentLineRejected({"RLW2 job 1 -1 100 http://x/", "generation"});
}

TEST(WorkerProtocol, RejectsPhasesAndStatusesOutOfRange) {
    for (const Rejected &c : std::vector<Rejected>{
             {"RLW2 phase 1 created 5", "phase 'created' is not one a worker reports"},
             {"RLW2 phase 1 acquired 5", "phase 'acquired' is not one a worker reports"},
             {"RLW2 phase 1 teleported 5", "phase 'teleported' is not one"},
             {"RLW2 phase 1 3 5", "phase '3' is not one"},
             {"RLW2 done 1 pending 0 -1 -", "status 'pending' is not a final request status"},
             {"RLW2 done 1 fine 0 -1 -", "status 'fine' is not a final"},
         })
        expectWorkerLineRejected(c);
}

TEST(WorkerProtocol, RejectsBadBytesSpacingAndLength) {
    for (const Rejected &c : std::vector<Rejected>{
             {"", "empty field at column 1"},
             {" RLW2 quit", "empty field at column 1"},
             {"RLW2  hello 1 2 3", "empty field at column 6"},
             {"RLW2 hello 1 2 3 ", "empty field at column 18"},
             {"RLW2 hello 1 2 3\r", "invalid byte 0x0d at column 17"},
             {"RLW2\thello 1 2 3", "invalid byte 0x09 at column 5"},
             {std::string("RLW2 hello 1\0 2 3", 17), "invalid byte 0x00 at column 13"},
             {"RLW2 fatal caf\xc3\xa9", "invalid byte 0xc3"},
             {"RLW2 fatal " + std::string(kMaxLineBytes, 'x'), "longer than the limit of 4096"},
         })
        expectWorkerLineRejected(c);
    const std::string longUrl = "http://x/" + std::string(kMaxUrlBytes, 'a');
    expectParentLineRejected({"RLW2 job 1 7 100 " + longUrl, "longer than the limit of 2048"});
}

TEST(WorkerProtocol, RejectsBadErrorText) {
    for (const Rejected &c : std::vector<Rejected>{
             {"RLW2 fatal %zz", "bad escape at offset 0"},
             {"RLW2 fatal ab%2", "bad escape at offset 2"},
             {"RLW2 fatal %2a", "bad escape"},              // lower-case hex
             {"RLW2 fatal %41", "not canonically escaped"}, // 'A' needs no escape
             {"RLW2 fatal %FF%FE", "not valid UTF-8"},
             {"RLW2 fatal " + std::string(1001, 'e'), "longer than the limit of 1000"},
         })
        expectWorkerLineRejected(c);
}

TEST(WorkerProtocol, JobUrlCheckNamesTheProblem) {
    EXPECT_TRUE(checkJobUrl("http://127.0.0.1:1/").isEmpty());
    EXPECT_TRUE(checkJobUrl("").contains(QLatin1String("empty")));
    EXPECT_TRUE(checkJobUrl("http://a b/").contains(QLatin1String("0x20")));
    EXPECT_TRUE(checkJobUrl("http://\xc3\xa9/").contains(QLatin1String("0xc3")));
}

TEST(LineBuffer, SplitsLinesAcrossChunks) {
    LineBuffer buffer(16);
    std::string line;
    buffer.append("RLW2 qu");
    EXPECT_EQ(buffer.next(line), LineBuffer::Result::NeedMore);
    EXPECT_TRUE(buffer.hasPartialLine());
    buffer.append("it\nsecond\nthi");
    ASSERT_EQ(buffer.next(line), LineBuffer::Result::Line);
    EXPECT_EQ(line, "RLW2 quit");
    ASSERT_EQ(buffer.next(line), LineBuffer::Result::Line);
    EXPECT_EQ(line, "second");
    EXPECT_EQ(buffer.next(line), LineBuffer::Result::NeedMore);
    buffer.append("rd\n");
    ASSERT_EQ(buffer.next(line), LineBuffer::Result::Line);
    EXPECT_EQ(line, "third");
    EXPECT_FALSE(buffer.hasPartialLine());
}

TEST(LineBuffer, RefusesALineLongerThanTheLimitEvenWithoutNewline) {
    LineBuffer buffer(8);
    std::string line;
    buffer.append("12345678");
    EXPECT_EQ(buffer.next(line), LineBuffer::Result::NeedMore); // exactly the limit is fine
    buffer.append("9");
    EXPECT_EQ(buffer.next(line), LineBuffer::Result::TooLong);
    buffer.append("\nok\n");
    EXPECT_EQ(buffer.next(line), LineBuffer::Result::TooLong); // stays failed
}
