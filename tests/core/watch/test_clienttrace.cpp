// The join of a traced program's client-side events onto a watch session (watch/clienttrace.h),
// with synthetic events shaped like python/reqlanes_trace's: which phase each event becomes, the
// semaphore a task held for its request, requests the server never saw, process and thread life,
// and events it cannot use. The real tracer and real examples: test_tracedsession.cpp.
#include "syntheticrun.h"
#include "watch/clienttrace.h"
#include "watch/watchrecorder.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

using reqlanes::testing::kMs;
constexpr std::int64_t kOrigin = 50'000 * kMs; // the session's origin, CLOCK_MONOTONIC

QJsonObject event(const char *json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonObject at(std::int64_t ms, const char *kind, QJsonObject fields = {}) {
    fields.insert(QStringLiteral("at"), qint64(kOrigin + ms * kMs));
    fields.insert(QStringLiteral("kind"), QString::fromLatin1(kind));
    if (!fields.contains(QStringLiteral("pid")))
        fields.insert(QStringLiteral("pid"), 100);
    if (!fields.contains(QStringLiteral("tid")))
        fields.insert(QStringLiteral("tid"), 100);
    return fields;
}

QJsonObject req(const char *id, QJsonObject fields = {}) {
    fields.insert(QStringLiteral("req"), QString::fromLatin1(id));
    return fields;
}

// A session in which the server saw one request, "a", from its first byte at 5 ms.
reqlanes::Run sessionWithRequestA() {
    reqlanes::Run run;
    RequestRecord record;
    record.at[int(Phase::Created)] = 5 * kMs;
    record.at[int(Phase::Sent)] = 5 * kMs;
    record.at[int(Phase::ServerAccept)] = 5 * kMs;
    record.at[int(Phase::ServerStart)] = 6 * kMs;
    record.at[int(Phase::ServerEnd)] = 306 * kMs;
    record.at[int(Phase::FirstByte)] = 306 * kMs;
    record.at[int(Phase::Done)] = 306 * kMs;
    record.status = RequestStatus::Ok;
    record.httpStatus = 200;
    record.serverWorker = 1;
    run.requests.push_back(record);
    RequestOrigin origin;
    origin.connection = 0;
    origin.requestId = QStringLiteral("a");
    run.origins.push_back(origin);
    run.connections.push_back({});
    run.elapsed = 400 * kMs;
    return run;
}

} // namespace

TEST(ClientTrace, ATasksSemaphoreWaitBecomesItsRequestsSlotWait) {
    ClientTrace trace;
    const QJsonObject task{{QStringLiteral("task"), 7}, {QStringLiteral("task_name"), "Task-2"}};
    QJsonObject wait = task;
    wait.insert(QStringLiteral("limit"), 3);
    trace.add(at(0, "semaphore_wait", wait));
    QJsonObject acquired = wait;
    acquired.insert(QStringLiteral("waited"), true);
    trace.add(at(300, "semaphore_acquired", acquired));
    QJsonObject start = task;
    start.insert(QStringLiteral("library"), "aiohttp");
    start.insert(QStringLiteral("method"), "GET");
    start.insert(QStringLiteral("url"), "http://127.0.0.1:8000/");
    start.insert(QStringLiteral("timeout_total"), 5);
    trace.add(at(301, "request_start", req("a", start)));
    trace.add(at(301, "request_sent", req("a")));
    trace.add(at(607, "response_headers", req("a", {{QStringLiteral("status"), 200}})));
    trace.add(at(608, "request_end", req("a", {{QStringLiteral("status"), 200}})));

    reqlanes::Run run = sessionWithRequestA();
    // The server saw it 300 ms later than in sessionWithRequestA: move its phases.
    for (Nanos &phase : run.requests[0].at)
        phase += 296 * kMs;
    trace.joinInto(run, kOrigin);
    ASSERT_EQ(run.requests.size(), 1u);
    ASSERT_EQ(run.clientSides.size(), 1u);
    const RequestRecord &record = run.requests[0];
    EXPECT_EQ(record.phase(Phase::Created), 0); // began waiting for the semaphore
    EXPECT_EQ(record.phase(Phase::Acquired), 300 * kMs);
    EXPECT_EQ(record.phase(Phase::Sent), 301 * kMs);
    EXPECT_EQ(record.phase(Phase::ServerStart), 302 * kMs); // the server's, kept
    EXPECT_EQ(record.phase(Phase::FirstByte), 607 * kMs);   // the client's read of the head
    EXPECT_EQ(record.phase(Phase::Done), 608 * kMs);
    EXPECT_EQ(record.status, RequestStatus::Ok);
    EXPECT_EQ(record.threadId, 100);
    const ClientSide &side = run.clientSides[0];
    EXPECT_EQ(side.library, QStringLiteral("aiohttp"));
    EXPECT_EQ(side.task, QStringLiteral("100:7"));
    EXPECT_EQ(side.taskName, QStringLiteral("Task-2"));
    EXPECT_EQ(side.semaphore, (ClientWaitSpan{ClientWait::Semaphore, 0, 300 * kMs, 3}));
    EXPECT_EQ(side.timeoutS, 5.0);
}

// Live: a task held back by the semaphore has not begun its request (no id yet), yet it is drawn
// waiting, as a built-in strategy's held-back request is; once it gets through, its request
// takes its place.
TEST(ClientTrace, ATaskStillWaitingForItsSemaphoreIsARequestHeldBack) {
    ClientTrace trace;
    const QJsonObject task{{QStringLiteral("task"), 8},
                           {QStringLiteral("task_name"), "Task-9"},
                           {QStringLiteral("limit"), 3}};
    trace.add(at(2, "semaphore_wait", task));
    reqlanes::Run live = sessionWithRequestA();
    trace.joinInto(live, kOrigin);
    ASSERT_EQ(live.requests.size(), 2u);
    EXPECT_EQ(live.requests[1].phase(Phase::Created), 2 * kMs);
    EXPECT_FALSE(live.requests[1].finished());
    EXPECT_EQ(live.clientSides[1].taskName, QStringLiteral("Task-9"));
    EXPECT_EQ(live.clientSides[1].semaphore.to, kUnset);

    QJsonObject acquired = task;
    acquired.insert(QStringLiteral("waited"), true);
    trace.add(at(300, "semaphore_acquired", acquired));
    trace.add(at(300, "request_start", req("b", task)));
    reqlanes::Run later = sessionWithRequestA();
    trace.joinInto(later, kOrigin);
    ASSERT_EQ(later.requests.size(), 2u) << "the request took the waiting task's place";
    EXPECT_EQ(later.origins[1].requestId, QStringLiteral("b"));
    EXPECT_EQ(later.requests[1].phase(Phase::Created), 2 * kMs);
    EXPECT_EQ(later.requests[1].phase(Phase::Acquired), 300 * kMs);
}

TEST(ClientTrace, ASemaphoreAcquiredAtOnceIsNoWaitAndIsUsedByOneRequestOnly) {
    ClientTrace trace;
    const QJsonObject task{{QStringLiteral("task"), 9}, {QStringLiteral("limit"), 3}};
    QJsonObject acquired = task;
    acquired.insert(QStringLiteral("waited"), false);
    trace.add(at(1, "semaphore_acquired", acquired));
    trace.add(at(2, "request_start", req("a", task)));
    trace.add(at(400, "request_start", req("b", task))); // the same task, no semaphore this time
    reqlanes::Run run = sessionWithRequestA();
    trace.joinInto(run, kOrigin);
    ASSERT_EQ(run.clientSides.size(), 2u);
    EXPECT_EQ(run.clientSides[0].semaphore.what, ClientWait::Semaphore);
    EXPECT_FALSE(run.clientSides[0].semaphore.waited());
    EXPECT_EQ(run.requests[0].phase(Phase::Created), 1 * kMs);
    EXPECT_FALSE(run.requests[0].has(Phase::Acquired));
    EXPECT_EQ(run.clientSides[1].semaphore.what, ClientWait::None);
}

TEST(ClientTrace, ARequestTheServerNeverSawIsItsClientSideAlone) {
    ClientTrace trace;
    QJsonObject start{{QStringLiteral("library"), "aiohttp"},
                      {QStringLiteral("method"), "GET"},
                      {QStringLiteral("url"), "http://127.0.0.1:8000/slow?ms=5"}};
    trace.add(at(0, "request_start", req("late", start)));
    trace.add(at(
        0, "queue_start",
        req("late", {{QStringLiteral("waits_for"), "connector"}, {QStringLiteral("limit"), 100}})));
    trace.add(at(1000, "request_error",
                 req("late", {{QStringLiteral("error"), "TimeoutError"},
                              {QStringLiteral("message"), ""},
                              {QStringLiteral("timeout"), true}})));
    reqlanes::Run run = sessionWithRequestA();
    trace.joinInto(run, kOrigin);
    ASSERT_EQ(run.requests.size(), 2u);
    ASSERT_EQ(run.origins.size(), 2u);
    ASSERT_EQ(run.clientSides.size(), 2u);
    EXPECT_FALSE(run.clientSides[0].traced()) << "the server's request had no client event";
    const RequestRecord &late = run.requests[1];
    EXPECT_EQ(late.id, 1);
    EXPECT_EQ(late.status, RequestStatus::Timeout);
    EXPECT_EQ(late.error, QStringLiteral("TimeoutError"));
    EXPECT_EQ(late.phase(Phase::Created), 0);
    EXPECT_EQ(late.phase(Phase::Done), 1000 * kMs);
    EXPECT_FALSE(late.has(Phase::Acquired)) << "it never got a connection";
    EXPECT_FALSE(late.has(Phase::ServerAccept));
    EXPECT_EQ(late.serverWorker, -1);
    EXPECT_EQ(run.origins[1].connection, -1);
    EXPECT_EQ(run.origins[1].requestId, QStringLiteral("late"));
    EXPECT_EQ(run.origins[1].target, QStringLiteral("GET /slow?ms=5"));
    EXPECT_EQ(run.clientSides[1].connection,
              (ClientWaitSpan{ClientWait::Connector, 0, kUnset, 100}));
}

TEST(ClientTrace, WorkerProcessesAndThreadsThatRanRequestsGetTheirLifeEvents) {
    ClientTrace trace;
    trace.add(at(0, "process_spawned", {{QStringLiteral("child_name"), "ForkPoolWorker-1"}}));
    trace.add(
        at(2, "process_started",
           {{QStringLiteral("child"), 201}, {QStringLiteral("child_name"), "ForkPoolWorker-1"}}));
    trace.add(
        at(30, "process_ready", {{QStringLiteral("pid"), 201}, {QStringLiteral("tid"), 201}}));
    trace.add(at(31, "request_start",
                 req("a", {{QStringLiteral("pid"), 201},
                           {QStringLiteral("tid"), 201},
                           {QStringLiteral("library"), "requests"}})));
    trace.add(
        at(900, "process_exit", {{QStringLiteral("child"), 201}, {QStringLiteral("code"), -15}}));
    // A resolver's helper thread that ran no request: no lane for it.
    trace.add(at(5, "thread_start", {{QStringLiteral("tid"), 555}}));
    trace.add(at(32, "thread_start", {{QStringLiteral("tid"), 201}, {QStringLiteral("pid"), 201}}));
    reqlanes::Run run = sessionWithRequestA();
    trace.joinInto(run, kOrigin);
    ASSERT_EQ(run.laneEvents.size(), 4u);
    EXPECT_EQ(run.laneEvents[0].kind, LaneEventKind::ProcessSpawned);
    EXPECT_EQ(run.laneEvents[0].processId, 201);
    EXPECT_EQ(run.laneEvents[1].kind, LaneEventKind::ProcessReady);
    EXPECT_EQ(run.laneEvents[1].at, 30 * kMs);
    EXPECT_EQ(run.laneEvents[2].kind, LaneEventKind::ThreadStarted);
    EXPECT_EQ(run.laneEvents[3].kind, LaneEventKind::ProcessExited);
    EXPECT_EQ(run.laneEvents[3].detail, QStringLiteral("terminated (SIGTERM)"));
    EXPECT_EQ(run.requests[0].processId, 201);
}

TEST(ClientTrace, EventsItCannotUseAreCountedNeverFatal) {
    ClientTrace trace;
    trace.add(event("{}"));
    trace.add(event("{\"kind\":\"request_start\",\"at\":-3}"));
    trace.add(at(1, "request_start")); // no request id
    trace.add(at(2, "request_end", req("nobody")));
    trace.add(at(3, "teleported", req("a")));
    trace.add(at(4, "dropped", {{QStringLiteral("count"), 12}}));
    EXPECT_EQ(trace.skipped(), 5);
    EXPECT_EQ(trace.droppedByTracer(), 12);
    EXPECT_TRUE(trace.empty());
    reqlanes::Run run = sessionWithRequestA();
    const reqlanes::Run before = run;
    trace.joinInto(run, kOrigin);
    EXPECT_EQ(run, before);
}

// A request that waited in the client before its first byte reached the server: the session
// begins where the client says it did, and what the server saw moves with it.
TEST(ClientTrace, ASessionBeginsWhenTheClientSaysItsFirstRequestBegan) {
    WatchSettings settings;
    settings.lookUpProcesses = false;
    WatchRecorder recorder(settings);
    const std::int64_t now = steadyNowNs();
    QJsonObject start{{QStringLiteral("library"), "aiohttp"}};
    std::vector<QJsonObject> events{at(0, "request_start", req("early", start))};
    events.front().insert(QStringLiteral("at"), qint64(now - 700 * kMs));
    recorder.addClientEvents(events, now);
    const std::optional<reqlanes::Run> live = recorder.liveSession(now + 100 * kMs);
    ASSERT_TRUE(live.has_value());
    ASSERT_EQ(live->requests.size(), 1u);
    EXPECT_EQ(live->requests[0].phase(Phase::Created), 0);
    EXPECT_EQ(live->elapsed, 800 * kMs);
    EXPECT_TRUE(recorder.endSession(now + 200 * kMs));
    const std::vector<reqlanes::Run> sessions = recorder.takeFinishedSessions();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].requests[0].status, RequestStatus::Cancelled)
        << "still waiting when the session ended";
    EXPECT_EQ(sessions[0].requests[0].phase(Phase::Done), 900 * kMs);
}
