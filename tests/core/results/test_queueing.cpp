// One definition of "queued in the server" for the picture and the words (queueing.h): whatever a
// run looks like, the timeline draws a queue span exactly when the findings name queueing, and
// "Nothing queued in the server" never stands beside one. Made-up runs around the threshold, live
// and timed-out queues, and a real 1000-request async run against the async server.
#include "results/findings.h"
#include "results/queueing.h"
#include "results/timelinespans.h"
#include "run/runner.h"
#include "syntheticrun.h"

#include <qtcoreenvironment.h>

#include <gtest/gtest.h>

#include <algorithm>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// `async` against the async server, latency 1000 ms (threshold 100 ms): request i is created at
// 0, let out by the loop at `acquired[i]`, accepted at once and served after `queue[i]`.
reqlanes::Run asyncRun(const std::vector<Nanos> &acquired, const std::vector<Nanos> &queue) {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async");
    run.scenario.n = int(queue.size());
    run.scenario.server.mode = ServerMode::Async;
    run.scenario.server.latencyMs = 1000;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        RequestRecord r;
        r.id = int(i);
        const Nanos out = acquired[i];
        r.at[int(Phase::Created)] = 0;
        r.at[int(Phase::Acquired)] = out;
        r.at[int(Phase::ConnectStart)] = out;
        r.at[int(Phase::Connected)] = out + kMs;
        r.at[int(Phase::Sent)] = out + kMs;
        r.at[int(Phase::ServerAccept)] = out + kMs;
        r.at[int(Phase::ServerStart)] = out + kMs + queue[i];
        r.at[int(Phase::ServerEnd)] = out + kMs + queue[i] + 1000 * kMs;
        r.at[int(Phase::FirstByte)] = r.at[int(Phase::ServerEnd)];
        r.at[int(Phase::Done)] = r.at[int(Phase::ServerEnd)] + kMs;
        r.status = RequestStatus::Ok;
        r.threadId = 777; // the one event-loop thread
        r.processId = 77;
        run.requests.push_back(r);
        run.elapsed = std::max(run.elapsed, r.phase(Phase::Done));
    }
    run.finished = true;
    return run;
}

bool drawsQueued(const reqlanes::Run &run, LaneGrouping grouping) {
    const TimelineSpans spans = buildTimelineSpans(run, grouping);
    return std::any_of(spans.rows.begin(), spans.rows.end(), [](const TimelineRow &row) {
        return std::any_of(row.spans.begin(), row.spans.end(),
                           [](const Span &span) { return span.kind == SpanKind::Queued; });
    });
}

struct Words {
    bool namesQueueing = false;
    bool saysNothingQueued = false;
    int queuedRequests = 0;
};

Words wordsOf(const reqlanes::Run &run) {
    Words words;
    for (const Finding &finding : explainRun(run)) {
        if (finding.kind == FindingKind::ServerQueueing) {
            words.namesQueueing = true;
            words.queuedRequests = finding.numbers.value(QStringLiteral("requests")).toInt();
        }
        if (finding.text.contains(QStringLiteral("Nothing queued in the server")))
            words.saysNothingQueued = true;
    }
    return words;
}

// The rule under test, for both groupings that draw a request's phases.
void expectWordsMatchThePicture(const reqlanes::Run &run, const char *what) {
    const Words words = wordsOf(run);
    for (const LaneGrouping grouping : {LaneGrouping::Request, LaneGrouping::Thread}) {
        const bool drawn = drawsQueued(run, grouping);
        EXPECT_EQ(drawn, words.namesQueueing) << what << ": queue drawn but not named, or named "
                                              << "but not drawn (grouping " << int(grouping) << ")";
        EXPECT_FALSE(drawn && words.saysNothingQueued)
            << what << ": \"Nothing queued\" beside a drawn queue";
    }
}

} // namespace

TEST(QueuedInServer, AQueueCountsFromTheThresholdOn) {
    const reqlanes::Run run = asyncRun({0}, {100 * kMs});
    const Nanos threshold = significantWait(run);
    EXPECT_EQ(threshold, 100 * kMs) << "a tenth of the 1000 ms latency";
    const RequestRecord &r = run.requests.front();
    const ServerQueue queue = serverQueue(r, r.phase(Phase::Done));
    EXPECT_EQ(queue.length(), 100 * kMs);
    EXPECT_TRUE(countsAsQueued(queue, threshold));
    EXPECT_FALSE(countsAsQueued({queue.from, queue.to - 1}, threshold));
    EXPECT_FALSE(countsAsQueued(serverQueue(RequestRecord{}, 0), 0)) << "never accepted";
}

TEST(QueuedInServer, ThousandAsyncWithShortQueuesDrawNoQueueAndSayNothingQueued) {
    // The picture: the loop lets requests out in batches (client waits up to 400 ms) and
    // the async server starts each within 90 ms: below the threshold, so neither orange nor words.
    std::vector<Nanos> acquired, queue;
    for (int i = 0; i < 1000; ++i) {
        acquired.push_back((i / 64) * 25 * kMs);
        queue.push_back((i % 91) * kMs);
    }
    const reqlanes::Run run = asyncRun(acquired, queue);
    const Words words = wordsOf(run);
    EXPECT_FALSE(drawsQueued(run, LaneGrouping::Request));
    EXPECT_FALSE(words.namesQueueing);
    EXPECT_TRUE(words.saysNothingQueued) << "true here: nothing is drawn as queued";
    expectWordsMatchThePicture(run, "short queues");
}

TEST(QueuedInServer, LongerQueuesAreDrawnAndNamedTheSameRequests) {
    std::vector<Nanos> acquired(1000, 0), queue;
    for (int i = 0; i < 1000; ++i)
        queue.push_back(i % 10 == 0 ? 150 * kMs : 20 * kMs); // 100 of them over the threshold
    const reqlanes::Run run = asyncRun(acquired, queue);
    const Words words = wordsOf(run);
    EXPECT_TRUE(drawsQueued(run, LaneGrouping::Request));
    EXPECT_EQ(words.queuedRequests, 100);
    EXPECT_FALSE(words.saysNothingQueued);
    const TimelineSpans spans = buildTimelineSpans(run, LaneGrouping::Request);
    int drawnRequests = 0;
    for (const TimelineRow &row : spans.rows)
        drawnRequests += int(std::count_if(row.spans.begin(), row.spans.end(), [](const Span &s) {
            return s.kind == SpanKind::Queued;
        }));
    EXPECT_EQ(drawnRequests, 100) << "the same requests, not just the same verdict";
    expectWordsMatchThePicture(run, "long queues");
}

TEST(QueuedInServer, WordsMatchThePictureAroundTheThresholdLiveAndTimedOut) {
    // Client waits over the threshold, so a client-wait finding (and its "nothing queued"
    // clause) is there to contradict the picture if the rules differ.
    for (const Nanos q : {Nanos(0), 99 * kMs, 100 * kMs - 1, 100 * kMs, 101 * kMs, 900 * kMs}) {
        const reqlanes::Run run = asyncRun({0, 300 * kMs, 300 * kMs}, {0, q, 0});
        expectWordsMatchThePicture(run, "finished");

        // Live, while request 1 is still queued: its queue so far is what counts.
        reqlanes::Run live = run;
        live.finished = false;
        RequestRecord &queued = live.requests[1];
        for (const Phase p : {Phase::ServerStart, Phase::ServerEnd, Phase::FirstByte, Phase::Done})
            queued.at[int(p)] = kUnset;
        queued.status = RequestStatus::Pending;
        live.elapsed = queued.phase(Phase::ServerAccept) + q;
        expectWordsMatchThePicture(live, "live");

        // Timed out while still queued: the server never started it.
        reqlanes::Run timedOut = live;
        timedOut.finished = true;
        timedOut.requests[1].at[int(Phase::Done)] = live.elapsed;
        timedOut.requests[1].status = RequestStatus::Timeout;
        expectWordsMatchThePicture(timedOut, "timed out");
    }
}

TEST(QueuedInServer, AnExternalTargetMeasuresTheThresholdFromItsHandlers) {
    std::vector<Nanos> acquired(9, 300 * kMs), queue(9, 30 * kMs);
    queue[4] = 150 * kMs;
    reqlanes::Run run = asyncRun(acquired, queue);
    run.scenario.targetUrl = QStringLiteral("http://127.0.0.1:9/");
    EXPECT_EQ(significantWait(run), 100 * kMs) << "a tenth of the median 1000 ms handler";
    EXPECT_EQ(wordsOf(run).queuedRequests, 1);
    expectWordsMatchThePicture(run, "external");
}

TEST(QueuedInServerOnRealRuns, ThousandAsyncAgainstTheAsyncServerNeverContradictsItself) {
    Scenario scenario;
    scenario.strategy = QStringLiteral("async");
    scenario.n = 1000;
    scenario.server.mode = ServerMode::Async;
    scenario.server.latencyMs = 200;
    scenario.timeoutMs = 20000;
    const reqlanes::Run run = runScenario(scenario);
    ASSERT_EQ(run.okCount(), 1000) << run.error.toStdString();
    expectWordsMatchThePicture(run, "real async N=1000");
}
