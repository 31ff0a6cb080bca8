#include "strategy.h"

#include <QThread>

#include <algorithm>
#include <memory>

namespace reqlanes {

int clientConcurrency(const StrategyInfo &info, const Scenario &scenario) {
    switch (info.concurrency) {
    case StrategyInfo::Concurrency::One:
        return 1;
    case StrategyInfo::Concurrency::Limit:
        return std::clamp(scenario.limit, 1, std::max(1, scenario.n));
    case StrategyInfo::Concurrency::All:
        break;
    }
    return std::max(1, scenario.n);
}

ExchangeRequest RunContext::exchangeRequest(int id) const {
    ExchangeRequest request;
    request.target = target;
    request.requestId = id;
    request.requestIdHeader = requestIdHeader(id);
    request.timeoutMs = scenario.timeoutMs;
    return request;
}

void RunContext::cancelUnfinished() const {
    // finish() ignores requests that already ended.
    for (int id = 0; id < recorder.size(); ++id)
        recorder.finish(id, RequestStatus::Cancelled, 0, QStringLiteral("cancelled"));
}

void markAcquired(RunContext &ctx, int id, int lane) {
    ctx.recorder.mark(id, Phase::Acquired);
    ctx.recorder.setPlacement(id, RunRecorder::currentThreadId(), RunRecorder::currentProcessId(),
                              lane);
}

void runOnQtThread(RunRecorder &recorder, const std::function<void()> &body) {
    std::unique_ptr<QThread> thread(QThread::create([&] {
        addThreadEvent(recorder, LaneEventKind::ThreadStarted, 0);
        body();
        addThreadEvent(recorder, LaneEventKind::ThreadFinished, 0);
    }));
    thread->start();
    thread->wait();
}

void addThreadEvent(RunRecorder &recorder, LaneEventKind kind, int lane) {
    LaneEvent event;
    event.kind = kind;
    event.at = recorder.now();
    event.threadId = RunRecorder::currentThreadId();
    event.processId = RunRecorder::currentProcessId();
    event.logicalLane = lane;
    recorder.addLaneEvent(std::move(event));
}

void runBlockingRequest(RunContext &ctx, int id, int lane) {
    markAcquired(ctx, id, lane);
    RecorderListener listener(ctx.recorder, id);
    fetchBlocking(ctx.exchangeRequest(id), listener, &ctx.cancel);
}

} // namespace reqlanes
