#include "results/lanegroupings.h"

#include "formats/otlprun.h"
#include "results/recordinglanes.h"
#include "results/tracelanes.h"
#include "results/watchlanes.h"

#include <QtGlobal>

namespace reqlanes {

namespace {

LaneLayout layoutByHostOfRun(const Run &run) {
    return run.spans.empty() ? layoutByUrlHost(run) : layoutBySpanHost(run);
}

} // namespace

const std::vector<LaneGroupingInfo> &laneGroupings() {
    // The order of the first rows matches the named LaneGrouping values.
    static const std::vector<LaneGroupingInfo> table = {
        {QStringLiteral("request"), QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by request")),
         &layoutByRequest, kEveryRunKind},
        {QStringLiteral("thread"),
         QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by client thread")), &layoutByThread},
        {QStringLiteral("process"), QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by process")),
         &layoutByProcess},
        {QStringLiteral("worker"),
         QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by server worker")),
         &layoutByServerWorker},
        // Watch sessions: which TCP connection and which client program sent each request;
        // recordings: their `connection` ids, where the producer wrote them.
        {QStringLiteral("connection"),
         QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by connection")),
         &watch::layoutByConnection,
         unsigned(RunKind::WatchSession) | unsigned(RunKind::Recording)},
        {QStringLiteral("client"),
         QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by client process")),
         &watch::layoutByClientProcess, unsigned(RunKind::WatchSession)},
        // A traced program's asyncio tasks (python3 -m reqlanes_trace): Run::clientSides.
        {QStringLiteral("task"),
         QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by asyncio task")), &watch::layoutByTask,
         unsigned(RunKind::WatchSession)},
        // OpenTelemetry spans (a traced run, or spans a watch session received): Run::spans.
        {QStringLiteral("service"), QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by service")),
         &layoutByService, unsigned(RunKind::TracedRun) | unsigned(RunKind::WatchSession)},
        // The server each request went to: from its span (traced runs, watch sessions that
        // received spans) or its URL (recordings: a browser's page load, host by host).
        {QStringLiteral("host"), QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by host")),
         &layoutByHostOfRun,
         unsigned(RunKind::TracedRun) | unsigned(RunKind::WatchSession) |
             unsigned(RunKind::Recording)},
        {QStringLiteral("trace"), QStringLiteral(QT_TRANSLATE_NOOP("LaneGrouping", "by trace")),
         &layoutByTrace, unsigned(RunKind::TracedRun) | unsigned(RunKind::WatchSession)},
    };
    return table;
}

const LaneGroupingInfo *laneGroupingInfo(LaneGrouping grouping) {
    const auto &table = laneGroupings();
    const int index = static_cast<int>(grouping);
    return index >= 0 && index < static_cast<int>(table.size()) ? &table[std::size_t(index)]
                                                                : nullptr;
}

RunKind runKindOf(const Run &run) {
    if (run.recording.isRecording())
        return RunKind::Recording;
    if (run.scenario.strategy == QLatin1String(kTracedRunStrategy))
        return RunKind::TracedRun;
    // The recorder names its sessions' strategy "watch" and fills in their connections; an
    // older session file may carry only the connections.
    const bool watched = !run.connections.empty() || run.scenario.strategy.isEmpty() ||
                         run.scenario.strategy == QLatin1String("watch");
    return watched ? RunKind::WatchSession : RunKind::StrategyRun;
}

std::vector<LaneGrouping> laneGroupingsFor(RunKind kind) {
    std::vector<LaneGrouping> groupings;
    const auto &table = laneGroupings();
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i].appliesToKind(kind))
            groupings.push_back(LaneGrouping(static_cast<int>(i)));
    return groupings;
}

LaneGrouping groupingFor(const Run &run, LaneGrouping wanted) {
    const LaneGroupingInfo *info = laneGroupingInfo(wanted);
    return info && info->appliesToKind(runKindOf(run)) ? wanted : LaneGrouping::Request;
}

QStringList laneGroupingIds() {
    QStringList ids;
    for (const LaneGroupingInfo &info : laneGroupings())
        ids << info.id;
    return ids;
}

QString laneGroupingChoices() {
    QStringList ids = laneGroupingIds();
    if (ids.size() < 2)
        return ids.join(QString());
    const QString last = ids.takeLast();
    return ids.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

QString laneGroupingName(LaneGrouping grouping) {
    const LaneGroupingInfo *info = laneGroupingInfo(grouping);
    return info ? info->id : QString();
}

std::optional<LaneGrouping> laneGroupingFromName(const QString &name) {
    const auto &table = laneGroupings();
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i].id == name)
            return LaneGrouping(static_cast<int>(i));
    return std::nullopt;
}

LaneLayout layoutLanes(const Run &run, LaneGrouping grouping) {
    const LaneGroupingInfo *info = laneGroupingInfo(grouping);
    return info && info->layout ? info->layout(run) : LaneLayout{};
}

} // namespace reqlanes
