#include "run/strategy.h"

#include "run/recorderlistener.h"

#include <QThread>

#include <algorithm>
#include <memory>

namespace reqlanes {

ExchangeRequest RunContext::exchangeRequest(int id) const {
    ExchangeRequest request;
    request.target = target;
    request.requestId = id;
    request.requestIdHeader = requestIdHeader(id);
    request.timeoutMs = scenario.timeoutMs;
    request.address = address;
    return request;
}

void RunContext::cancelUnfinished() const {
    recorder.finishUnfinished(RequestStatus::Cancelled, QStringLiteral("cancelled"));
}

void markAcquired(RunContext &ctx, int id, int lane, std::int32_t threadId,
                  std::int32_t processId) {
    ctx.recorder.mark(id, Phase::Acquired);
    ctx.recorder.setPlacement(id, threadId, processId, lane);
}

void EventLoopStrategy::execute(RunContext &ctx) {
    std::unique_ptr<QThread> thread(QThread::create([&] {
        addThreadEvent(ctx.recorder, LaneEventKind::ThreadStarted, 0);
        executeOnLoopThread(ctx);
        addThreadEvent(ctx.recorder, LaneEventKind::ThreadFinished, 0);
    }));
    thread->start();
    thread->wait();
}

void addThreadEvent(RunRecorder &recorder, LaneEventKind kind, int lane, std::int32_t threadId) {
    LaneEvent event;
    event.kind = kind;
    event.at = recorder.now();
    event.threadId = threadId;
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
