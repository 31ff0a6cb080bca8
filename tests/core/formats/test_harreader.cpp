// The HAR reader: each producer's shape (fixtures in tests/core/formats/har/, one per producer,
// made by hand after their export code: no real hosts), the timings -> phases mapping, what the
// run says it could not know, and errors that name where. Opening never writes.
#include "formats/fileformats.h"
#include "formats/harreader.h"
#include "formats/isodatetime.h"
#include "formats/runfile.h"
#include "results/findings.h"
#include "results/lanegroupings.h"
#include "results/timelinespans.h"
#include "syntheticrun.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

QString fixture(const char *name) {
    return QStringLiteral(HAR_FIXTURES "/") + QLatin1String(name);
}

reqlanes::Run open(const char *name) {
    QString error;
    std::optional<reqlanes::Run> run = openRunFile(fixture(name), &error);
    EXPECT_TRUE(run) << error.toStdString();
    return run.value_or(Run{});
}

std::optional<reqlanes::Run> parse(const QByteArray &text, QString *error) {
    return runFromHar(text, error);
}

QString errorOf(const QByteArray &text) {
    QString error;
    EXPECT_FALSE(parse(text, &error)) << text.toStdString();
    return error;
}

// A minimal HAR of one entry with the given timings object text.
QByteArray oneEntry(const QByteArray &timings, const QByteArray &extra = {}) {
    return R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
{"startedDateTime":"2026-01-01T00:00:00.000Z","time":100,
 "request":{"method":"GET","url":"http://example.com/x"},
 "response":{"status":200,"headers":[]},"timings":)" +
           timings + extra + "}]}}";
}

bool hasGap(const Run &run, RecordingGap gap) {
    return std::find(run.recording.gaps.begin(), run.recording.gaps.end(), gap) !=
           run.recording.gaps.end();
}

bool anyFindingSays(const Run &run, const char *words) {
    const std::vector<Finding> findings = explainRun(run);
    return std::any_of(findings.begin(), findings.end(), [&](const Finding &finding) {
        return finding.text.contains(QLatin1String(words));
    });
}

// Most requests in flight at once (created -> done); with `fromAcquired`, from acquired on.
int peakInFlight(const Run &run, bool fromAcquired) {
    std::vector<std::pair<Nanos, int>> edges;
    for (const RequestRecord &record : run.requests) {
        const Phase from =
            fromAcquired && record.has(Phase::Acquired) ? Phase::Acquired : Phase::Created;
        edges.push_back({record.phase(from), +1});
        edges.push_back({record.phase(Phase::Done), -1});
    }
    std::sort(edges.begin(), edges.end());
    int now = 0, peak = 0;
    for (const auto &[at, change] : edges)
        peak = std::max(peak, now += change);
    return peak;
}

} // namespace

TEST(IsoDateTime, ReadsOffsetsAndFractionsOfAnyLength) {
    const auto utc = parseIsoDateTimeNs(u"2026-03-06T09:00:00.1234567Z");
    ASSERT_TRUE(utc);
    EXPECT_EQ(parseIsoDateTimeNs(u"2026-03-06T11:00:00.1234567+02:00"), utc);
    EXPECT_EQ(parseIsoDateTimeNs(u"2026-03-06T10:00:00.1234567+0100"), utc);
    EXPECT_EQ(parseIsoDateTimeNs(u"2026-03-06T09:00:00.123456789123Z"), *utc + 89);
    EXPECT_EQ(*parseIsoDateTimeNs(u"1970-01-01T00:00:01Z"), 1'000'000'000);
    EXPECT_FALSE(parseIsoDateTimeNs(u"2026-02-30T00:00:00Z"));
    EXPECT_FALSE(parseIsoDateTimeNs(u"2026-03-06T09:00:00.Z"));
    EXPECT_FALSE(parseIsoDateTimeNs(u"yesterday"));
    EXPECT_FALSE(parseIsoDateTimeNs(u"2026-03-06T09:00:00Zjunk"));
}

TEST(IsoDateTime, WritesMicrosecondsThatReadBack) {
    const std::int64_t ns = 1'764'000'000'123'456'789;
    const QString text = formatIsoDateTimeUs(ns);
    EXPECT_EQ(text, QStringLiteral("2025-11-24T16:00:00.123457Z"));
    EXPECT_EQ(parseIsoDateTimeNs(text), ns + 211); // rounded to the microsecond
}

TEST(HarReader, TimingsBecomePhasesOnOneClock) {
    QString error;
    const auto run = parse(oneEntry(R"({"blocked":10.5,"dns":2,"connect":20.25,"ssl":15,)"
                                    R"("send":0.5,"wait":50,"receive":12})"),
                           &error);
    ASSERT_TRUE(run) << error.toStdString();
    const RequestRecord &r = run->requests.at(0);
    EXPECT_EQ(r.phase(Phase::Created), 0);
    EXPECT_EQ(r.phase(Phase::Acquired), 10'500'000);
    EXPECT_EQ(r.phase(Phase::ConnectStart), 10'500'000);
    // ssl is inside connect (HAR 1.2): dns + connect only.
    EXPECT_EQ(r.phase(Phase::Connected), 32'750'000);
    EXPECT_EQ(r.phase(Phase::Sent), 33'250'000);
    EXPECT_EQ(r.phase(Phase::FirstByte), 83'250'000);
    EXPECT_EQ(r.phase(Phase::Done), 95'250'000);
    EXPECT_FALSE(r.has(Phase::ServerStart)) << "the server's split of `wait` is unknown";
    EXPECT_EQ(r.status, RequestStatus::Ok);
    EXPECT_EQ(run->origins.at(0).target, QStringLiteral("GET http://example.com/x"));
    EXPECT_EQ(runKindOf(*run), RunKind::Recording);
}

TEST(HarReader, MinusOneNullAndMissingDidNotHappenAndSmallNegativesAreZero) {
    QString error;
    const auto run = parse(oneEntry(R"({"blocked":-1,"dns":null,"send":-0.0004,"wait":7,)"
                                    R"("receive":1})"),
                           &error);
    ASSERT_TRUE(run) << error.toStdString();
    const RequestRecord &r = run->requests.at(0);
    EXPECT_FALSE(r.has(Phase::Acquired));
    EXPECT_FALSE(r.has(Phase::ConnectStart)) << "a reused connection";
    EXPECT_EQ(r.phase(Phase::Sent), 0);
    EXPECT_EQ(r.phase(Phase::FirstByte), 7 * kMs);
    EXPECT_EQ(r.phase(Phase::Done), 8 * kMs);
    EXPECT_TRUE(hasGap(*run, RecordingGap::NoBlockedTime));
    EXPECT_TRUE(hasGap(*run, RecordingGap::NoConnectionIds));
    EXPECT_TRUE(hasGap(*run, RecordingGap::NoServerTiming));
}

TEST(HarReader, ServerTimingSplitsTheWaitIntoQueueAndWork) {
    QString error;
    const auto run = parse(
        R"({"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"url":"http://example.com/"},
"response":{"status":200,"headers":[{"name":"Server-Timing","value":"queue;dur=30"},{"name":"server-timing","value":"app;dur=40"}]},
"timings":{"send":0,"wait":100,"receive":5}}]}})",
        &error);
    ASSERT_TRUE(run) << error.toStdString();
    const RequestRecord &r = run->requests.at(0);
    EXPECT_EQ(r.phase(Phase::ServerEnd), 100 * kMs);
    EXPECT_EQ(r.phase(Phase::ServerStart), 60 * kMs);
    EXPECT_EQ(r.phase(Phase::ServerAccept), 30 * kMs);
    EXPECT_FALSE(hasGap(*run, RecordingGap::NoServerTiming));
}

TEST(HarReader, OlderChromeGivesConnectionLanesFailuresAndServerTiming) {
    const reqlanes::Run run = open("chrome-legacy.har");
    ASSERT_EQ(run.requests.size(), 4u);
    EXPECT_EQ(run.recording.creator, QStringLiteral("WebInspector 537.36"));
    // Ordered by start: document, app.js, logo.png, the refused XHR.
    EXPECT_TRUE(run.origins[0].target.endsWith(QLatin1String("example.com/")));
    EXPECT_TRUE(run.origins[2].target.endsWith(QLatin1String("logo.png")));
    const RequestRecord &refused = run.requests[3];
    EXPECT_EQ(refused.status, RequestStatus::Refused);
    EXPECT_EQ(refused.error, QStringLiteral("net::ERR_CONNECTION_REFUSED"));
    EXPECT_EQ(run.requests[2].status, RequestStatus::Ok) << "a 304 is how pages load";
    EXPECT_EQ(run.requests[2].httpStatus, 304);
    // Connections "31337" (document, app.js), "31338" (logo), "0" (the XHR): three lanes.
    EXPECT_EQ(run.connections.size(), 3u);
    EXPECT_EQ(run.origins[0].connection, run.origins[1].connection);
    EXPECT_NE(run.origins[0].connection, run.origins[2].connection);
    EXPECT_EQ(run.connections[0].peer, QStringLiteral("2001:db8::5"));
    EXPECT_TRUE(run.requests[0].has(Phase::ServerStart)) << "server-timing app;dur";
    const LaneLayout byConnection =
        layoutLanes(run, *laneGroupingFromName(QStringLiteral("connection")));
    EXPECT_EQ(byConnection.laneCount(), 3);
    const LaneLayout byHost = layoutLanes(run, *laneGroupingFromName(QStringLiteral("host")));
    ASSERT_EQ(byHost.laneCount(), 2);
    EXPECT_EQ(byHost.labels[0], QStringLiteral("app.example.com"));
    EXPECT_EQ(byHost.labels[1], QStringLiteral("api.example.com"));
    EXPECT_EQ(run.startedAt.toMSecsSinceEpoch(),
              *parseIsoDateTimeNs(u"2026-03-01T09:00:00.000Z") / kMs)
        << "the page's start";
    EXPECT_EQ(run.requests[0].phase(Phase::Created), 12 * kMs);
}

TEST(HarReader, FirefoxPortsAreNotConnectionsAndTheRunSaysSo) {
    const reqlanes::Run run = open("firefox.har");
    ASSERT_EQ(run.requests.size(), 3u);
    EXPECT_TRUE(run.connections.empty());
    EXPECT_TRUE(hasGap(run, RecordingGap::ConnectionIsPort));
    EXPECT_TRUE(anyFindingSays(run, "server's port"));
    // Zeros are real zeros: a reused connection connects in no time.
    EXPECT_EQ(run.requests[1].span(Phase::ConnectStart, Phase::Connected), 0);
    EXPECT_EQ(run.requests[0].span(Phase::ConnectStart, Phase::Connected), 40 * kMs);
}

TEST(HarReader, SafariWithoutConnectionIdsSaysWhyThereAreNoConnectionLanes) {
    const reqlanes::Run run = open("safari.har");
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_TRUE(hasGap(run, RecordingGap::NoConnectionIds));
    EXPECT_TRUE(anyFindingSays(run, "no connection lanes"));
    EXPECT_TRUE(anyFindingSays(run, "WebKit Web Inspector"));
    EXPECT_EQ(layoutLanes(run, *laneGroupingFromName(QStringLiteral("connection"))).laneCount(), 0);
    EXPECT_EQ(run.requests[1].phase(Phase::Created) - run.requests[0].phase(Phase::Created),
              120 * kMs);
}

TEST(HarReader, PlaywrightEntriesOutOfOrderAreSortedByStart) {
    const reqlanes::Run run = open("playwright.har");
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_TRUE(run.origins[0].target.endsWith(QLatin1String(":3000/")));
    EXPECT_EQ(run.requests[0].phase(Phase::Created), 20 * kMs);
    EXPECT_EQ(run.requests[1].phase(Phase::Created), 100 * kMs);
    EXPECT_EQ(run.requests[1].span(Phase::Sent, Phase::FirstByte), 50'612'000);
    EXPECT_FALSE(run.requests[1].has(Phase::ConnectStart));
}

TEST(HarReader, MitmproxyTlsAfterConnectIsCountedAsConnecting) {
    const reqlanes::Run run = open("mitmproxy.har");
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_TRUE(hasGap(run, RecordingGap::SslOutsideConnect));
    EXPECT_EQ(run.requests[0].span(Phase::ConnectStart, Phase::Connected), 55 * kMs);
    EXPECT_EQ(run.requests[0].span(Phase::Created, Phase::Done), 131'500'000);
    EXPECT_EQ(run.requests[1].status, RequestStatus::HttpError);
    EXPECT_EQ(run.requests[1].phase(Phase::Created) - run.requests[0].phase(Phase::Created),
              176'545'000);
}

TEST(HarReader, CharlesOffsetsWithoutColonAndNulls) {
    const reqlanes::Run run = open("charles.har");
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.requests[1].phase(Phase::Created), 150 * kMs);
    EXPECT_EQ(run.requests[1].status, RequestStatus::HttpError);
    EXPECT_EQ(run.requests[0].span(Phase::ConnectStart, Phase::Connected), 15 * kMs);
}

TEST(HarReader, FiddlerWithByteOrderMarkAndSevenFractionDigits) {
    const reqlanes::Run run = open("fiddler.har");
    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.requests[0].phase(Phase::Created), 100'000'500);
    EXPECT_EQ(run.requests[1].phase(Phase::Created), 300'000'100);
    EXPECT_EQ(run.connections.size(), 2u) << "client ports differ per connection";
    EXPECT_FALSE(hasGap(run, RecordingGap::SslOutsideConnect));
}

TEST(HarReader, ChromePageLoadOfTwentyRequestsKeepsSixConnectionsInFlight) {
    const reqlanes::Run run = open("chrome-pageload.har");
    ASSERT_EQ(run.requests.size(), 20u);
    EXPECT_EQ(run.connections.size(), 6u);
    EXPECT_LE(peakInFlight(run, /*fromAcquired=*/true), 6);
    EXPECT_GT(peakInFlight(run, /*fromAcquired=*/false), 6) << "the rest waited in `blocked`";
    // By connection: six lanes, each carrying its requests one after another.
    const TimelineSpans spans =
        buildTimelineSpans(run, *laneGroupingFromName(QStringLiteral("connection")));
    ASSERT_EQ(spans.lanes.size(), 6u);
    for (const TimelineLane &lane : spans.lanes)
        EXPECT_FALSE(lane.stacked) << lane.label.toStdString();
    // By host: one lane, six requests side by side at most.
    const TimelineSpans byHost =
        buildTimelineSpans(run, *laneGroupingFromName(QStringLiteral("host")));
    ASSERT_EQ(byHost.lanes.size(), 1u);
    EXPECT_EQ(byHost.lanes[0].rowCount, 6);
    EXPECT_TRUE(anyFindingSays(run, "at most 6 connections per host"));
}

TEST(HarReader, JsonSyntaxErrorsNameLineAndColumn) {
    const QString error = errorOf("{\"log\": {\n  \"entries\": [\n    {,}\n]}}");
    EXPECT_EQ(error.left(15), QStringLiteral("line 3, column ")) << error.toStdString();
}

TEST(HarReader, StructureErrorsNameTheEntryAndField) {
    EXPECT_EQ(errorOf(oneEntry(R"({"send":0,"wait":"soon","receive":1})")),
              QStringLiteral("log.entries[0].timings.wait: expected a number, got a string"));
    EXPECT_EQ(errorOf(R"({"log":{"entries":{}}})"),
              QStringLiteral("log.entries: expected an array, got an object"));
    EXPECT_EQ(errorOf(R"({"log":{}})"), QStringLiteral("log.entries: missing"));
    EXPECT_EQ(errorOf(R"({"nolog":1})"), QStringLiteral("not a HAR file: no \"log\" object"));
    EXPECT_EQ(errorOf(R"({"log":{"entries":[{"startedDateTime":"soon","request":{"url":"x"}}]}})"),
              QStringLiteral("log.entries[0].startedDateTime: not an ISO 8601 date and time: "
                             "\"soon\""));
    EXPECT_EQ(errorOf(R"({"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z"}]}})"),
              QStringLiteral("log.entries[0].request: missing"));
    EXPECT_EQ(
        errorOf(
            R"({"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"url":"x"},
"response":{"status":200,"headers":[{"name":"a"}]}}]}})"),
        QStringLiteral("log.entries[0].response.headers[0].value: missing"));
}

TEST(HarReader, OpeningABrokenFileLeavesItUntouched) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("broken.har"));
    const QByteArray broken = "{\"log\": {\"entries\": [1]}}";
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(broken);
    }
    QString error;
    EXPECT_FALSE(openRunFile(path, &error));
    EXPECT_TRUE(error.contains(QLatin1String("log.entries[0]: expected an object")))
        << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), broken);
}

TEST(HarReader, LineAndColumnCountCharactersNotBytes) {
    EXPECT_EQ(lineAndColumn("ab\ncd", 4), QStringLiteral("line 2, column 2"));
    EXPECT_EQ(lineAndColumn("\xC3\xA9x", 3), QStringLiteral("line 1, column 3"));
}

TEST(HarReader, AnOpenedRecordingSavedAsARunFileKeepsWhatItCouldNotKnow) {
    const reqlanes::Run run = open("safari.har");
    QString error;
    const std::optional<reqlanes::Run> reopened = runFromJson(runToJson(run), &error);
    ASSERT_TRUE(reopened) << error.toStdString();
    EXPECT_EQ(reopened->recording, run.recording);
    EXPECT_EQ(runKindOf(*reopened), RunKind::Recording);
    EXPECT_EQ(reopened->requests, run.requests);
}

TEST(HarReader, RecentChromeExtrasAreToleratedAndAnAbortedRequestIsCancelled) {
    // _connectionId, service-worker timings (_workerStart...), h2 and an aborted image.
    const reqlanes::Run run = open("chrome-recent.har");
    ASSERT_EQ(run.requests.size(), 3u);
    EXPECT_EQ(run.connections.size(), 1u) << "h2: one connection carries all three";
    EXPECT_EQ(run.connections[0].peer, QStringLiteral("2001:db8::10"));
    EXPECT_EQ(run.requests[2].status, RequestStatus::Cancelled);
    EXPECT_EQ(run.requests[0].span(Phase::ConnectStart, Phase::Connected), 18'700'000)
        << "dns + connect; ssl is inside connect";
    EXPECT_EQ(run.requests[1].span(Phase::Sent, Phase::FirstByte), 18'300'000);
}

TEST(HarReader, ARecordingIsNotGuessedAtFromTheServersSide) {
    // Two of four in flight in a small page load is no cap: the watch sessions' server-side
    // guess stays out, the recording's own blocked times speak.
    const reqlanes::Run run = open("chrome-legacy.har");
    for (const Finding &finding : explainRun(run))
        EXPECT_FALSE(finding.text.contains(QLatin1String("a cap in the client")))
            << finding.text.toStdString();
}
