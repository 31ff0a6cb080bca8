// bench_watch: the window watching a real outside client at scale (issue 21: 10,000 concurrent
// connections and a 100,000-request session keep the window responsive). The real window,
// offscreen at 1920x1080, with Watch on and its server (async, 1000 ms) on a free loopback port;
// `hey -n 100000 -c 10000` against it: hey's 10,000 workers each keep a connection alive, so
// 10,000 requests are open at once, 100,000 over the session.
//
// While hey runs it times every live frame of the window: from the watch controller's timer event
// (the session's snapshot, its analysis, the views' update) to the end of the replot it queued,
// against the goals (median <= 16 ms, p95 <= 33 ms); and the event loop's lateness (a 16 ms timer's
// ticks, late by how much). When the session has ended it checks the picture is true: the
// requests the session recorded against those hey sent that reached the server (hey's own count
// less its failed dials), how many of them name hey's process, the peak of open connections; then
// the window's resident memory and hey's own figures. hey's spare connections that the server
// refused over its cap before a request went on them are counted apart: they carried none.
//
//   bench_watch [--quick] [--lanes request|connection|client]
//   --quick: hey -n 2000 -c 500 (a smoke run)
//
// Needs hey (Debian package hey) on PATH, else it prints why it skipped and exits 0. Bounded: hey
// is killed after kTimeoutMs, and dies with the bench (PR_SET_PDEATHSIG).
#include "benchfigures.h"
#include "controls/controlspanel.h"
#include "mainwindow.h"
#include "timeline/timelineplot.h"

#include "results/runstats.h"
#include "run/filelimit.h"
#include "watch/watchcontroller.h"
#include "watch/watchserver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <sys/prctl.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <utility>
#include <vector>

using namespace reqlanes;
using reqlanes::bench::mark;
using reqlanes::bench::percentile;
using reqlanes::bench::residentMiB;

namespace {

constexpr QSize kSize{1920, 1080};
constexpr int kLatencyMs = 1000;
constexpr int kTimeoutMs = 180'000; // hey and the session's end together
constexpr int kTickMs = 16;         // the responsiveness probe's interval
constexpr double kMedianGoalMs = 16;
constexpr double kP95GoalMs = 33;
constexpr int kDescriptorReserve = 512; // the window's own: Qt, the listener, eventfds, files

// The window's application, which times the events that make a live frame. Only the outermost
// event counts: a frame is the controller's timer event that emitted the live session, up to the
// end of the replot it queued (or did at once).
class FrameClock : public QApplication {
public:
    FrameClock(int &argc, char **argv)
        : QApplication(argc, argv) {
        m_clock.start();
    }

    bool notify(QObject *receiver, QEvent *event) override {
        if (m_depth > 0) {
            ++m_depth;
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        m_depth = 1;
        m_eventStart = m_clock.nsecsElapsed();
        m_emitted = false;
        const bool handled = QApplication::notify(receiver, event);
        m_depth = 0;
        if (m_emitted && m_measuring)
            updateMs.push_back(msSince(m_eventStart));
        return handled;
    }

    void setMeasuring(bool measuring) {
        m_measuring = measuring;
        m_frameStart = -1;
    }
    // The controller emitted the live session (inside the event being timed).
    void liveSessionEmitted() {
        m_emitted = true;
        ++liveSessions;
        if (m_frameStart < 0)
            m_frameStart = m_eventStart;
    }
    void replotted() {
        if (m_frameStart < 0)
            return;
        if (m_measuring)
            frameMs.push_back(msSince(m_frameStart));
        m_frameStart = -1;
    }

    std::vector<double> frameMs;  // timer event to replot's end
    std::vector<double> updateMs; // the timer event alone: snapshot, analysis, views' update
    int liveSessions = 0;

private:
    double msSince(qint64 start) const { return double(m_clock.nsecsElapsed() - start) / 1e6; }

    QElapsedTimer m_clock;
    int m_depth = 0;
    qint64 m_eventStart = 0;
    qint64 m_frameStart = -1; // a frame waiting for its replot
    bool m_emitted = false;
    bool m_measuring = false;
};

// hey's summary and what it said on stderr. hey counts a request once whatever became of it:
// a status in its "Status code distribution", or an error (a timeout...) in its "Error
// distribution". Go's net/http also dials spare connections it may never use, and when the server
// answers one (a 503 over its connection cap) before any request went on it, it logs
// "Unsolicited response received on idle HTTP channel" and counts nothing: no request was made.
struct HeyFigures {
    double totalS = 0;
    double requestsPerSecond = 0;
    int ok = 0;            // 200 responses
    int otherStatuses = 0; // any other status (503 at the door...)
    int errors = 0;        // requests that got no response (timeouts, resets)
    int neverSent = 0;     // of those, dials that failed: nothing reached the server
    int unsolicited = 0;   // 503s on spare connections no request went on
    QString errorText;     // its "Error distribution", if any
};

HeyFigures readHey(const QString &output, const QString &errorOutput) {
    HeyFigures figures;
    const auto number = [&output](const QString &pattern) {
        const auto match = QRegularExpression(pattern).match(output);
        return match.hasMatch() ? match.captured(1).toDouble() : 0.0;
    };
    figures.totalS = number(QStringLiteral("Total:\\s+([0-9.]+) secs"));
    figures.requestsPerSecond = number(QStringLiteral("Requests/sec:\\s+([0-9.]+)"));
    const qsizetype errorsAt = output.indexOf(QStringLiteral("Error distribution"));
    const QString statuses = output.left(errorsAt);
    auto lines = QRegularExpression(QStringLiteral("\\[(\\d+)\\]\\s+(\\d+) responses"))
                     .globalMatch(statuses);
    while (lines.hasNext()) {
        const auto line = lines.next();
        (line.captured(1) == QLatin1String("200") ? figures.ok : figures.otherStatuses) +=
            line.captured(2).toInt();
    }
    if (errorsAt >= 0) {
        figures.errorText = output.mid(errorsAt).trimmed();
        auto errors = QRegularExpression(QStringLiteral("\\[(\\d+)\\]\\s+(.*)"))
                          .globalMatch(figures.errorText);
        while (errors.hasNext()) {
            const auto error = errors.next();
            figures.errors += error.captured(1).toInt();
            if (error.captured(2).contains(QLatin1String("dial tcp")))
                figures.neverSent += error.captured(1).toInt();
        }
    }
    figures.unsolicited = int(errorOutput.count(QStringLiteral("Unsolicited response")));
    return figures;
}

// Most connections the server held open at once during the session.
int peakOpenConnections(const Run &session) {
    std::vector<std::pair<Nanos, int>> changes;
    for (const ClientConnection &connection : session.connections) {
        changes.emplace_back(connection.opened == kUnset ? 0 : connection.opened, +1);
        changes.emplace_back(connection.closed == kUnset ? session.elapsed : connection.closed, -1);
    }
    std::sort(changes.begin(), changes.end()); // a close before an open at the same moment
    int open = 0, peak = 0;
    for (const auto &change : changes)
        peak = std::max(peak, open += change.second);
    return peak;
}

// The session against what hey made: every request that reached the server recorded once (or
// counted over the cap), none invented. What hey counted but never reached the server (failed
// dials) is not the session's to record; spare connections hey never used are not requests.
void printSession(const Run &session, qint64 heyPid, int sent, const HeyFigures &hey) {
    int ok = 0, ofHey = 0, notOk = 0, refused503 = 0;
    std::map<QString, int> failures;
    for (const RequestRecord &record : session.requests) {
        ok += record.status == RequestStatus::Ok ? 1 : 0;
        ofHey += record.processId == heyPid ? 1 : 0;
        refused503 += record.httpStatus == 503 ? 1 : 0;
        if (record.status != RequestStatus::Ok) {
            ++notOk;
            ++failures[record.error.left(100)];
        }
    }
    const int recorded = int(session.requests.size());
    const int seen = recorded + session.droppedRequests;
    const int reached = sent - hey.neverSent;
    std::printf("  session recorded         %d requests (%d ok, %d not) + %d counted over the "
                "cap = %d of the %d hey sent that reached the server   %s\n",
                recorded, ok, notOk, session.droppedRequests, seen, reached, mark(seen == reached));
    std::printf("  hey counted              %d x 200, %d other statuses, %d errors (%d of them "
                "dials that never reached the server)\n",
                hey.ok, hey.otherStatuses, hey.errors, hey.neverSent);
    std::printf("  spare connections        %d of hey's were refused over the connection cap "
                "before it sent a request on them (hey: \"unsolicited response\"): no requests\n",
                hey.unsolicited);
    if (seen != reached) {
        std::printf("  MISMATCH                 the session has %+d requests against hey\n",
                    seen - reached);
        // Past its cap + 256 the server answers 503 and closes at once, unread: a request hey
        // sent on such a connection after the server looked is one the server never saw.
        const int unread = hey.otherStatuses - refused503;
        if (unread > 0)
            std::printf("  of which                 %d of hey's %d non-200 answers the session "
                        "lacks: 503s to requests sent on connections the server refused and closed "
                        "at once, past its connection cap + 256, before they arrived\n",
                        unread, hey.otherStatuses);
    }
    for (const auto &[reason, count] : failures)
        std::printf("    %6d not ok: %s\n", count, qPrintable(reason));
    std::printf("  client process known     %d of %d requests name hey (pid %lld)   %s\n", ofHey,
                recorded, static_cast<long long>(heyPid), mark(ofHey == recorded));
    std::printf("  connections              %zu in the session, at most %d open at once, "
                "%d requests in flight at once\n",
                session.connections.size(), peakOpenConnections(session),
                computeStats(session).peakInFlight);
}

} // namespace

int main(int argc, char *argv[]) {
    if (const int status = reqlanes::bench::checkArguments(
            argc, argv, {"--quick", "--lanes="},
            "usage: bench_watch [--quick] [--lanes request|connection|client]");
        status >= 0)
        return status;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int requests = 100'000, concurrency = 10'000;
    QString lanes = QStringLiteral("request");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            requests = 2000;
            concurrency = 500;
        } else if (std::strcmp(argv[i], "--lanes") == 0 && i + 1 < argc) {
            lanes = QString::fromLocal8Bit(argv[++i]);
        }
    }
    const QString hey = QStandardPaths::findExecutable(QStringLiteral("hey"));
    if (hey.isEmpty()) {
        std::printf("bench_watch: skipped, hey not found on PATH (Debian package hey)\n");
        return 0;
    }
    // The window's process holds the server's end of every connection.
    raiseOpenFileLimit();
    const std::uint64_t hard = hardOpenFileLimit();
    if (hard != server::kUnlimitedFiles && hard < std::uint64_t(concurrency + kDescriptorReserve)) {
        std::printf("bench_watch: skipped, the open-file hard limit %llu is below the %d "
                    "connections' %d descriptors\n",
                    static_cast<unsigned long long>(hard), concurrency,
                    concurrency + kDescriptorReserve);
        return 0;
    }

    FrameClock app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("reqlanes-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_watch"));
    const std::optional<LaneGrouping> grouping = laneGroupingFromName(lanes);
    if (!grouping) {
        std::fprintf(stderr, "bench_watch: unknown lane grouping %s\n", qPrintable(lanes));
        return 2;
    }

    MainWindow window;
    Scenario scenario = window.controls()->scenario();
    scenario.server.mode = ServerMode::Async;
    scenario.server.latencyMs = kLatencyMs;
    window.controls()->setScenario(scenario);
    window.show();
    window.resize(kSize);
    window.setGrouping(*grouping);
    QApplication::processEvents();
    watch::WatchServerOptions options;
    options.port = 0; // any free loopback port
    if (!window.startWatchServer(options)) {
        std::fprintf(stderr, "bench_watch: the watch server did not start: %s\n",
                     qPrintable(window.statusText()));
        return 1;
    }
    watch::WatchController *watch = window.watchController();
    watch->setWatching(true);
    QObject::connect(watch, &watch::WatchController::liveSession, &app,
                     [&app] { app.liveSessionEmitted(); });
    QObject::connect(window.timeline(), &QCustomPlot::afterReplot, &app,
                     [&app] { app.replotted(); });

    // The responsiveness probe: how late each 16 ms tick comes.
    std::vector<double> latenessMs;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kTickMs);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        latenessMs.push_back(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - kTickMs));
        sinceTick.start();
    });

    QProcess client;
    client.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    client.setProcessChannelMode(QProcess::SeparateChannels);
    QEventLoop loop;
    bool timedOut = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, [&] {
        timedOut = true;
        loop.quit();
    });
    QObject::connect(&client, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QProcess::errorOccurred, &loop, &QEventLoop::quit);

    const QStringList arguments{QStringLiteral("-n"), QString::number(requests),
                                QStringLiteral("-c"), QString::number(concurrency), watch->url()};
    std::printf("watch at scale: hey %s against the window's server (async, %d ms), lanes by %s, "
                "window %dx%d, offscreen\n",
                qPrintable(arguments.join(QLatin1Char(' '))), kLatencyMs, qPrintable(lanes),
                kSize.width(), kSize.height());
    std::fflush(stdout);
    QElapsedTimer wall;
    wall.start();
    deadline.start(kTimeoutMs);
    app.setMeasuring(true);
    sinceTick.start();
    probe.start();
    client.start(hey, arguments);
    const qint64 heyPid = client.waitForStarted(10'000) ? client.processId() : 0;
    if (heyPid != 0)
        loop.exec();
    probe.stop();
    app.setMeasuring(false);
    const double heyWallS = double(wall.elapsed()) / 1000;
    if (client.state() != QProcess::NotRunning) {
        client.kill();
        client.waitForFinished(5000);
    }
    if (heyPid == 0 || timedOut || client.exitStatus() != QProcess::NormalExit ||
        client.exitCode() != 0) {
        std::fprintf(stderr, "bench_watch: hey %s: %s\n", timedOut ? "timed out" : "failed",
                     qPrintable(QString::fromLocal8Bit(client.readAllStandardError()).left(400)));
        return 1;
    }
    const HeyFigures heyFigures = readHey(QString::fromLocal8Bit(client.readAllStandardOutput()),
                                          QString::fromLocal8Bit(client.readAllStandardError()));

    // The session ends after the idle gap; its last frame is the finished session.
    QObject::connect(watch, &watch::WatchController::sessionFinished, &loop, &QEventLoop::quit);
    if (watch->sessions().empty())
        loop.exec();
    if (timedOut || watch->sessions().empty()) {
        std::fprintf(stderr, "bench_watch: the session did not end in time\n");
        return 1;
    }
    const Run &session = watch->sessions().back();
    const auto [rss, peak] = residentMiB();

    const double median = percentile(app.frameMs, 0.5);
    const double p95 = percentile(app.frameMs, 0.95);
    std::printf("%zu frames while hey ran (%.1f s; %d live sessions emitted)\n", app.frameMs.size(),
                heyWallS, app.liveSessions);
    std::printf("  snapshot + analysis + views  median %6.1f ms   p95 %6.1f ms\n",
                percentile(app.updateMs, 0.5), percentile(app.updateMs, 0.95));
    std::printf("  frame time               median %6.1f ms   goal <= %.0f ms   %s\n", median,
                kMedianGoalMs, mark(median <= kMedianGoalMs));
    std::printf("  frame time               p95    %6.1f ms   goal <= %.0f ms   %s\n", p95,
                kP95GoalMs, mark(p95 <= kP95GoalMs));
    std::printf("  frame time               max    %6.1f ms\n", percentile(app.frameMs, 1.0));
    std::printf("  event loop lateness      median %6.1f ms   p95 %6.1f ms   max %6.1f ms  "
                "(%zu ticks of %d ms)\n",
                percentile(latenessMs, 0.5), percentile(latenessMs, 0.95),
                percentile(latenessMs, 1.0), latenessMs.size(), kTickMs);
    printSession(session, heyPid, requests, heyFigures);
    std::printf("  resident memory          now    %6.0f MiB  (peak %.0f)\n", rss, peak);
    std::printf("  hey                      total %.2f s, %.0f requests/s, %d x 200%s\n",
                heyFigures.totalS, heyFigures.requestsPerSecond, heyFigures.ok,
                heyFigures.errorText.isEmpty() ? "" : "; errors:");
    if (!heyFigures.errorText.isEmpty())
        std::printf("%s\n", qPrintable(heyFigures.errorText));
    return 0;
}
