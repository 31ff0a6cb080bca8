#include "results/recordingnotes.h"

#include "results/findingscontext.h"

#include "model/urlauthority.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace reqlanes {

namespace {

QString gapText(RecordingGap gap, const QString &creator) {
    switch (gap) {
    case RecordingGap::NoConnectionIds:
        return Findings::tr("The recording names no connection for its requests (%1 did not "
                            "write HAR's optional \"connection\" field), so there are no "
                            "connection lanes.")
            .arg(creator.isEmpty() ? Findings::tr("its producer") : creator);
    case RecordingGap::ConnectionIsPort:
        return Findings::tr(
            "The recording's \"connection\" field holds the server's port, not which "
            "connection carried a request (as Firefox writes it), so there are no "
            "connection lanes.");
    case RecordingGap::NoServerTiming:
        return Findings::tr(
            "The server's queue and its work are drawn as one wait: the recording has no "
            "Server-Timing header to tell them apart.");
    case RecordingGap::NoBlockedTime:
        return Findings::tr(
            "The recording has no blocked times: how long requests waited in the client "
            "for a connection is unknown.");
    case RecordingGap::SslOutsideConnect:
        return Findings::tr(
            "TLS time is drawn as part of connecting: this producer counts it after "
            "connect, not inside it as HAR 1.2 says.");
    }
    return {};
}

struct HostLoad {
    int requests = 0, waited = 0, peak = 0;
};

// Per host: most requests in flight at once (from leaving the client's queue to done), and how
// many waited at least `threshold` in the client first.
std::map<QString, HostLoad> hostLoads(const Run &run, Nanos threshold) {
    std::map<QString, std::vector<std::pair<Nanos, int>>> edges;
    std::map<QString, HostLoad> loads;
    for (std::size_t id = 0; id < run.requests.size() && id < run.origins.size(); ++id) {
        const RequestRecord &record = run.requests[id];
        if (!record.has(Phase::Created) || !record.has(Phase::Done))
            continue;
        const QString &target = run.origins[id].target;
        const QString host =
            urlAuthority(QStringView(target).mid(target.indexOf(QLatin1Char(' ')) + 1)).host;
        HostLoad &load = loads[host];
        ++load.requests;
        const Nanos from = record.has(Phase::Acquired) ? record.phase(Phase::Acquired)
                                                       : record.phase(Phase::Created);
        if (from - record.phase(Phase::Created) >= threshold)
            ++load.waited;
        edges[host].push_back({from, +1});
        edges[host].push_back({record.phase(Phase::Done), -1});
    }
    for (auto &[host, list] : edges) {
        std::sort(list.begin(), list.end()); // an end before a start at the same moment
        int inFlight = 0;
        for (const auto &[at, change] : list)
            loads[host].peak = std::max(loads[host].peak, inFlight += change);
    }
    return loads;
}

} // namespace

void addRecordingNotes(const Run &run, Nanos threshold, std::vector<Finding> &out) {
    if (!run.recording.isRecording())
        return;
    for (const auto &[host, load] : hostLoads(run, threshold)) {
        // The browser's cap shows as requests that waited while exactly six were in flight.
        if (host.isEmpty() || load.waited == 0 || load.peak != kBrowserConnectionsPerHost)
            continue;
        out.push_back(
            {FindingKind::HiddenCap,
             FindingSeverity::Lesson,
             double(load.waited),
             Findings::tr("Never more than %1 requests to %2 in flight at once while %3 of %4 "
                          "waited in the browser: browsers open at most %5 connections per host.")
                 .arg(load.peak)
                 .arg(host)
                 .arg(load.waited)
                 .arg(load.requests)
                 .arg(kBrowserConnectionsPerHost),
             {{QStringLiteral("host"), host},
              {QStringLiteral("peak_in_flight"), load.peak},
              {QStringLiteral("waited"), load.waited},
              {QStringLiteral("requests"), load.requests}}});
    }
    for (const RecordingGap gap : run.recording.gaps)
        out.push_back({FindingKind::RecordingGap,
                       FindingSeverity::Info,
                       0,
                       gapText(gap, run.recording.creator),
                       {{QStringLiteral("gap"), recordingGapName(gap)}}});
}

} // namespace reqlanes
