#include "watch/spanjoin.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace reqlanes::watch {

namespace {

bool isLowerHex(const QString &text, int size) {
    if (text.size() != size)
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}

// The client knows more than the server about how its request ended only when it failed on
// its side (a timeout, a refusal, a cancel); an HTTP status is the server's word.
bool clientSideFailure(RequestStatus status) {
    return status == RequestStatus::Timeout || status == RequestStatus::Refused ||
           status == RequestStatus::Cancelled || status == RequestStatus::ProtocolError;
}

void mergeInto(RequestRecord &observed, const RequestRecord &client) {
    const Nanos start = client.phase(Phase::Created);
    if (!observed.has(Phase::Created) || start < observed.phase(Phase::Created))
        observed.at[int(Phase::Created)] = start;
    for (const Phase phase : {Phase::Acquired, Phase::ConnectStart, Phase::Connected})
        if (!observed.has(phase) && client.has(phase))
            observed.at[int(phase)] = client.phase(phase);
    if (client.has(Phase::Done) && client.phase(Phase::Done) > observed.phase(Phase::Done))
        observed.at[int(Phase::Done)] = client.phase(Phase::Done);
    if (clientSideFailure(client.status)) {
        observed.status = client.status;
        observed.error = client.error;
    }
    if (client.threadId != 0)
        observed.threadId = client.threadId;
}

} // namespace

std::optional<std::pair<QString, QString>> parseTraceParent(const QString &header) {
    const QStringList fields = header.trimmed().toLower().split(QLatin1Char('-'));
    if (fields.size() < 4 || !isLowerHex(fields[0], 2) || fields[0] == QLatin1String("ff") ||
        !isLowerHex(fields[1], 32) || !isLowerHex(fields[2], 16))
        return std::nullopt;
    return std::make_pair(fields[1], fields[2]);
}

int joinSpans(Run &session, const std::vector<TracedRequest> &requests,
              std::int64_t unixToSessionNs) {
    session.spans.resize(session.requests.size());
    // Observed requests by the client span that sent them.
    QHash<QString, int> observedBySpan;
    for (std::size_t i = 0; i < session.origins.size() && i < session.requests.size(); ++i)
        if (const auto parent = parseTraceParent(session.origins[i].traceParent))
            observedBySpan.insert(parent->first + parent->second, int(i));

    int joined = 0;
    for (const TracedRequest &traced : requests) {
        RequestRecord record = traced.record;
        for (Nanos &at : record.at)
            if (at != kUnset)
                at = std::max<Nanos>(0, at + unixToSessionNs);
        const int observed = observedBySpan.value(traced.span.traceId + traced.span.spanId, -1);
        if (observed >= 0) {
            mergeInto(session.requests[std::size_t(observed)], record);
            session.spans[std::size_t(observed)] = traced.span;
            ++joined;
            continue;
        }
        record.id = int(session.requests.size());
        record.serverWorker = -1; // its server is not ours: it took no worker here
        session.requests.push_back(record);
        session.spans.push_back(traced.span);
        // Origins stay one per request (index == request id), as the recorder's own requests
        // expect; this one has no connection.
        session.origins.resize(session.requests.size() - 1);
        RequestOrigin origin;
        origin.target = traced.span.name;
        session.origins.push_back(origin);
    }
    return joined;
}

} // namespace reqlanes::watch
