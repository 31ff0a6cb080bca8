#include "strategies/processes/workerpool.h"

#include "run/strategy.h"

#include <QUrl>

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <limits>

namespace reqlanes {

namespace {

// A worker that does not say hello in this time is stuck (or is not our worker at all).
constexpr std::int64_t kHelloTimeoutNs = 10'000 * kNsPerMs;
// The worker enforces the request timeout itself; this is the parent's safety net on top.
constexpr std::int64_t kJobGraceNs = 2'000 * kNsPerMs;
constexpr std::int64_t kQuitGraceNs = 2'000 * kNsPerMs;
// SIGTERM first so a worker could clean up; SIGKILL after this, well inside cancel's 200 ms.
constexpr std::int64_t kTerminateGraceNs = 50 * kNsPerMs;

int pollTimeoutMs(std::int64_t untilNs) {
    const std::int64_t left = untilNs - steadyNowNs();
    if (left <= 0)
        return 0;
    // Round up: waking a hair early would only spin once more.
    return static_cast<int>(
        std::min<std::int64_t>((left + kNsPerMs - 1) / kNsPerMs, std::numeric_limits<int>::max()));
}

// The clock is shared, so a worker's stamp must lie between what caused it and our reading it.
bool plausible(std::int64_t stampNs, std::int64_t causeNs) {
    return stampNs >= causeNs && stampNs <= steadyNowNs();
}

} // namespace

WorkerPool::WorkerPool(RunContext &ctx, QString program, int workerCount)
    : m_ctx(ctx)
    , m_program(std::move(program))
    , m_url(QUrl(ctx.target.url()).toEncoded()) {
    for (int i = 0; i < workerCount; ++i) {
        m_workers.push_back(std::make_unique<Worker>());
        m_workers.back()->index = i;
    }
}

// Each WorkerProcess kills and reaps its child if run() did not get to (it always does).
WorkerPool::~WorkerPool() = default;

void WorkerPool::run() {
    m_ctx.recorder.markAll(Phase::Created);
    for (int id = 0; id < m_ctx.n(); ++id)
        m_queue.push_back(id);
    if (const QString reason = workerprotocol::checkJobUrl(m_url); !reason.isEmpty()) {
        failRemaining(RequestStatus::ProtocolError,
                      QStringLiteral("cannot hand this URL to a worker process: %1").arg(reason));
        return;
    }
    spawnWorkers();
    while (!m_ctx.cancel.isCancelled() && anyAlive()) {
        pollOnce();
        checkDeadlines();
    }
    if (m_ctx.cancel.isCancelled())
        shutdownOnCancel();
    // Only requests that lost every worker are left here.
    failRemaining(RequestStatus::ProtocolError,
                  QStringLiteral("no worker process left to run it: %1").arg(m_lastFailure));
}

void WorkerPool::spawnWorkers() {
    for (auto &worker : m_workers) {
        if (m_ctx.cancel.isCancelled()) {
            worker->state = State::Ended;
            continue;
        }
        const std::int64_t spawnedNs = steadyNowNs();
        QString error;
        if (!worker->process.start(m_program, &error)) {
            worker->state = State::Ended;
            m_lastFailure = QStringLiteral("could not start a worker process: %1").arg(error);
            continue;
        }
        worker->pid = worker->process.pid();
        worker->tid = worker->pid; // until hello says otherwise
        worker->spawnedNs = spawnedNs;
        worker->deadlineNs = spawnedNs + kHelloTimeoutNs;
        addLaneEvent(*worker, LaneEventKind::ProcessSpawned, spawnedNs, m_program);
    }
}

void WorkerPool::pollOnce() {
    std::vector<pollfd> fds{{m_ctx.cancel.wakeFd(), POLLIN, 0}};
    std::vector<std::pair<Worker *, bool>> owners{{nullptr, false}}; // (worker, is its pidfd)
    std::int64_t wakeAt = std::numeric_limits<std::int64_t>::max();
    for (auto &worker : m_workers) {
        if (worker->state == State::Ended)
            continue;
        if (worker->process.outputFd() >= 0) {
            fds.push_back({worker->process.outputFd(), POLLIN, 0});
            owners.emplace_back(worker.get(), false);
        }
        fds.push_back({worker->process.exitFd(), POLLIN, 0});
        owners.emplace_back(worker.get(), true);
        wakeAt = std::min(wakeAt, worker->deadlineNs);
    }
    if (::poll(fds.data(), fds.size(), pollTimeoutMs(wakeAt)) <= 0)
        return; // timeout (deadlines are checked next) or EINTR
    for (std::size_t i = 1; i < fds.size(); ++i) {
        auto [worker, isExit] = owners[i];
        if (fds[i].revents == 0 || worker->state == State::Ended)
            continue;
        if (isExit)
            onExited(*worker);
        else
            readOutput(*worker);
    }
}

WorkerProcess::ReadResult WorkerPool::readOutput(Worker &worker) {
    // One read per call: poll is level-triggered, and a chatty worker cannot starve the others.
    // At EndOfStream the pidfd reports the exit next; the crash is the story, not the pipe.
    const auto result = worker.process.readAvailable(worker.lines);
    std::string line;
    for (;;) {
        const auto next = worker.lines.next(line);
        if (next == LineBuffer::Result::NeedMore)
            return result;
        if (next == LineBuffer::Result::TooLong) {
            failWorker(worker, QStringLiteral("worker process %1 sent a line longer than %2 bytes")
                                   .arg(worker.pid)
                                   .arg(workerprotocol::kMaxLineBytes));
            return WorkerProcess::ReadResult::EndOfStream;
        }
        handleLine(worker, line);
        if (worker.state == State::Ended)
            return WorkerProcess::ReadResult::EndOfStream;
    }
}

void WorkerPool::handleLine(Worker &worker, const std::string &line) {
    QString error;
    const auto message = workerprotocol::decodeWorkerLine(line, &error);
    if (!message) {
        failWorker(worker, QStringLiteral("worker process %1 sent an invalid line: %2")
                               .arg(worker.pid)
                               .arg(error));
        return;
    }
    handleMessage(worker, *message);
}

void WorkerPool::handleMessage(Worker &worker, const workerprotocol::WorkerMessage &message) {
    using namespace workerprotocol;
    RunRecorder &recorder = m_ctx.recorder;
    auto broke = [&](const QString &what) {
        failWorker(
            worker,
            QStringLiteral("worker process %1 broke the protocol: %2").arg(worker.pid).arg(what));
    };
    auto isItsJob = [&](int id) { return worker.state == State::Busy && worker.job == id; };

    if (const auto *hello = std::get_if<HelloMessage>(&message)) {
        if (worker.state != State::Starting)
            return broke(QStringLiteral("it said hello twice"));
        if (hello->pid != worker.pid)
            return broke(QStringLiteral("its hello names pid %1").arg(hello->pid));
        if (!plausible(hello->steadyNs, worker.spawnedNs))
            return broke(QStringLiteral("its hello is stamped %1 ns, before its spawn or after now")
                             .arg(hello->steadyNs));
        worker.tid = hello->tid;
        addLaneEvent(worker, LaneEventKind::ProcessReady, hello->steadyNs,
                     QStringLiteral("ready %1 ms after spawn")
                         .arg(nanosToMs(hello->steadyNs - worker.spawnedNs), 0, 'f', 1));
        worker.state = State::Idle;
        dispatch(worker);
    } else if (const auto *phase = std::get_if<PhaseMessage>(&message)) {
        if (!isItsJob(phase->id))
            return broke(
                QStringLiteral("phase for request %1, which it does not have").arg(phase->id));
        if (!plausible(phase->steadyNs, worker.jobSentNs))
            return broke(QStringLiteral("phase %1 is stamped %2 ns, before its job or after now")
                             .arg(phaseName(phase->phase))
                             .arg(phase->steadyNs));
        recorder.markAt(phase->id, phase->phase, recorder.fromSteady(phase->steadyNs));
    } else if (const auto *done = std::get_if<DoneMessage>(&message)) {
        if (!isItsJob(done->id))
            return broke(
                QStringLiteral("done for request %1, which it does not have").arg(done->id));
        if (done->serverWorker >= 0)
            recorder.setServerWorker(done->id, done->serverWorker);
        recorder.finish(done->id, done->status, done->httpStatus, done->error);
        worker.job = -1;
        worker.state = State::Idle;
        dispatch(worker);
    } else if (const auto *fatal = std::get_if<FatalMessage>(&message)) {
        failWorker(
            worker,
            QStringLiteral("worker process %1 gave up: %2").arg(worker.pid).arg(fatal->error));
    }
}

void WorkerPool::dispatch(Worker &worker) {
    if (worker.state != State::Idle || worker.draining)
        return;
    const std::int64_t now = steadyNowNs();
    if (m_queue.empty()) {
        // Quit, then EOF: either alone would do; the worker exits and its lane ends here.
        worker.process.send(workerprotocol::encodeLine(workerprotocol::QuitMessage{}));
        worker.process.closeInput();
        worker.state = State::Quitting;
        worker.deadlineNs = now + kQuitGraceNs;
        return;
    }
    const int id = m_queue.front();
    m_queue.pop_front();
    const int timeoutMs = std::clamp(m_ctx.scenario.timeoutMs, 1, limits::kMaxTimeoutMs);
    if (!worker.process.send(workerprotocol::encodeLine(
            workerprotocol::JobMessage{id, m_ctx.recorder.generation(), timeoutMs, m_url}))) {
        m_queue.push_front(id); // it never reached the worker: another one takes it
        failWorker(worker,
                   QStringLiteral("worker process %1 does not take jobs any more").arg(worker.pid));
        return;
    }
    RunRecorder &recorder = m_ctx.recorder;
    recorder.markAt(id, Phase::Acquired, recorder.fromSteady(now));
    recorder.setPlacement(id, worker.tid, worker.pid, worker.index);
    worker.job = id;
    worker.jobSentNs = now;
    worker.state = State::Busy;
    worker.deadlineNs = now + timeoutMs * kNsPerMs + kJobGraceNs;
}

void WorkerPool::checkDeadlines() {
    const std::int64_t now = steadyNowNs();
    for (auto &worker : m_workers) {
        if (worker->state == State::Ended || worker->deadlineNs > now)
            continue;
        const QString pid = QString::number(worker->pid);
        switch (worker->state) {
        case State::Starting:
            failWorker(*worker, QStringLiteral("worker process %1 did not say hello within %2 s")
                                    .arg(pid)
                                    .arg(kHelloTimeoutNs / 1'000'000'000));
            break;
        case State::Busy:
            failWorker(*worker, QStringLiteral("worker process %1 did not finish request %2 "
                                               "within its timeout")
                                    .arg(pid)
                                    .arg(worker->job));
            break;
        default:
            failWorker(*worker,
                       QStringLiteral("worker process %1 did not exit after quit").arg(pid));
            break;
        }
    }
}

void WorkerPool::onExited(Worker &worker) {
    // It is gone, so its pipe holds everything it wrote: read it all first, its last `done`
    // may be there. Draining, it gets no new job.
    worker.draining = true;
    while (worker.state != State::Ended && readOutput(worker) == WorkerProcess::ReadResult::Data) {
    }
    if (worker.state == State::Ended)
        return;
    const auto exit = worker.process.tryReap();
    recordEnd(worker, exit ? *exit : worker.process.killAndReap(), {});
}

void WorkerPool::failWorker(Worker &worker, const QString &reason) {
    if (worker.state == State::Ended)
        return;
    recordEnd(worker, worker.process.killAndReap(), reason);
}

void WorkerPool::recordEnd(Worker &worker, const ExitStatus &exit, const QString &failure) {
    const QString how = exit.describe();
    LaneEventKind kind = LaneEventKind::ProcessExited;
    QString detail = how;
    QString jobError; // why its unfinished request failed
    if (m_stopping) {
        // We killed it; its request is finished as Cancelled by the caller.
        detail = QStringLiteral("stopped on cancel: %1").arg(how);
    } else if (!failure.isEmpty()) {
        kind = LaneEventKind::ProcessCrashed;
        detail = QStringLiteral("%1 (%2)").arg(failure, how);
        jobError = failure;
    } else if (!exit.clean()) {
        kind = LaneEventKind::ProcessCrashed;
        jobError = QStringLiteral("worker process %1 crashed during request %2: %3")
                       .arg(worker.pid)
                       .arg(worker.job)
                       .arg(how);
        m_lastFailure = QStringLiteral("worker process %1 crashed (%2)").arg(worker.pid).arg(how);
    } else {
        jobError = QStringLiteral("worker process %1 exited before finishing request %2")
                       .arg(worker.pid)
                       .arg(worker.job);
    }
    if (!failure.isEmpty())
        m_lastFailure = failure;
    addLaneEvent(worker, kind, steadyNowNs(), detail);
    if (worker.job >= 0 && !m_stopping)
        m_ctx.recorder.finish(worker.job, RequestStatus::ProtocolError, 0, jobError);
    worker.job = -1;
    worker.state = State::Ended;
}

void WorkerPool::shutdownOnCancel() {
    m_stopping = true;
    for (auto &worker : m_workers)
        worker->process.signal(SIGTERM);
    const std::int64_t killAt = steadyNowNs() + kTerminateGraceNs;
    while (anyAlive() && steadyNowNs() < killAt) {
        std::vector<pollfd> fds;
        std::vector<Worker *> owners;
        for (auto &worker : m_workers) {
            if (worker->state == State::Ended)
                continue;
            fds.push_back({worker->process.exitFd(), POLLIN, 0});
            owners.push_back(worker.get());
        }
        if (::poll(fds.data(), fds.size(), pollTimeoutMs(killAt)) <= 0)
            continue;
        for (std::size_t i = 0; i < fds.size(); ++i)
            if (fds[i].revents != 0)
                if (const auto exit = owners[i]->process.tryReap())
                    recordEnd(*owners[i], *exit, {});
    }
    for (auto &worker : m_workers)
        if (worker->state != State::Ended)
            recordEnd(*worker, worker->process.killAndReap(), {});
    failRemaining(RequestStatus::Cancelled, {});
}

void WorkerPool::failRemaining(RequestStatus status, const QString &reason) {
    m_ctx.recorder.finishUnfinished(status, reason);
    m_queue.clear();
}

bool WorkerPool::anyAlive() const {
    return std::any_of(m_workers.begin(), m_workers.end(),
                       [](const auto &worker) { return worker->state != State::Ended; });
}

void WorkerPool::addLaneEvent(const Worker &worker, LaneEventKind kind, std::int64_t steadyNs,
                              const QString &detail) {
    m_ctx.recorder.addLaneEvent(LaneEvent{kind, m_ctx.recorder.fromSteady(steadyNs), worker.tid,
                                          worker.pid, worker.index, detail});
}

} // namespace reqlanes
