// Run identity without a server: every run's X-Request-Ids are its own ("g<generation>-<index>"),
// and a server event is joined only to the run that sent it; an earlier run's request becomes
// that run's leftover work in the next one (design.md, "Runs have identity").
#include "run/embeddedtarget.h"
#include "run/runrecorder.h"
#include "run/runrequestid.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// A finished event from the server for `requestId`, at times relative to `origin`.
server::ServerRequestEvent finishedEvent(const std::string &requestId, std::int64_t origin,
                                         Nanos accepted, Nanos started, Nanos finished) {
    server::ServerRequestEvent event{};
    event.requestId = requestId;
    event.acceptedNs = origin + accepted;
    event.startedNs = origin + started;
    event.finishedNs = origin + finished;
    event.worker = 1;
    event.status = 200;
    return event;
}

} // namespace

TEST(RunRequestId, FormatsAndParsesBackTheGenerationAndIndex) {
    EXPECT_EQ(formatRunRequestId({7, 3}), QByteArrayLiteral("g7-3"));
    const std::optional<RunRequestId> parsed = parseRunRequestId("g4294967295-99999");
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->generation, 4294967295u);
    EXPECT_EQ(parsed->index, 99999);
}

TEST(RunRequestId, AnythingElseIsNotOneOfOurs) {
    for (const char *text : {"", "3", "g", "g7", "g7-", "g-3", "g07-3", "g7-03", "g7-3x", "G7-3",
                             "g7--3", "g4294967296-1", "other-program-1"})
        EXPECT_FALSE(parseRunRequestId(text).has_value()) << text;
}

TEST(RunRequestId, EveryRecorderTakesANewGeneration) {
    const RunRecorder first(1, 0), second(1, 0);
    EXPECT_NE(first.generation(), 0u);
    EXPECT_GT(second.generation(), first.generation());
}

TEST(RunRequestId, TheRunsOwnIdStampsItsRequestAndAnEarlierRunsIsItsLeftoverWork) {
    const std::int64_t origin = 10'000 * kMs;
    RunRecorder recorder(4, origin, 8);
    // Its own request 3, and request 3 of run 7, which the server started 300 ms before this run.
    EmbeddedTarget::recordInto(recorder,
                               finishedEvent("g8-3", origin, 10 * kMs, 20 * kMs, 320 * kMs));
    EmbeddedTarget::recordInto(recorder,
                               finishedEvent("g7-3", origin, -400 * kMs, -300 * kMs, 100 * kMs));
    const std::vector<RequestRecord> records = recorder.records();
    EXPECT_EQ(records[3].phase(Phase::ServerStart), 20 * kMs);
    EXPECT_EQ(records[3].phase(Phase::ServerEnd), 320 * kMs);
    for (int id = 0; id < 3; ++id)
        EXPECT_FALSE(records[std::size_t(id)].has(Phase::ServerAccept)) << "request " << id;

    const std::vector<OutsideRequest> outside = recorder.outsideRequests();
    ASSERT_EQ(outside.size(), 1u);
    EXPECT_EQ(outside[0].requestId, QStringLiteral("g7-3"));
    EXPECT_TRUE(outside[0].earlierRun);
    // Only its part inside this run is drawn: from this run's start, never at negative times.
    EXPECT_EQ(outside[0].started, 0);
    EXPECT_EQ(outside[0].ended, 100 * kMs);
}

TEST(RunRequestId, ALaterRunsOrAnotherProgramsIdIsOtherTrafficNotAnEarlierRun) {
    const std::int64_t origin = 10'000 * kMs;
    RunRecorder recorder(2, origin, 8);
    EmbeddedTarget::recordInto(recorder,
                               finishedEvent("g9-0", origin, 10 * kMs, 10 * kMs, 30 * kMs));
    EmbeddedTarget::recordInto(recorder, finishedEvent("1", origin, 20 * kMs, 20 * kMs, 40 * kMs));
    EmbeddedTarget::recordInto(recorder, finishedEvent("g8-2", origin, 30 * kMs, 30 * kMs,
                                                       50 * kMs)); // out of this run's range
    const std::vector<OutsideRequest> outside = recorder.outsideRequests();
    ASSERT_EQ(outside.size(), 3u);
    for (const OutsideRequest &request : outside)
        EXPECT_FALSE(request.earlierRun) << request.requestId.toStdString();
    for (const RequestRecord &record : recorder.records())
        EXPECT_FALSE(record.has(Phase::ServerAccept)) << "request " << record.id;
}
