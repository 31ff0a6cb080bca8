#include "results/recordinglanes.h"

#include "model/urlauthority.h"

#include <map>

namespace reqlanes {

LaneLayout layoutByUrlHost(const Run &run) {
    LaneLayout layout;
    layout.meaning = LaneMeaning::ClientExecutor;
    layout.laneOfRequest.assign(run.requests.size(), -1);
    std::map<QString, int> laneOf;
    for (std::size_t id = 0; id < run.requests.size() && id < run.origins.size(); ++id) {
        if (!run.requests[id].has(Phase::Created))
            continue;
        // "METHOD URL": the URL starts after the first space.
        const QString &target = run.origins[id].target;
        const qsizetype space = target.indexOf(QLatin1Char(' '));
        const QString host = urlAuthority(QStringView(target).mid(space + 1)).host;
        if (host.isEmpty())
            continue;
        auto [it, inserted] = laneOf.try_emplace(host, layout.laneCount());
        if (inserted) {
            layout.labels.push_back(host);
            layout.keys.push_back(QStringLiteral("host:") + host);
        }
        layout.laneOfRequest[id] = it->second;
    }
    layout.laneOfEvent.assign(run.laneEvents.size(), -1);
    layout.laneOfOutside.assign(run.outsideRequests.size(), -1);
    return layout;
}

} // namespace reqlanes
