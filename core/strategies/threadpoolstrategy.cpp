#include "strategies/threadpoolstrategy.h"

#include <QThreadPool>

#include <mutex>
#include <unordered_map>

namespace reqlanes {

namespace {

// Gives each pool thread a lane number the first time it runs a request, and remembers it so
// the thread's end can be drawn when the pool is gone. Touched once per task, never during I/O.
class PoolThreads {
public:
    explicit PoolThreads(RunRecorder &recorder)
        : m_recorder(recorder) {}

    int laneOfCurrentThread() {
        const std::int32_t tid = RunRecorder::currentThreadId();
        std::lock_guard lock(m_mutex);
        auto [it, inserted] = m_lanes.try_emplace(tid, int(m_lanes.size()));
        if (inserted)
            addThreadEvent(m_recorder, LaneEventKind::ThreadStarted, it->second);
        return it->second;
    }

    // The pool has joined its threads: each one's lane ends now.
    void recordAllFinished() {
        std::lock_guard lock(m_mutex);
        for (const auto &[tid, lane] : m_lanes)
            addThreadEvent(m_recorder, LaneEventKind::ThreadFinished, lane, tid);
    }

private:
    RunRecorder &m_recorder;
    std::mutex m_mutex;
    std::unordered_map<std::int32_t, int> m_lanes;
};

} // namespace

StrategyInfo ThreadPoolStrategy::info() const {
    return {QStringLiteral("thread-pool"),
            QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "Thread pool")),
            QStringLiteral(QT_TRANSLATE_NOOP(
                "Strategy", "A pool of `limit` threads works through the requests; the rest "
                            "queue for a thread.")),
            StrategyInfo::Concurrency::Limit, StrategyInfo::Slot::PoolThread};
}

void ThreadPoolStrategy::execute(RunContext &ctx) {
    PoolThreads threads(ctx.recorder);
    {
        // Our own pool, not the global one: its size is the lesson, and its threads are joined
        // when it goes out of scope.
        QThreadPool pool;
        pool.setMaxThreadCount(ctx.concurrency());
        for (int id = 0; id < ctx.n(); ++id) {
            ctx.recorder.mark(id, Phase::Created);
            pool.start([&ctx, &threads, id] {
                if (ctx.cancel.isCancelled())
                    return; // queued when the cancel came: cancelUnfinished() records it
                runBlockingRequest(ctx, id, threads.laneOfCurrentThread());
            });
        }
        // Waits in short steps so a cancel drops the queue at once; running requests see the
        // token themselves.
        while (!pool.waitForDone(20)) {
            if (ctx.cancel.isCancelled())
                pool.clear();
        }
    }
    threads.recordAllFinished();
    ctx.cancelUnfinished();
}

} // namespace reqlanes
