#include "run/runner.h"

#include "run/embeddedtarget.h"
#include "run/filelimit.h"
#include "run/serverdrain.h"
#include "run/sharedserver.h"
#include "run/strategyregistry.h"

#include <QMetaObject>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace reqlanes {

namespace {

using PublishRecorder = std::function<void(std::shared_ptr<RunRecorder>)>;

// A running server a run uses instead of its own: where it is, and who routes its events.
struct SharedUse {
    SharedServer *server = nullptr;
    Target target;
};

// Applies the scenario's settings to the shared server; a reason when it cannot serve the run.
// Nothing to do for a scenario with a URL of its own.
std::optional<SharedUse> prepareShared(SharedServer *shared, const Scenario &scenario,
                                       QString *error) {
    if (!shared || !scenario.usesEmbeddedServer())
        return SharedUse{};
    QString reason;
    if (!shared->prepare(scenario.server, &reason)) {
        if (error)
            *error =
                QStringLiteral("the shared server cannot take the run's settings: %1").arg(reason);
        return std::nullopt;
    }
    return SharedUse{shared, shared->target()};
}

// Attached for the run's lifetime; detached (no event in flight) before its final copy.
class SharedAttachment {
public:
    SharedAttachment(SharedServer *server, RunRecorder *recorder)
        : m_server(server) {
        if (m_server)
            m_server->attach(recorder);
    }
    ~SharedAttachment() { release(); }
    SharedAttachment(const SharedAttachment &) = delete;
    SharedAttachment &operator=(const SharedAttachment &) = delete;
    void release() {
        if (m_server)
            m_server->detach();
        m_server = nullptr;
    }

private:
    SharedServer *m_server;
};

// Why the scenario cannot run, or empty: the scenario's own bounds, the strategy id, then
// whether the open-file hard limit can hold its connections.
QString checkScenario(const Scenario &scenario) {
    if (QString invalid = validateScenario(scenario); !invalid.isEmpty())
        return invalid;
    if (QString unknown = StrategyRegistry::instance().unknownIdError(scenario.strategy);
        !unknown.isEmpty())
        return unknown;
    return openFileLimitError(scenario, *StrategyRegistry::instance().find(scenario.strategy),
                              hardOpenFileLimit());
}

// The scenario, display name and start time: what a snapshot shows before any request exists.
Run runHeader(const Scenario &scenario) {
    Run run;
    run.scenario = scenario;
    if (const StrategyInfo *info = StrategyRegistry::instance().find(scenario.strategy))
        run.strategyName = info->name;
    run.startedAt = QDateTime::currentDateTime();
    return run;
}

// A run that ended before its strategy ran (an invalid scenario): the reason, no requests.
Run endedRun(Run run, const QString &reason) {
    run.error = reason;
    run.finished = true;
    return run;
}

// The scenario's N requests, numbered, none begun; none when N is out of bounds.
std::vector<RequestRecord> unbegunRequests(const Scenario &scenario) {
    std::vector<RequestRecord> requests;
    if (scenario.n >= 1 && scenario.n <= limits::kMaxRequests) {
        requests.resize(std::size_t(scenario.n));
        for (int i = 0; i < scenario.n; ++i)
            requests[std::size_t(i)].id = i;
    }
    return requests;
}

// A run that could not start: every request failed for the same run-level reason.
Run failedRun(Run run, const QString &reason) {
    run.requests = unbegunRequests(run.scenario);
    for (RequestRecord &request : run.requests) {
        request.status = RequestStatus::Refused;
        request.error = reason;
    }
    return endedRun(std::move(run), reason);
}

// What the recorder holds so far: the requests, the lane events and other clients' requests.
void copyRecorded(const RunRecorder &recorder, Run &run) {
    run.requests = recorder.records();
    run.laneEvents = recorder.laneEvents();
    run.outsideRequests = recorder.outsideRequests();
}

// A strategy must finish every request; if one slipped through, say so rather than leave it
// pending forever in the picture.
void finishLeftovers(RunRecorder &recorder, const CancelToken &cancel, const QString &why) {
    if (cancel.isCancelled())
        recorder.finishUnfinished(RequestStatus::Cancelled, QStringLiteral("cancelled"));
    else
        recorder.finishUnfinished(RequestStatus::ProtocolError, why);
}

Nanos lastDone(const std::vector<RequestRecord> &requests, Nanos fallback) {
    Nanos last = kUnset;
    for (const RequestRecord &record : requests)
        last = std::max(last, record.phase(Phase::Done));
    return last == kUnset ? fallback : last;
}

// One run from the checked scenario to the finished Run, on the calling thread.
// `stopWaiting` ends a stopped run's wait for the shared server (see the wait below).
Run execute(Run run, CancelToken &cancel, const PublishRecorder &publish,
            const SharedUse &shared = {}, const CancelToken *stopWaiting = nullptr) {
    const Scenario &scenario = run.scenario;
    if (QString invalid = checkScenario(scenario); !invalid.isEmpty())
        return endedRun(std::move(run), invalid);
    std::unique_ptr<Strategy> strategy = StrategyRegistry::instance().create(scenario.strategy);

    std::unique_ptr<EmbeddedTarget> embedded;
    Target target;
    QString error;
    if (shared.server) {
        target = shared.target;
    } else if (scenario.usesEmbeddedServer()) {
        embedded = std::make_unique<EmbeddedTarget>(scenario.server);
        if (!embedded->start(&error))
            return failedRun(std::move(run),
                             QStringLiteral("the embedded server could not start: %1").arg(error));
        target = embedded->target();
    } else if (auto parsed = Target::fromUrl(scenario.targetUrl, &error)) {
        target = *parsed;
    } else {
        return failedRun(std::move(run), error);
    }
    if (scenario.usesEmbeddedServer())
        run.embeddedServerUrl = target.url();

    // Resolved once, before the run's clock starts: every request connects to the same addresses,
    // and a host's lookup is part of neither a request's connect time nor the makespan.
    const ResolvedTarget address = resolveTarget(target);
    reserveDescriptorTable(
        openFilesNeeded(scenario, *StrategyRegistry::instance().find(scenario.strategy)));
    auto recorder = std::make_shared<RunRecorder>(scenario.n, steadyNowNs());
    if (embedded)
        embedded->attach(recorder.get());
    SharedAttachment attachment(shared.server, recorder.get());
    publish(recorder);

    QString leftoverReason = QStringLiteral("strategy ended without finishing");
    const StrategyInfo info = strategy->info();
    RunContext context{info, scenario, target, *recorder, cancel, &address};
    try {
        strategy->execute(context);
    } catch (const std::exception &exception) {
        leftoverReason =
            QStringLiteral("strategy failed: %1").arg(QString::fromUtf8(exception.what()));
        run.error = leftoverReason;
    } catch (...) {
        leftoverReason = QStringLiteral("strategy failed with an unknown exception");
        run.error = leftoverReason;
    }
    finishLeftovers(*recorder, cancel, leftoverReason);
    // Every request has ended on the client; a cancel from here on only cuts the wait short.
    const bool cancelled = cancel.isCancelled();
    // Handlers whose clients gave up may still run: stopping or detaching now would cut their
    // abandoned work off at the last done. (With --target the run sees no server events, so
    // nothing is held and nothing waited for.) If the bound is hit, what is still running stays
    // drawn to the run's end, a lower bound.
    // After a cancel, a run on its own embedded server does not wait: the user asked to stop,
    // and stopping that server ends its handlers. The shared server goes on serving a stopped
    // run's requests, so that run waits for them like any other and draws their abandoned work
    // to its real end; `stopWaiting` (the next run starting, a second stop) cuts the wait short,
    // and the rest then reaches the next run as the earlier run's work.
    if (!cancelled)
        waitForServerDrain(*recorder, scenario.server, cancel);
    else if (shared.server && stopWaiting)
        waitForServerDrain(*recorder, scenario.server, *stopWaiting);
    // Joined before the final copy, so the last server events are in it.
    if (embedded)
        embedded->stop();
    attachment.release();

    copyRecorded(*recorder, run);
    // The makespan: abandoned work recorded after the last done is drawn, but not part of it.
    run.elapsed = lastDone(run.requests, recorder->now());
    run.finished = true;
    run.cancelled = cancelled;
    return run;
}

} // namespace

Run refusedRun(const Scenario &scenario, const QString &why) {
    return endedRun(runHeader(scenario), why);
}

Run runScenario(const Scenario &scenario, CancelToken *cancel, SharedServer *shared) {
    try {
        if (QString invalid = checkScenario(scenario); !invalid.isEmpty())
            return endedRun(runHeader(scenario), invalid);
        QString error;
        const std::optional<SharedUse> use = prepareShared(shared, scenario, &error);
        if (!use)
            return failedRun(runHeader(scenario), error);
        std::optional<CancelToken> own;
        if (!cancel)
            cancel = &own.emplace();
        // Nobody can cut a blocking run's wait short: a stopped run on a shared server waits
        // (boundedly) for its abandoned work, like one that was not stopped.
        std::optional<CancelToken> neverStopWaiting;
        if (use->server)
            neverStopWaiting.emplace();
        return execute(
            runHeader(scenario), *cancel, [](std::shared_ptr<RunRecorder>) {}, *use,
            neverStopWaiting ? &*neverStopWaiting : nullptr);
    } catch (const std::exception &exception) {
        // Out of descriptors or memory before the strategy even ran.
        return failedRun(runHeader(scenario), QString::fromUtf8(exception.what()));
    }
}

// Lives as long as the Runner; each start() replaces the fields under the mutex, so snapshot()
// from any thread sees one consistent run. The mutex is never held during I/O: the run thread
// takes it only to publish its recorder and its result.
struct Runner::Active {
    mutable std::mutex mutex;
    std::uint64_t generation = 0;
    Run header; // scenario, strategy name, start time of the current run
    std::shared_ptr<CancelToken> cancel;
    std::shared_ptr<CancelToken> stopWaiting; // ends a stopped run's wait for the shared server
    std::shared_ptr<RunRecorder> recorder;    // while it runs
    std::optional<Run> result;                // once it has ended
    bool running = false;

    std::thread thread; // started and joined by the Runner's own thread only
};

Runner::Runner(QObject *parent)
    : QObject(parent)
    , m_active(std::make_shared<Active>()) {}

Runner::~Runner() {
    stopNow();
    wait();
}

bool Runner::start(const Scenario &scenario, QString *error) {
    if (QString invalid = checkScenario(scenario); !invalid.isEmpty()) {
        if (error)
            *error = invalid;
        return false;
    }
    // The run in progress makes way at once: a stopped run's wait for the shared server ends
    // here, and its leftover work reaches this run as the earlier run's.
    stopNow();
    wait();
    // On the caller's thread, before the run's: the shared server's owner lives there.
    const std::optional<SharedUse> use = prepareShared(m_shared, scenario, error);
    if (!use)
        return false;

    std::shared_ptr<CancelToken> token, stopWaiting;
    try {
        token = std::make_shared<CancelToken>();
        stopWaiting = std::make_shared<CancelToken>();
    } catch (const std::exception &exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(m_active->mutex);
        generation = ++m_active->generation;
        m_active->header = runHeader(scenario);
        m_active->cancel = token;
        m_active->stopWaiting = stopWaiting;
        m_active->recorder.reset();
        m_active->result.reset();
        m_active->running = true;
    }

    auto body = [this, state = m_active, token, stopWaiting, generation, header = m_active->header,
                 use = *use] {
        Run run = [&] {
            try {
                return execute(
                    header, *token,
                    [&](std::shared_ptr<RunRecorder> recorder) {
                        std::lock_guard lock(state->mutex);
                        state->recorder = std::move(recorder);
                    },
                    use, stopWaiting.get());
            } catch (const std::exception &exception) {
                return failedRun(header, QString::fromUtf8(exception.what()));
            }
        }();
        {
            std::lock_guard lock(state->mutex);
            state->result = std::move(run);
            state->recorder.reset();
            state->running = false;
        }
        // Queued to the Runner's thread; dropped if the Runner is gone, ignored if a newer run
        // has started since (its own finished() follows).
        QMetaObject::invokeMethod(
            this,
            [this, state, generation] {
                std::unique_lock lock(state->mutex);
                const bool current = state->generation == generation;
                lock.unlock();
                if (current)
                    emit finished();
            },
            Qt::QueuedConnection);
    };
    try {
        m_active->thread = std::thread(std::move(body));
    } catch (const std::system_error &exception) {
        std::lock_guard lock(m_active->mutex);
        m_active->result = failedRun(m_active->header, QString::fromUtf8(exception.what()));
        m_active->running = false;
        if (error)
            *error = m_active->result->error;
        return false;
    }
    return true;
}

void Runner::cancel() {
    std::shared_ptr<CancelToken> token, stopWaiting;
    {
        std::lock_guard lock(m_active->mutex);
        token = m_active->cancel;
        stopWaiting = m_active->stopWaiting;
    }
    // The first cancel stops the client; a second one also ends the wait for the server.
    if (token && token->isCancelled() && stopWaiting)
        stopWaiting->cancel();
    else if (token)
        token->cancel();
}

void Runner::stopNow() {
    std::shared_ptr<CancelToken> token, stopWaiting;
    {
        std::lock_guard lock(m_active->mutex);
        token = m_active->cancel;
        stopWaiting = m_active->stopWaiting;
    }
    if (stopWaiting)
        stopWaiting->cancel();
    if (token)
        token->cancel();
}

void Runner::wait() {
    if (m_active->thread.joinable())
        m_active->thread.join();
}

bool Runner::isRunning() const {
    std::lock_guard lock(m_active->mutex);
    return m_active->running;
}

int Runner::progress() const {
    std::shared_ptr<RunRecorder> recorder;
    {
        std::lock_guard lock(m_active->mutex);
        if (m_active->result)
            return m_active->result->finishedCount();
        recorder = m_active->recorder;
    }
    return recorder ? recorder->finishedCount() : 0;
}

Run Runner::snapshot() const {
    // A fresh LiveSnapshot takes everything: one way to read a run, whole or by its changes.
    LiveSnapshot live;
    refreshSnapshot(live);
    return std::move(live.run);
}

void Runner::refreshSnapshot(LiveSnapshot &live) const {
    static std::atomic<std::uint64_t> series{0}; // one per run seen, unique in the process
    std::shared_ptr<RunRecorder> recorder;
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(m_active->mutex);
        generation = m_active->generation;
        if (generation != 0 && m_active->result) {
            live.run = *m_active->result;
            generation = 0; // a result is taken whole, once
        } else if (generation != 0) {
            recorder = m_active->recorder;
            // The header has no requests: the records kept go back in below.
            std::vector<RequestRecord> records = std::move(live.run.requests);
            live.run = m_active->header;
            live.run.requests = std::move(records);
            // Stopped, and waiting for the server's work on its requests: already labelled so.
            live.run.cancelled = m_active->cancel && m_active->cancel->isCancelled();
        } else {
            live.run = Run{};
        }
    }
    const bool sameRun = recorder && live.runGeneration == generation;
    RunChanges &changes = live.changes;
    if (!sameRun) {
        changes.source = ++series;
        changes.to = 0;
        live.versions.clear();
    }
    changes.whole = !sameRun;
    changes.from = changes.to;
    ++changes.to;
    changes.requests.clear();
    live.runGeneration = recorder ? generation : 0;
    if (recorder) {
        // Outside the lock, as in snapshot(): the shared_ptr keeps the recorder alive.
        recorder->updateRecords(live.run.requests, live.versions, changes.requests);
        live.run.laneEvents = recorder->laneEvents();
        live.run.outsideRequests = recorder->outsideRequests();
        live.run.elapsed = recorder->now();
    } else if (generation != 0 && !live.run.finished) {
        live.run.requests = unbegunRequests(live.run.scenario); // still starting the server
    }
}

} // namespace reqlanes
