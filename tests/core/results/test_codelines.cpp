// Counting requests per line of a strategy's code at a moment of the run, and the snippet index
// that says which line shows which activity.
#include "results/codelines.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// Created at 0; slot at `acquired`; sent 1 ms later; first byte at `firstByte`; done 2 ms later.
RequestRecord request(int id, Nanos acquired, Nanos firstByte) {
    RequestRecord r;
    r.id = id;
    r.at[int(Phase::Created)] = 0;
    r.at[int(Phase::Acquired)] = acquired;
    r.at[int(Phase::ConnectStart)] = acquired;
    r.at[int(Phase::Connected)] = acquired + kMs / 2;
    r.at[int(Phase::Sent)] = acquired + kMs;
    r.at[int(Phase::FirstByte)] = firstByte;
    r.at[int(Phase::Done)] = firstByte + 2 * kMs;
    r.status = RequestStatus::Ok;
    return r;
}

// async-semaphore, N=9, limit 3, 100 ms per request.
reqlanes::Run semaphoreRun() {
    reqlanes::Run run;
    for (int i = 0; i < 9; ++i) {
        const Nanos acquired = (i / 3) * 103 * kMs;
        run.requests.push_back(request(i, acquired, acquired + 101 * kMs));
    }
    return run;
}

const QByteArray kIndex = R"json({"version": 1, "snippets": [
  {"strategy": "async-semaphore", "language": "python", "file": "async-semaphore.py",
   "lines": [{"match": "async with semaphore", "activities": ["waiting"]},
             {"match": "session.get", "activities": ["connecting", "in_flight"],
              "label": "in_flight"},
             {"match": "await response.read()", "activities": ["reading"]}]}]})json";

const QString kCode = QStringLiteral("async def fetch(session, semaphore, url):\n"
                                     "    async with semaphore:\n"
                                     "        async with session.get(url) as response:\n"
                                     "            return await response.read()\n");

} // namespace

TEST(CodeLines, ActivityFollowsThePhasesAndAPhaseAtTheMomentHasHappened) {
    const RequestRecord r = request(0, 10 * kMs, 50 * kMs);
    EXPECT_EQ(activityAt(r, -1), RequestActivity::NotCreated);
    EXPECT_EQ(activityAt(r, 0), RequestActivity::Waiting);
    EXPECT_EQ(activityAt(r, 10 * kMs), RequestActivity::Connecting);
    EXPECT_EQ(activityAt(r, 11 * kMs), RequestActivity::InFlight);
    EXPECT_EQ(activityAt(r, 50 * kMs), RequestActivity::Reading);
    EXPECT_EQ(activityAt(r, 52 * kMs), RequestActivity::Done);
}

TEST(CodeLines, SemaphoreRunHasSixWaitingAndThreeInFlightAtFirst) {
    const auto counts = countActivities(semaphoreRun(), 50 * kMs);
    EXPECT_EQ(counts[std::size_t(RequestActivity::Waiting)], 6);
    EXPECT_EQ(counts[std::size_t(RequestActivity::InFlight)], 3);
    EXPECT_EQ(counts[std::size_t(RequestActivity::Done)], 0);

    const auto later = countActivities(semaphoreRun(), 150 * kMs);
    EXPECT_EQ(later[std::size_t(RequestActivity::Waiting)], 3);
    EXPECT_EQ(later[std::size_t(RequestActivity::InFlight)], 3);
    EXPECT_EQ(later[std::size_t(RequestActivity::Done)], 3);
}

TEST(CodeLines, IndexMapsActivitiesToLinesAndCountsThem) {
    QString error;
    auto specs = parseSnippetIndex(kIndex, &error);
    ASSERT_TRUE(specs) << error.toStdString();
    ASSERT_EQ(specs->size(), 1u);
    SnippetSpec &spec = specs->front();
    ASSERT_TRUE(resolveMarkedLines(spec.lines, kCode, &error)) << error.toStdString();
    EXPECT_EQ(spec.lines[0].line, 1);
    EXPECT_EQ(spec.lines[1].line, 2);
    EXPECT_EQ(spec.lines[1].label, RequestActivity::InFlight);
    EXPECT_EQ(spec.lines[2].line, 3);

    EXPECT_EQ(countMarkedLines(semaphoreRun(), 50 * kMs, spec.lines), (std::vector<int>{6, 3, 0}));
    // 102 ms: the first three read their response (first byte at 101 ms), done at 103 ms.
    EXPECT_EQ(countMarkedLines(semaphoreRun(), 102 * kMs, spec.lines), (std::vector<int>{6, 0, 3}));
}

TEST(CodeLines, AMatchOnNoLineOrOnTwoLinesIsAnError) {
    auto marked = [](const char *match) {
        MarkedLine line;
        line.match = QString::fromUtf8(match);
        line.activities = {RequestActivity::Waiting};
        return std::vector<MarkedLine>{line};
    };
    std::vector<MarkedLine> missing = marked("pool.map");
    QString error;
    EXPECT_FALSE(resolveMarkedLines(missing, kCode, &error));
    EXPECT_EQ(error, QStringLiteral("\"pool.map\" is on no line"));
    std::vector<MarkedLine> twice = marked("async with");
    EXPECT_FALSE(resolveMarkedLines(twice, kCode, &error));
    EXPECT_EQ(error, QStringLiteral("\"async with\" is on lines 2 and 3"));
}

TEST(CodeLines, BadIndexesAreRejectedWithAReason) {
    QString error;
    EXPECT_FALSE(parseSnippetIndex("not json", &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("snippet index is not JSON")));
    EXPECT_FALSE(parseSnippetIndex(R"({"version": 2, "snippets": []})", &error));
    EXPECT_EQ(error, QStringLiteral("snippet index: unsupported version"));
    EXPECT_FALSE(parseSnippetIndex(
        R"({"version": 1, "snippets": [{"strategy": "x", "language": "cpp", "file": "x.cpp",
            "lines": [{"match": "y", "activities": ["sleeping"]}]}]})",
        &error));
    EXPECT_EQ(error, QStringLiteral("unknown activity \"sleeping\""));
    EXPECT_FALSE(parseSnippetIndex(R"({"version": 1, "snippets": [{"strategy": "x"}]})", &error));
}
