#include "results/findings.h"

#include "model/strategyinfo.h"
#include "results/clientcap.h"
#include "results/findingscontext.h"
#include "results/recordingnotes.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "results/timelinespans.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace reqlanes {

namespace {

// Qt 6.4's QHttpNetworkConnection opens 6 channels per host (defaultHttpChannelCount), shared by
// every QNetworkAccessManager of a thread: the cap the qnam strategy exists to show.
constexpr int kQtConnectionsPerHost = 6;
// Defaults of other programs' clients that a watch session may run into: aiohttp's TCPConnector
// (limit=100; httpx's Limits(max_connections=100) too), and browsers' connections per host.
constexpr int kAiohttpConnectorLimit = 100;

// The waits of one kind above the significance threshold: how many, shortest, longest, sum.
struct Waits {
    int count = 0;
    Nanos shortest = 0, longest = 0, total = 0;

    void add(Nanos wait) {
        shortest = count == 0 ? wait : std::min(shortest, wait);
        longest = std::max(longest, wait);
        total += wait;
        ++count;
    }
};

// On a live snapshot a request still waiting counts with its wait so far, so the caption says
// "6 held back" while they are, not only once they got through.
Waits collectWaits(const Run &run, Phase from, Phase to, Nanos threshold) {
    Waits waits;
    for (const RequestRecord &record : run.requests) {
        Nanos wait = record.span(from, to);
        if (wait == kUnset && !run.finished && !record.finished() && record.has(from))
            wait = run.elapsed - record.phase(from);
        if (wait != kUnset && wait >= threshold)
            waits.add(wait);
    }
    return waits;
}

// The server queues that count as queueing, by the rule the timeline draws them with
// (queueing.h): what the words say queued is exactly what is orange.
Waits collectServerQueues(const Run &run, Nanos threshold) {
    Waits waits;
    for (const RequestRecord &record : run.requests)
        if (const ServerQueue queue = serverQueue(record, requestExtent(record, run.elapsed).end);
            countsAsQueued(queue, threshold))
            waits.add(queue.length());
    return waits;
}

Finding make(FindingKind kind, FindingSeverity severity, double weight, QString text,
             QJsonObject numbers) {
    return {kind, severity, weight, std::move(text), std::move(numbers)};
}

QString seconds(double s) {
    return formatDurationRange(Nanos(std::llround(s * 1e9)), Nanos(std::llround(s * 1e9)));
}

// Makespans to the hundredth: 3.01 s against 3.00 s is the whole point of the comparison.
QString makespanSeconds(double s) {
    return s >= 1 ? Findings::tr("%1 s").arg(s, 0, 'f', 2) : seconds(s);
}

int peakOf(const std::vector<Step> &steps) {
    int peak = 0;
    for (const Step &step : steps)
        peak = std::max(peak, step.value);
    return peak;
}

// Requests created together with the first one (within the significance threshold): what the
// client "started at once".
int startedTogether(const Run &run, Nanos threshold) {
    Nanos first = kUnset;
    for (const RequestRecord &record : run.requests)
        if (record.has(Phase::Created))
            first = first == kUnset ? record.phase(Phase::Created)
                                    : std::min(first, record.phase(Phase::Created));
    int count = 0;
    for (const RequestRecord &record : run.requests)
        if (record.has(Phase::Created) && record.phase(Phase::Created) <= first + threshold)
            ++count;
    return count;
}

bool serverReported(const Run &run) {
    return std::any_of(run.requests.begin(), run.requests.end(),
                       [](const RequestRecord &r) { return r.has(Phase::ServerStart); });
}

void addRunState(const Run &run, std::vector<Finding> &out) {
    const int n = int(run.requests.size());
    if (!run.error.isEmpty())
        out.push_back(make(FindingKind::RunFailed, FindingSeverity::Problem, n,
                           Findings::tr("The run failed: %1.").arg(run.error), {}));
    if (run.cancelled) {
        // Cancelled requests did not finish: the counts are runOutcome's, as everywhere else.
        const RunOutcome outcome = runOutcome(run);
        out.push_back(
            make(FindingKind::RunStopped, FindingSeverity::Problem, n,
                 Findings::tr("The run was stopped after %1: %2 of %3 requests had finished.")
                     .arg(seconds(nanosToSeconds(run.elapsed)))
                     .arg(outcome.ended)
                     .arg(n),
                 {{QStringLiteral("elapsed_s"), nanosToSeconds(run.elapsed)},
                  {QStringLiteral("finished"), outcome.ended},
                  {QStringLiteral("n"), n}}));
    }
    for (const FailureCount &failure : countFailures(run, FailureScope::FailedOnly))
        out.push_back(make(FindingKind::Failures, FindingSeverity::Problem, failure.count,
                           Findings::tr("%1 of %2 requests failed: %3.")
                               .arg(failure.count)
                               .arg(n)
                               .arg(failure.reason),
                           {{QStringLiteral("failed"), failure.count},
                            {QStringLiteral("n"), n},
                            {QStringLiteral("reason"), failure.reason}}));
}

QJsonObject waitNumbers(const Waits &waits, int n) {
    return {{QStringLiteral("requests"), waits.count},
            {QStringLiteral("n"), n},
            {QStringLiteral("shortest_s"), nanosToSeconds(waits.shortest)},
            {QStringLiteral("longest_s"), nanosToSeconds(waits.longest)},
            {QStringLiteral("total_s"), nanosToSeconds(waits.total)}};
}

void addServerQueueing(const Run &run, const Waits &queued, int peakInFlight,
                       std::vector<Finding> &out) {
    if (queued.count == 0)
        return;
    const int n = int(run.requests.size());
    const bool syncEmbedded =
        run.scenario.usesEmbeddedServer() && run.scenario.server.mode == ServerMode::Sync;
    // Without the embedded server's settings, the most handlers seen busy at once is what the
    // server gave.
    const int workers = syncEmbedded ? run.scenario.server.workers : peakOf(busyServerWorkers(run));
    QJsonObject numbers = waitNumbers(queued, n);
    numbers.insert(QStringLiteral("workers"), workers);
    numbers.insert(QStringLiteral("peak_in_flight"), peakInFlight);
    out.push_back(
        make(FindingKind::ServerQueueing, FindingSeverity::Lesson, nanosToSeconds(queued.total),
             Findings::tr("%1 of %2 requests waited %3 in the server's queue: %4 workers, %5 "
                          "requests at once.")
                 .arg(queued.count)
                 .arg(n)
                 .arg(formatDurationRange(queued.shortest, queued.longest))
                 .arg(workers)
                 .arg(peakInFlight),
             numbers));
}

QString clientWaitText(StrategyInfo::Slot slot, const Waits &waits, int n, int slotCount) {
    const QString range = formatDurationRange(waits.shortest, waits.longest);
    switch (slot) {
    case StrategyInfo::Slot::Semaphore:
        return Findings::tr("The semaphore held %1 of %2 requests back for %3: at most %4 at once.")
            .arg(waits.count)
            .arg(n)
            .arg(range)
            .arg(slotCount);
    case StrategyInfo::Slot::PoolThread:
        return Findings::tr("%1 of %2 requests waited %3 for one of the %4 pool threads.")
            .arg(waits.count)
            .arg(n)
            .arg(range)
            .arg(slotCount);
    case StrategyInfo::Slot::WorkerProcess:
        return Findings::tr("%1 of %2 requests waited %3 for one of the %4 worker processes.")
            .arg(waits.count)
            .arg(n)
            .arg(range)
            .arg(slotCount);
    case StrategyInfo::Slot::Connection:
        return Findings::tr("%1 of %2 requests waited %3 in the client for a free connection.")
            .arg(waits.count)
            .arg(n)
            .arg(range);
    case StrategyInfo::Slot::NewThread:
        return Findings::tr("%1 of %2 requests waited %3 for their new thread to start.")
            .arg(waits.count)
            .arg(n)
            .arg(range);
    case StrategyInfo::Slot::LoopTurn:
        return Findings::tr("%1 of %2 requests waited %3 for the event loop to start them.")
            .arg(waits.count)
            .arg(n)
            .arg(range);
    case StrategyInfo::Slot::None:
        break;
    }
    return Findings::tr("%1 of %2 requests waited %3 in the client before they went out.")
        .arg(waits.count)
        .arg(n)
        .arg(range);
}

void addClientWaiting(const Run &run, const StrategyInfo *info, const Waits &waited,
                      bool serverQueued, std::vector<Finding> &out) {
    if (waited.count == 0)
        return;
    const int n = int(run.requests.size());
    const StrategyInfo::Slot slot = info ? info->slot : StrategyInfo::Slot::None;
    const int slotCount = info ? clientConcurrency(*info, run.scenario) : 0;
    QString text = clientWaitText(slot, waited, n, slotCount);
    if (!serverQueued && serverReported(run))
        text = Findings::tr("%1 Nothing queued in the server.").arg(text);
    QJsonObject numbers = waitNumbers(waited, n);
    numbers.insert(QStringLiteral("slots"), slotCount);
    out.push_back(make(FindingKind::ClientWaiting, FindingSeverity::Lesson,
                       nanosToSeconds(waited.total), text, numbers));
}

void addHiddenCap(const Run &run, const StrategyInfo *info, int peakInFlight, Nanos threshold,
                  const Waits &waited, std::vector<Finding> &out) {
    // Only a strategy meant to send everything at once can be capped without saying so; a
    // limit is the lesson of the others. Without waits, requests were simply short.
    if (!info || info->concurrency != StrategyInfo::Concurrency::All || waited.count == 0)
        return;
    const int started = startedTogether(run, threshold);
    if (peakInFlight <= 0 || peakInFlight >= started)
        return;
    const QString text =
        info->slot == StrategyInfo::Slot::Connection
            ? Findings::tr(
                  "Never more than %1 in flight although %2 were started at once: Qt opens at "
                  "most %3 connections per host.")
                  .arg(peakInFlight)
                  .arg(started)
                  .arg(kQtConnectionsPerHost)
            : Findings::tr(
                  "Never more than %1 in flight although %2 were started at once: something "
                  "in the client held the rest back.")
                  .arg(peakInFlight)
                  .arg(started);
    out.push_back(make(FindingKind::HiddenCap, FindingSeverity::Lesson,
                       nanosToSeconds(waited.total) + 1e6, // a cap outranks the waits it causes
                       text,
                       {{QStringLiteral("peak_in_flight"), peakInFlight},
                        {QStringLiteral("started_at_once"), started}}));
}

// A traced program's client said what its requests waited for (Run::clientSides): no guessing.
bool clientSaidWhy(const Run &run) {
    return std::any_of(run.clientSides.begin(), run.clientSides.end(), [](const ClientSide &side) {
        return side.semaphore.what != ClientWait::None || side.connection.what != ClientWait::None;
    });
}

// A traced program's waits in its client, one finding per thing waited for, with its limit.
void addTracedClientWaits(const Run &run, Nanos threshold, bool serverQueued,
                          std::vector<Finding> &out) {
    const int n = int(run.requests.size());
    for (const ClientWait what : {ClientWait::Semaphore, ClientWait::Connector, ClientWait::Pool}) {
        Waits waits;
        int limit = 0;
        for (const ClientSide &side : run.clientSides) {
            const ClientWaitSpan &wait =
                what == ClientWait::Semaphore ? side.semaphore : side.connection;
            if (wait.what != what)
                continue;
            limit = std::max(limit, wait.limit);
            // Still waiting (live), or never got it (it timed out): waited until now / its end.
            if (!wait.waited())
                continue;
            const Nanos length = (wait.to == kUnset ? run.elapsed : wait.to) - wait.from;
            if (length >= threshold)
                waits.add(length);
        }
        if (waits.count == 0)
            continue;
        const QString range = formatDurationRange(waits.shortest, waits.longest);
        QString text;
        if (what == ClientWait::Semaphore)
            text = clientWaitText(StrategyInfo::Slot::Semaphore, waits, n, limit);
        else if (what == ClientWait::Connector)
            text = Findings::tr("aiohttp's connector allows %1 connections: %2 of %3 requests "
                                "waited %4 for one.")
                       .arg(limit)
                       .arg(waits.count)
                       .arg(n)
                       .arg(range);
        else
            text = Findings::tr("The connection pool holds %1 connections: %2 of %3 requests "
                                "waited %4 for one.")
                       .arg(limit)
                       .arg(waits.count)
                       .arg(n)
                       .arg(range);
        if (!serverQueued && serverReported(run))
            text = Findings::tr("%1 Nothing queued in the server.").arg(text);
        QJsonObject numbers = waitNumbers(waits, n);
        numbers.insert(QStringLiteral("waited_for"), clientWaitName(what));
        numbers.insert(QStringLiteral("limit"), limit);
        out.push_back(make(FindingKind::ClientWaiting, FindingSeverity::Lesson,
                           nanosToSeconds(waits.total), text, numbers));
    }
}

// A traced program's requests that timed out in the client, and how many of them never got a
// connection, so never reached the server: a timeout that covers the wait for a connection
// (aiohttp's total and connect timeouts do) fires on requests the server never saw.
void addClientTimeouts(const Run &run, Nanos threshold, std::vector<Finding> &out) {
    int timedOut = 0, neverSent = 0;
    Nanos shortest = 0, longest = 0;
    double timeoutS = 0;
    for (std::size_t id = 0; id < run.requests.size() && id < run.clientSides.size(); ++id) {
        const RequestRecord &record = run.requests[id];
        const ClientSide &side = run.clientSides[id];
        if (!side.traced() || record.status != RequestStatus::Timeout)
            continue;
        const Nanos took = record.span(Phase::Created, Phase::Done);
        shortest = timedOut == 0 ? took : std::min(shortest, took);
        longest = std::max(longest, took);
        timeoutS = std::max(timeoutS, side.timeoutS);
        ++timedOut;
        // Waited until it gave up: the connection never came, or came only as the deadline hit
        // (the timeouts of the requests holding the connections fire at the same moment).
        const bool waitedThrough = side.connection.what != ClientWait::None &&
                                   (side.connection.to == kUnset ||
                                    side.connection.to + threshold >= record.phase(Phase::Done));
        if (waitedThrough && !record.has(Phase::ServerAccept))
            ++neverSent;
    }
    if (timedOut == 0)
        return;
    const QString after = timeoutS > 0 ? seconds(timeoutS) : formatDurationRange(shortest, longest);
    QString text = Findings::tr("%1 requests timed out after %2.").arg(timedOut).arg(after);
    if (neverSent > 0)
        text = Findings::tr("%1 requests timed out after %2; %3 of them waited the whole time "
                            "for a connection and never reached the server.")
                   .arg(timedOut)
                   .arg(after)
                   .arg(neverSent);
    QJsonObject numbers{{QStringLiteral("timed_out"), timedOut},
                        {QStringLiteral("never_reached_server"), neverSent}};
    if (timeoutS > 0)
        numbers.insert(QStringLiteral("timeout_s"), timeoutS);
    out.push_back(
        make(FindingKind::ClientTimeouts, FindingSeverity::Problem, timedOut + 0.5, text, numbers));
}

// Another program's client (a watch session): only the server's view, so the cap is read from
// the requests' arrivals (clientcap.h). A round number is named as a likely cause, no more.
void addClientCap(const Run &run, const StrategyInfo *info, std::vector<Finding> &out) {
    // A recording says itself how long each request waited in the client (HAR's blocked): the
    // per-host cap is read from that (recordingnotes.h), not guessed from the server's side.
    if (info || run.recording.isRecording() || clientSaidWhy(run))
        return;
    const std::optional<ClientCap> cap = detectClientCap(run);
    if (!cap)
        return;
    QString text =
        cap->waves > 0
            ? Findings::tr("At most %1 requests were in progress at once although %2 were sent, "
                           "in %3 waves: a cap in the client held the rest back.")
                  .arg(cap->peak)
                  .arg(cap->sent)
                  .arg(cap->waves)
            : Findings::tr("At most %1 requests were in progress at once although %2 were sent, "
                           "each of the rest only after another ended: a cap in the client held "
                           "them back.")
                  .arg(cap->peak)
                  .arg(cap->sent);
    QJsonObject numbers{{QStringLiteral("peak_in_progress"), cap->peak},
                        {QStringLiteral("sent"), cap->sent},
                        {QStringLiteral("arrived_as_one_ended"), cap->refills},
                        {QStringLiteral("waves"), cap->waves}};
    if (cap->peak == kAiohttpConnectorLimit) {
        text += QLatin1Char(' ') +
                Findings::tr("Likely aiohttp's default connector, which opens at most %1 "
                             "connections (httpx's default limit is %1 too).")
                    .arg(kAiohttpConnectorLimit);
        numbers.insert(QStringLiteral("likely_cause"), QStringLiteral("aiohttp_connector"));
    } else if (cap->peak == kBrowserConnectionsPerHost) {
        text += QLatin1Char(' ') + Findings::tr("Likely a browser's or Qt's limit of %1 "
                                                "connections per host.")
                                       .arg(kBrowserConnectionsPerHost);
        numbers.insert(QStringLiteral("likely_cause"), QStringLiteral("connections_per_host"));
    }
    out.push_back(make(FindingKind::HiddenCap, FindingSeverity::Lesson,
                       1e6 + cap->sent - cap->peak, // a cap outranks the waits it causes
                       text, numbers));
}

void addStartupCost(const Run &run, std::vector<Finding> &out) {
    std::set<std::int32_t> spawned;
    Nanos firstSpawn = kUnset, lastReady = kUnset;
    for (const LaneEvent &event : run.laneEvents) {
        if (event.kind == LaneEventKind::ProcessSpawned) {
            spawned.insert(event.processId);
            if (firstSpawn == kUnset || event.at < firstSpawn)
                firstSpawn = event.at;
        } else if (event.kind == LaneEventKind::ProcessReady) {
            lastReady = std::max(lastReady, event.at);
        }
    }
    Nanos firstOut = kUnset;
    for (const RequestRecord &record : run.requests) {
        const Nanos out = record.has(Phase::ConnectStart) ? record.phase(Phase::ConnectStart)
                                                          : record.phase(Phase::Sent);
        if (out != kUnset && (firstOut == kUnset || out < firstOut))
            firstOut = out;
    }
    if (spawned.empty() || firstSpawn == kUnset || firstOut == kUnset || firstOut <= firstSpawn)
        return;
    const Nanos cost = firstOut - firstSpawn;
    const int count = int(spawned.size());
    QJsonObject numbers{{QStringLiteral("processes"), count},
                        {QStringLiteral("before_first_request_s"), nanosToSeconds(cost)}};
    if (lastReady != kUnset)
        numbers.insert(QStringLiteral("all_ready_s"), nanosToSeconds(lastReady - firstSpawn));
    // The talk's lesson about processes: their start is paid before any work.
    out.push_back(
        make(FindingKind::StartupCost, FindingSeverity::Lesson, nanosToSeconds(cost),
             Findings::tr("Starting %1 worker processes took %2 before the first request went "
                          "out.")
                 .arg(count)
                 .arg(formatDurationRange(cost, cost)),
             numbers));
}

void addAbandonedWork(const Run &run, Nanos threshold, std::vector<Finding> &out) {
    // A sync server does not notice that the client left: its worker serves to the end.
    Waits abandoned;
    std::vector<std::pair<Nanos, Nanos>> work; // when the server served nobody
    for (const RequestRecord &record : run.requests)
        if (record.finished() && record.status != RequestStatus::Ok && record.has(Phase::Done) &&
            record.has(Phase::ServerEnd) &&
            record.phase(Phase::ServerEnd) > record.phase(Phase::Done)) {
            const Nanos from =
                std::max(record.phase(Phase::Done), record.has(Phase::ServerStart)
                                                        ? record.phase(Phase::ServerStart)
                                                        : record.phase(Phase::Done));
            abandoned.add(record.phase(Phase::ServerEnd) - from);
            work.emplace_back(from, record.phase(Phase::ServerEnd));
        }
    if (abandoned.count == 0 || abandoned.total <= 0)
        return;
    // Requests that waited in the server's queue while it did: they queued behind that work.
    int behind = 0;
    for (const RequestRecord &record : run.requests) {
        const ServerQueue queue = serverQueue(record, requestExtent(record, run.elapsed).end);
        if (!countsAsQueued(queue, threshold))
            continue;
        behind += std::any_of(work.begin(), work.end(), [&queue](const auto &served) {
            return queue.from < served.second && served.first < queue.to;
        });
    }
    const QString total = formatDurationRange(abandoned.total, abandoned.total);
    const QString text =
        behind > 0 ? Findings::tr("The server kept working for %1 in total on %2 requests the "
                                  "client had given up on; %3 later requests queued behind that "
                                  "work.")
                         .arg(total)
                         .arg(abandoned.count)
                         .arg(behind)
                   : Findings::tr("The server kept working for %1 in total on %2 requests the "
                                  "client had given up on.")
                         .arg(total)
                         .arg(abandoned.count);
    out.push_back(make(FindingKind::AbandonedWork, FindingSeverity::Lesson,
                       nanosToSeconds(abandoned.total), text,
                       {{QStringLiteral("requests"), abandoned.count},
                        {QStringLiteral("total_s"), nanosToSeconds(abandoned.total)},
                        {QStringLiteral("queued_behind"), behind}}));
}

// Serving intervals of the work an earlier, stopped run left in the server, on this run's clock
// (still running: to now).
std::vector<std::pair<Nanos, Nanos>> earlierRunWork(const Run &run) {
    std::vector<std::pair<Nanos, Nanos>> work;
    for (const OutsideRequest &outside : run.outsideRequests)
        if (outside.earlierRun && outside.started != kUnset)
            work.emplace_back(outside.started,
                              outside.ended != kUnset ? outside.ended : run.elapsed);
    return work;
}

// How long [from, to) overlaps the union of `work`: the part of a wait spent behind it.
Nanos overlapWith(Nanos from, Nanos to, std::vector<std::pair<Nanos, Nanos>> work) {
    std::sort(work.begin(), work.end());
    Nanos covered = 0, reached = from;
    for (const auto &[start, end] : work) {
        const Nanos a = std::max(start, reached), b = std::min(end, to);
        if (b > a) {
            covered += b - a;
            reached = b;
        }
    }
    return covered;
}

void addEarlierRunWork(const Run &run, Nanos threshold, std::vector<Finding> &out) {
    const std::vector<std::pair<Nanos, Nanos>> work = earlierRunWork(run);
    if (work.empty())
        return;
    // A request waited behind that work while it queued in the server and the earlier run's
    // handlers held workers: the overlap of the two, not the whole queue wait.
    Waits behind;
    for (const RequestRecord &record : run.requests) {
        if (!record.has(Phase::ServerAccept))
            continue;
        const Nanos queuedUntil = record.has(Phase::ServerStart) ? record.phase(Phase::ServerStart)
                                  : !run.finished                ? run.elapsed
                                                                 : kUnset;
        if (queuedUntil == kUnset)
            continue;
        if (const Nanos wait = overlapWith(record.phase(Phase::ServerAccept), queuedUntil, work);
            wait >= threshold)
            behind.add(wait);
    }
    if (behind.count == 0)
        return;
    QJsonObject numbers = waitNumbers(behind, int(run.requests.size()));
    numbers.insert(QStringLiteral("leftover_requests"), int(work.size()));
    // It explains the server queueing it is part of, so it comes before it.
    out.push_back(make(FindingKind::EarlierRunWork, FindingSeverity::Lesson,
                       nanosToSeconds(behind.total) + 1e5,
                       Findings::tr("%1 requests waited %2 behind the stopped run's leftover work "
                                    "(%3 of its requests were still in the server).")
                           .arg(behind.count)
                           .arg(formatDurationRange(behind.shortest, behind.longest))
                           .arg(int(work.size())),
                       numbers));
}

void addMakespan(const Run &run, const StrategyInfo *info, const RunStats &stats,
                 std::vector<Finding> &out) {
    // A stopped or failed run gets no ratio: it did not do the work the ideal assumes.
    if (!run.finished || run.cancelled || !run.error.isEmpty() || stats.errors > 0 ||
        stats.makespanS <= 0)
        return;
    const int n = int(run.requests.size());
    if (stats.idealS <= 0 || !info) {
        out.push_back(
            make(FindingKind::Makespan, FindingSeverity::Info, 0,
                 Findings::tr("%1 requests took %2.").arg(n).arg(seconds(stats.makespanS)),
                 {{QStringLiteral("makespan_s"), stats.makespanS}}));
        return;
    }
    const Scenario &scenario = run.scenario;
    const int client = clientConcurrency(*info, scenario);
    const int atOnce = scenario.server.mode == ServerMode::Sync
                           ? std::min(std::max(1, scenario.server.workers), client)
                           : client;
    const double ratio = stats.makespanS / stats.idealS;
    out.push_back(make(
        FindingKind::Makespan, ratio > 1.25 ? FindingSeverity::Lesson : FindingSeverity::Info,
        stats.makespanS - stats.idealS,
        Findings::tr(
            "It took %1 against an ideal of %2 (×%3): %4 requests, at most %5 at once, %6 each.")
            .arg(makespanSeconds(stats.makespanS))
            .arg(makespanSeconds(stats.idealS))
            .arg(ratio, 0, 'f', 2)
            .arg(n)
            .arg(atOnce)
            .arg(seconds(scenario.server.latencyMs / 1000.0)),
        {{QStringLiteral("makespan_s"), stats.makespanS},
         {QStringLiteral("ideal_s"), stats.idealS},
         {QStringLiteral("ratio"), ratio},
         {QStringLiteral("at_once"), atOnce}}));
}

} // namespace

QString findingKindName(FindingKind kind) {
    switch (kind) {
    case FindingKind::RunStopped:
        return QStringLiteral("run_stopped");
    case FindingKind::RunFailed:
        return QStringLiteral("run_failed");
    case FindingKind::Failures:
        return QStringLiteral("failures");
    case FindingKind::HiddenCap:
        return QStringLiteral("hidden_cap");
    case FindingKind::ServerQueueing:
        return QStringLiteral("server_queueing");
    case FindingKind::ClientWaiting:
        return QStringLiteral("client_waiting");
    case FindingKind::ClientTimeouts:
        return QStringLiteral("client_timeouts");
    case FindingKind::StartupCost:
        return QStringLiteral("startup_cost");
    case FindingKind::AbandonedWork:
        return QStringLiteral("abandoned_work");
    case FindingKind::EarlierRunWork:
        return QStringLiteral("earlier_run_work");
    case FindingKind::RecordingGap:
        return QStringLiteral("recording_gap");
    case FindingKind::Makespan:
        break;
    }
    return QStringLiteral("makespan");
}

QString findingSeverityName(FindingSeverity severity) {
    switch (severity) {
    case FindingSeverity::Problem:
        return QStringLiteral("problem");
    case FindingSeverity::Lesson:
        return QStringLiteral("lesson");
    case FindingSeverity::Info:
        break;
    }
    return QStringLiteral("info");
}

QString formatDurationRange(Nanos shortest, Nanos longest) {
    // Milliseconds below a second, else seconds with one decimal: "1.0–2.0 s" reads at a glance.
    const bool useSeconds = longest >= 1000 * kNsPerMs;
    auto number = [useSeconds](Nanos ns) {
        return useSeconds ? QString::number(nanosToSeconds(ns), 'f', 1)
                          : QString::number(std::llround(nanosToMs(ns)));
    };
    const QString low = number(shortest), high = number(longest);
    const QString value = low == high ? low : Findings::tr("%1–%2").arg(low, high);
    return useSeconds ? Findings::tr("%1 s").arg(value) : Findings::tr("%1 ms").arg(value);
}

std::vector<Finding> explainRun(const Run &run) {
    std::vector<Finding> findings;
    addRunState(run, findings);

    const StrategyInfo *info = strategyCatalog().find(run.scenario.strategy);
    const Nanos threshold = significantWait(run);
    const RunStats stats = computeStats(run);
    const Waits queued = collectServerQueues(run, threshold);
    const Waits waited = collectWaits(run, Phase::Created, Phase::Acquired, threshold);

    addHiddenCap(run, info, stats.peakInFlight, threshold, waited, findings);
    addClientCap(run, info, findings);
    addServerQueueing(run, queued, stats.peakInFlight, findings);
    if (clientSaidWhy(run))
        addTracedClientWaits(run, threshold, queued.count > 0, findings);
    else
        addClientWaiting(run, info, waited, queued.count > 0, findings);
    addClientTimeouts(run, threshold, findings);
    addStartupCost(run, findings);
    addAbandonedWork(run, threshold, findings);
    addEarlierRunWork(run, threshold, findings);
    addMakespan(run, info, stats, findings);
    addRecordingNotes(run, threshold, findings);

    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity < b.severity;
        return a.weight > b.weight;
    });
    return findings;
}

} // namespace reqlanes
