// RequestScheduler on a fake clock, no sockets: sync mode's FIFO queue and lowest-free workers,
// async mode's unlimited handler slotIds, jitter bounds, refusals at the door and cancelling.
#include "requestscheduler.h"

#include <gtest/gtest.h>

#include <charconv>
#include <set>

using namespace reqlanes::server;

namespace {

constexpr std::int64_t kMs = 1'000'000;

HttpRequest get(std::string requestId, std::string query = {}) {
    HttpRequest request;
    request.method = "GET";
    request.target = "/";
    request.path = "/";
    request.query = std::move(query);
    request.requestId = std::move(requestId);
    return request;
}

ServerConfig config(ServerMode mode, int workers, int latencyMs, int jitterMs = 0) {
    ServerConfig c;
    c.mode = mode;
    c.workers = workers;
    c.latencyMs = latencyMs;
    c.jitterMs = jitterMs;
    return c;
}

struct Recorder : ServerObserver {
    void requestStarted(const ServerRequestEvent &event) override { started.push_back(event); }
    void requestFinished(const ServerRequestEvent &event) override { finished.push_back(event); }
    void requestDropped(const ServerRequestEvent &event) override { dropped.push_back(event); }
    std::vector<ServerRequestEvent> started, finished, dropped;
};

int sleptMs(const HttpResponse &response) {
    // "... slept 123 ms\n"
    const std::size_t at = response.body.find("slept ");
    int ms = -1;
    if (at != std::string::npos)
        std::from_chars(response.body.data() + at + 6, response.body.data() + response.body.size(),
                        ms);
    return ms;
}

std::string header(const HttpResponse &response, const std::string &name) {
    for (const auto &[key, value] : response.headers)
        if (key == name)
            return value;
    return {};
}

} // namespace

TEST(RequestScheduler, SyncRunsWorkersAtOnceAndQueuesTheRestInOrder) {
    Recorder events;
    RequestScheduler scheduler(config(ServerMode::Sync, 2, 100), &events);
    for (int i = 0; i < 4; ++i)
        EXPECT_FALSE(scheduler.submit(i + 10, get("r" + std::to_string(i)), 0, 0));
    EXPECT_EQ(scheduler.running(), 2);
    EXPECT_EQ(scheduler.queued(), 2u);
    ASSERT_EQ(events.started.size(), 2u);
    EXPECT_EQ(events.started[0].worker, 0);
    EXPECT_EQ(events.started[1].worker, 1);
    EXPECT_EQ(events.started[0].finishedNs, -1);
    EXPECT_EQ(scheduler.nextDeadlineNs(), 100 * kMs);

    EXPECT_TRUE(scheduler.expire(99 * kMs).empty());
    const std::vector<Completion> first = scheduler.expire(100 * kMs);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(header(first[0].response, "Server-Timing"), "queue;dur=0.0, app;dur=100.0");
    ASSERT_EQ(events.started.size(), 4u);
    EXPECT_EQ(events.started[2].requestId, "r2"); // first come, first served
    EXPECT_EQ(events.started[3].requestId, "r3");
    EXPECT_EQ(events.started[2].startedNs, 100 * kMs);

    const std::vector<Completion> second = scheduler.expire(200 * kMs);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(header(second[0].response, "Server-Timing"), "queue;dur=100.0, app;dur=100.0");
    EXPECT_EQ(scheduler.running(), 0);
    EXPECT_EQ(scheduler.nextDeadlineNs(), -1);
}

TEST(RequestScheduler, ARequestTakesTheLowestFreeWorker) {
    Recorder events;
    RequestScheduler scheduler(config(ServerMode::Sync, 3, 100), &events);
    scheduler.submit(1, get("a", "delay=300"), 0, 0); // worker 0
    scheduler.submit(2, get("b", "delay=100"), 0, 0); // worker 1
    scheduler.submit(3, get("c", "delay=200"), 0, 0); // worker 2
    scheduler.expire(100 * kMs);                      // frees 1
    scheduler.expire(200 * kMs);                      // frees 2
    scheduler.submit(4, get("d"), 200 * kMs, 200 * kMs);
    ASSERT_EQ(events.started.size(), 4u);
    EXPECT_EQ(events.started[3].worker, 1);
}

TEST(RequestScheduler, AsyncRunsEverythingOnDistinctCompactSlots) {
    Recorder events;
    RequestScheduler scheduler(config(ServerMode::Async, 1, 100), &events);
    for (int i = 0; i < 50; ++i)
        scheduler.submit(i + 10, get("r"), 0, 0);
    EXPECT_EQ(scheduler.running(), 50);
    EXPECT_EQ(scheduler.queued(), 0u);
    std::set<int> slotIds;
    for (const auto &event : events.started)
        slotIds.insert(event.worker);
    EXPECT_EQ(slotIds.size(), 50u);
    EXPECT_EQ(*slotIds.rbegin(), 49);
    EXPECT_EQ(scheduler.expire(100 * kMs).size(), 50u);
    scheduler.submit(99, get("again"), 100 * kMs, 100 * kMs);
    EXPECT_EQ(events.started.back().worker, 0);
}

TEST(RequestScheduler, JitterStaysWithinBoundsAndNeverBelowZero) {
    RequestScheduler scheduler(config(ServerMode::Async, 1, 20, 50), nullptr);
    for (int i = 0; i < 400; ++i)
        scheduler.submit(i + 10, get(""), 0, 0);
    std::set<int> seen;
    for (const Completion &done : scheduler.expire(1000 * kMs)) {
        const int ms = sleptMs(done.response);
        EXPECT_GE(ms, 0);
        EXPECT_LE(ms, 70);
        seen.insert(ms);
    }
    EXPECT_TRUE(seen.contains(0)) << "clamped at zero";
    EXPECT_GT(seen.size(), 20u) << "spread out";
}

TEST(RequestScheduler, DelayParameterOverridesLatencyAndJitter) {
    EXPECT_EQ(RequestScheduler::delayParameter(""), -1);
    EXPECT_EQ(RequestScheduler::delayParameter("x=1&delay=250"), 250);
    EXPECT_EQ(RequestScheduler::delayParameter("delay=0"), 0);
    EXPECT_EQ(RequestScheduler::delayParameter("delay=60000"), 60000);
    EXPECT_EQ(RequestScheduler::delayParameter("delay=60001"), -2);
    EXPECT_EQ(RequestScheduler::delayParameter("delay=-1"), -2);
    EXPECT_EQ(RequestScheduler::delayParameter("delay="), -2);
    EXPECT_EQ(RequestScheduler::delayParameter("delay=1e3"), -2);
    EXPECT_EQ(RequestScheduler::delayParameter("nodelay=5"), -1);

    RequestScheduler scheduler(config(ServerMode::Sync, 1, 1000, 500), nullptr);
    scheduler.submit(1, get("", "delay=7"), 0, 0);
    EXPECT_EQ(scheduler.nextDeadlineNs(), 7 * kMs);
}

TEST(RequestScheduler, RefusesAtTheDoorWithoutAWorker) {
    Recorder events;
    ServerConfig c = config(ServerMode::Sync, 1, 100);
    c.rateLimitPerSecond = 1;
    RequestScheduler scheduler(c, &events);

    HttpRequest post = get("p");
    post.method = "POST";
    const auto refused = scheduler.submit(1, post, 0, 0);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 405);
    EXPECT_EQ(header(*refused, "Allow"), "GET, HEAD");
    EXPECT_EQ(header(*refused, "X-Request-Id"), "p");

    const auto badDelay = scheduler.submit(2, get("", "delay=x"), 0, 0);
    ASSERT_TRUE(badDelay);
    EXPECT_EQ(badDelay->status, 400);

    EXPECT_FALSE(scheduler.submit(3, get("ok"), 0, 0));
    const auto limited = scheduler.submit(4, get("late"), 0, 10 * kMs);
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    EXPECT_EQ(header(*limited, "Retry-After"), "1");
    EXPECT_EQ(events.started.size(), 1u) << "refusals are not reported";
}

TEST(RequestScheduler, ACancelledQueuedRequestNeverRuns) {
    Recorder events;
    RequestScheduler scheduler(config(ServerMode::Sync, 1, 100), &events);
    scheduler.submit(1, get("a"), 0, 0);
    scheduler.submit(2, get("b"), 0, 0);
    scheduler.submit(3, get("c"), 0, 0);
    scheduler.cancel(2, 30 * kMs);
    EXPECT_EQ(scheduler.queued(), 1u);
    // Reported, so whoever waits for the server's work knows this one will never come.
    ASSERT_EQ(events.dropped.size(), 1u);
    EXPECT_EQ(events.dropped[0].requestId, "b");
    EXPECT_EQ(events.dropped[0].startedNs, -1);
    EXPECT_EQ(events.dropped[0].finishedNs, 30 * kMs);
    scheduler.cancel(1, 40 * kMs); // running: it keeps its worker until its time is up
    EXPECT_EQ(scheduler.running(), 1);
    EXPECT_EQ(events.dropped.size(), 1u) << "a running request finishes, it is not dropped";
    const std::vector<Completion> done = scheduler.expire(100 * kMs);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].connectionId, 1u);
    ASSERT_EQ(events.started.size(), 2u);
    EXPECT_EQ(events.started[1].requestId, "c");
}

TEST(RequestScheduler, ErrorRateOneFailsEveryHandledRequest) {
    Recorder events;
    ServerConfig c = config(ServerMode::Async, 1, 10);
    c.errorRate = 1.0;
    RequestScheduler scheduler(c, &events);
    scheduler.submit(1, get("x"), 0, 0);
    const std::vector<Completion> done = scheduler.expire(10 * kMs);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].response.status, 500);
    EXPECT_EQ(header(done[0].response, "X-Worker"), "0");
    ASSERT_EQ(events.finished.size(), 1u);
    EXPECT_EQ(events.finished[0].status, 500);
}
