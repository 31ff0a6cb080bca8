#include "formats/traceexport.h"
#include "syntheticrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

RequestRecord fullRequest(int id, Nanos start, std::int32_t thread, std::int16_t worker) {
    RequestRecord r;
    r.id = id;
    Nanos at = start;
    for (int p = 0; p < kPhaseCount; ++p, at += 10 * kMs)
        r.at[std::size_t(p)] = at;
    r.status = RequestStatus::Ok;
    r.httpStatus = 200;
    r.threadId = thread;
    r.processId = 500;
    r.serverWorker = worker;
    return r;
}

// Three requests: two overlapping on one event-loop thread, one on another thread, one failed.
reqlanes::Run traceSampleRun() {
    reqlanes::Run run;
    run.scenario.strategy = QStringLiteral("async");
    run.scenario.n = 3;
    run.requests.push_back(fullRequest(0, 0, 11, 0));
    run.requests.push_back(fullRequest(1, 5 * kMs, 11, 1));
    run.requests.push_back(fullRequest(2, 0, 12, 2));
    run.requests[2].status = RequestStatus::HttpError;
    run.requests[2].error = QStringLiteral("server said \"503\"");
    run.laneEvents.push_back({LaneEventKind::ThreadStarted, 0, 12, 500, 0, {}});
    run.elapsed = 200 * kMs;
    run.finished = true;
    return run;
}

QJsonArray traceEvents(const reqlanes::Run &run) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(runToChromeTrace(run), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    EXPECT_EQ(document.object().value(QLatin1String("displayTimeUnit")).toString(),
              QStringLiteral("ms"));
    return document.object().value(QLatin1String("traceEvents")).toArray();
}

std::vector<QJsonObject> eventsWith(const QJsonArray &events, const char *phase) {
    std::vector<QJsonObject> out;
    for (const QJsonValue &value : events)
        if (value.toObject().value(QLatin1String("ph")).toString() == QLatin1String(phase))
            out.push_back(value.toObject());
    return out;
}

QString str(const QJsonObject &object, const char *key) {
    return object.value(QLatin1String(key)).toString();
}

} // namespace

TEST(TraceExport, NamesProcessesAndThreadsWithMetadata) {
    const auto metadata = eventsWith(traceEvents(traceSampleRun()), "M");
    std::set<QString> processNames, threadNames;
    for (const QJsonObject &event : metadata) {
        const QString name =
            event.value(QLatin1String("args")).toObject().value(QLatin1String("name")).toString();
        if (str(event, "name") == QLatin1String("process_name"))
            processNames.insert(name);
        if (str(event, "name") == QLatin1String("thread_name"))
            threadNames.insert(name);
    }
    EXPECT_EQ(processNames,
              (std::set<QString>{QStringLiteral("client process 500"), QStringLiteral("server")}));
    // Thread 11 runs two overlapping requests, so it gets a second track to keep nesting.
    EXPECT_EQ(threadNames,
              (std::set<QString>{QStringLiteral("thread 11"), QStringLiteral("thread 11 #2"),
                                 QStringLiteral("thread 12"), QStringLiteral("worker 0"),
                                 QStringLiteral("worker 1"), QStringLiteral("worker 2")}));
}

TEST(TraceExport, EachRequestIsAnXEventWithNestedPhasesInMicroseconds) {
    const auto complete = eventsWith(traceEvents(traceSampleRun()), "X");
    std::map<QString, int> byName;
    for (const QJsonObject &event : complete)
        ++byName[str(event, "name")];
    // request 0 and 1 once on the client and once on a server worker each.
    EXPECT_EQ(byName[QStringLiteral("request 0")], 2);
    for (const char *phase : {"wait", "connect", "send", "server queue", "server work", "receive"})
        EXPECT_EQ(byName[QLatin1String(phase)], 3) << phase;

    for (const QJsonObject &event : complete) {
        if (str(event, "name") != QLatin1String("request 0") || str(event, "cat") != "request")
            continue;
        EXPECT_DOUBLE_EQ(event.value(QLatin1String("ts")).toDouble(), 0);
        EXPECT_DOUBLE_EQ(event.value(QLatin1String("dur")).toDouble(), 90'000) << "90 ms in µs";
        EXPECT_EQ(event.value(QLatin1String("args")).toObject().value(QLatin1String("status")),
                  QStringLiteral("ok"));
    }
}

TEST(TraceExport, SpansOnOneTrackNestOrFollowEachOther) {
    std::map<std::pair<int, int>, std::vector<std::pair<double, double>>> byTrack;
    for (const QJsonObject &event : eventsWith(traceEvents(traceSampleRun()), "X")) {
        const double ts = event.value(QLatin1String("ts")).toDouble();
        byTrack[{event.value(QLatin1String("pid")).toInt(),
                 event.value(QLatin1String("tid")).toInt()}]
            .emplace_back(ts, ts + event.value(QLatin1String("dur")).toDouble());
    }
    for (auto &[track, spans] : byTrack) {
        std::sort(spans.begin(), spans.end(), [](auto a, auto b) {
            return a.first < b.first || (a.first == b.first && a.second > b.second);
        });
        std::vector<double> open; // ends of the enclosing spans
        for (const auto &[start, end] : spans) {
            while (!open.empty() && open.back() <= start)
                open.pop_back();
            if (!open.empty()) {
                EXPECT_LE(end, open.back())
                    << "overlap on pid " << track.first << " tid " << track.second;
            }
            open.push_back(end);
        }
    }
}

TEST(TraceExport, HasInFlightCounterAndLaneInstants) {
    const QJsonArray events = traceEvents(traceSampleRun());
    const auto counters = eventsWith(events, "C");
    int peak = 0;
    for (const QJsonObject &event : counters)
        if (str(event, "name") == QLatin1String("requests in flight"))
            peak = std::max(peak, event.value(QLatin1String("args"))
                                      .toObject()
                                      .value(QLatin1String("value"))
                                      .toInt());
    EXPECT_EQ(peak, 3);
    const auto instants = eventsWith(events, "i");
    ASSERT_EQ(instants.size(), 1u);
    EXPECT_EQ(str(instants[0], "name"), QStringLiteral("thread_started"));
    EXPECT_EQ(str(instants[0], "s"), QStringLiteral("t"));
}

TEST(TraceExport, LiveAndEmptyRunsStillParse) {
    EXPECT_TRUE(eventsWith(traceEvents(reqlanes::Run{}), "X").empty());
    reqlanes::Run live;
    RequestRecord waiting; // created, never placed, not done
    waiting.at[int(Phase::Created)] = 0;
    live.requests.push_back(waiting);
    live.elapsed = 50 * kMs;
    bool found = false;
    for (const QJsonObject &event : eventsWith(traceEvents(live), "X"))
        if (str(event, "name") == QLatin1String("request 0")) {
            found = true;
            EXPECT_DOUBLE_EQ(event.value(QLatin1String("dur")).toDouble(), 50'000);
        }
    EXPECT_TRUE(found) << "an unfinished request lasts until the snapshot's time";
}

// Server phases laid back from Server-Timing can land before the request existed (an app;dur
// longer than the request took, or a first byte stamped early): Perfetto drops events with
// ts < 0, so they are clamped into the request's own time and the trace says so.
TEST(TraceExport, ServerPhasesOutsideTheRequestAreClampedAndNoted) {
    reqlanes::Run run = traceSampleRun();
    RequestRecord &early = run.requests[0]; // created at 0, done at 90 ms
    early.at[std::size_t(Phase::ServerAccept)] = -1500 * kMs;
    early.at[std::size_t(Phase::ServerStart)] = -1000 * kMs;
    early.at[std::size_t(Phase::ServerEnd)] = 40 * kMs;

    QJsonParseError error;
    const QJsonObject document = QJsonDocument::fromJson(runToChromeTrace(run), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError);
    const QJsonArray events = document.value(QLatin1String("traceEvents")).toArray();
    ASSERT_FALSE(events.isEmpty());
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event.contains(QLatin1String("ts"))) {
            EXPECT_GE(event.value(QLatin1String("ts")).toDouble(), 0.0)
                << QJsonDocument(event).toJson().toStdString();
        }
    }
    bool sawServerSpan = false;
    for (const QJsonObject &event : eventsWith(events, "X")) {
        if (str(event, "cat") != QLatin1String("server") ||
            event.value(QLatin1String("args")).toObject().value(QLatin1String("id")).toInt() != 0)
            continue;
        sawServerSpan = true;
        const double ts = event.value(QLatin1String("ts")).toDouble();
        EXPECT_DOUBLE_EQ(ts, 0.0); // the request's start
        EXPECT_DOUBLE_EQ(ts + event.value(QLatin1String("dur")).toDouble(), 40'000.0);
    }
    EXPECT_TRUE(sawServerSpan);
    const QJsonObject otherData = document.value(QLatin1String("otherData")).toObject();
    EXPECT_EQ(otherData.value(QLatin1String("clamped_server_phases")).toInt(), 1);
    EXPECT_TRUE(
        otherData.value(QLatin1String("note")).toString().contains(QLatin1String("clamped")));

    // A run with nothing outside says nothing.
    const QJsonObject clean = QJsonDocument::fromJson(runToChromeTrace(traceSampleRun()))
                                  .object()
                                  .value(QLatin1String("otherData"))
                                  .toObject();
    EXPECT_FALSE(clean.contains(QLatin1String("note")));
}
