// The engine of the processes strategy: runs one run's requests on a pool of reqlanes-worker
// processes. It spawns them, hands each worker the next job when it reports the previous one
// done, turns their protocol lines into recorder phases and lane events, and has reaped every
// process before run() returns, also on cancel, on a crash and on a worker that talks nonsense.
// Everything happens on the calling thread: one poll() over the pipes, the pidfds and the
// cancel token; no event loop, no helper threads.
#pragma once

#include "strategies/processes/linebuffer.h"
#include "strategies/processes/workerprocess.h"
#include "strategies/processes/workerprotocol.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace reqlanes {

struct RunContext;

class WorkerPool {
public:
    // `program`: the worker executable (WorkerProcess::findExecutable()).
    WorkerPool(RunContext &ctx, QString program, int workerCount);
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // Blocks until every request is finished in the recorder and every worker is reaped.
    void run();

private:
    enum class State { Starting, Idle, Busy, Quitting, Ended };
    struct Worker {
        int index = 0;
        WorkerProcess process;
        LineBuffer lines{workerprotocol::kMaxLineBytes};
        State state = State::Starting;
        int job = -1;
        std::int32_t pid = 0;
        std::int32_t tid = 0;
        std::int64_t spawnedNs = 0;
        std::int64_t jobSentNs = 0;
        std::int64_t deadlineNs = 0; // hello, job or exit must come before this
        bool draining = false;       // it has exited; we only read what it left
    };

    void spawnWorkers();
    void pollOnce();
    WorkerProcess::ReadResult readOutput(Worker &worker);
    void handleLine(Worker &worker, const std::string &line);
    void handleMessage(Worker &worker, const workerprotocol::WorkerMessage &message);
    void dispatch(Worker &worker);
    void checkDeadlines();
    void onExited(Worker &worker);
    void failWorker(Worker &worker, const QString &reason);
    void recordEnd(Worker &worker, const ExitStatus &exit, const QString &failure);
    void shutdownOnCancel();
    void failRemaining(RequestStatus status, const QString &reason);
    bool anyAlive() const;
    void addLaneEvent(const Worker &worker, LaneEventKind kind, std::int64_t steadyNs,
                      const QString &detail);

    RunContext &m_ctx;
    QString m_program;
    QByteArray m_url;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::deque<int> m_queue; // request ids not yet handed to a worker
    QString m_lastFailure;   // why the last worker was lost, for requests left without one
    bool m_stopping = false; // cancelled: workers are being stopped on purpose
};

} // namespace reqlanes
