#include "results/tracelanes.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace reqlanes {

namespace {

// Lanes named by one field of each request's span, in order of the requests' first phase.
template <typename NameOf>
LaneLayout layoutBySpanField(const Run &run, const QString &keyPrefix, const QString &unknown,
                             NameOf nameOf) {
    LaneLayout layout;
    layout.meaning = LaneMeaning::ClientExecutor;
    layout.laneOfRequest.assign(run.requests.size(), -1);
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    std::vector<std::size_t> order(run.requests.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&run](std::size_t a, std::size_t b) {
        return run.requests[a].phase(Phase::Created) < run.requests[b].phase(Phase::Created);
    });
    QHash<QString, int> laneOf;
    for (const std::size_t i : order) {
        if (!run.requests[i].has(Phase::Created))
            continue;
        const QString name = i < run.spans.size() ? nameOf(run.spans[i]) : QString();
        auto it = laneOf.constFind(name);
        if (it == laneOf.constEnd()) {
            it = laneOf.insert(name, layout.laneCount());
            layout.labels.push_back(name.isEmpty() ? unknown : nameOf.label(name));
            layout.keys.push_back(keyPrefix + name);
        }
        layout.laneOfRequest[i] = *it;
    }
    return layout;
}

struct ServiceName {
    QString operator()(const TracedSpan &span) const { return span.service; }
    QString label(const QString &name) const { return name; }
};
struct HostName {
    QString operator()(const TracedSpan &span) const { return span.host; }
    QString label(const QString &name) const { return name; }
};
struct TraceName {
    QString operator()(const TracedSpan &span) const { return span.traceId; }
    QString label(const QString &id) const { return QStringLiteral("trace ") + id.left(8); }
};

} // namespace

LaneLayout layoutByService(const Run &run) {
    return layoutBySpanField(run, QStringLiteral("service:"), QStringLiteral("unknown service"),
                             ServiceName{});
}

LaneLayout layoutBySpanHost(const Run &run) {
    return layoutBySpanField(run, QStringLiteral("host:"), QStringLiteral("unknown host"),
                             HostName{});
}

LaneLayout layoutByTrace(const Run &run) {
    return layoutBySpanField(run, QStringLiteral("trace:"), QStringLiteral("untraced"),
                             TraceName{});
}

} // namespace reqlanes
