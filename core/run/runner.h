// Runs one Scenario on a thread of its own and lets the GUI watch: start(), snapshot() at any
// rate from the GUI thread, cancel() at any time. The embedded server, the recorder and the
// strategy live for one run. runScenario() is the same thing, blocking, for the CLI and tests.
#pragma once

#include "model/canceltoken.h"
#include "model/run.h"
#include "model/scenario.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace reqlanes {

class SharedServer;

// Blocking: starts the embedded server if the scenario wants it, runs the strategy, returns the
// finished Run. Never throws; a run-level failure (bad URL, port in use) is in Run::error with
// every request recorded as failed. A cancel from another thread returns within 200 ms.
// Before it stops (or detaches from) the server, a run waits, boundedly, for the server to
// finish the requests their clients gave up on (serverdrain.h); a cancelled run only on a shared
// server (its own embedded server is stopped at once).
// With `shared`, a scenario that wants the embedded server uses that running server instead
// (its settings applied first, on the calling thread): see SharedServer.
Run runScenario(const Scenario &scenario, CancelToken *cancel = nullptr,
                SharedServer *shared = nullptr);

// A scenario Runner::start refused (invalid, or more descriptors than the limit allows), as a
// finished run without requests whose error says why: a comparison's row and the CLI's --all
// summary show it failed and go on with the next strategy.
Run refusedRun(const Scenario &scenario, const QString &why);

// A live snapshot kept between frames by its one reader (RunSession): Runner::refreshSnapshot
// brings it up to date, copying only the records written since its last refresh of the same run
// (at 100k requests in flight a frame then copies kilobytes, not 13 MB).
struct LiveSnapshot {
    Run run;
    RunChanges changes; // since the refresh before (records only); whole after another run's
    // Kept for the next refresh: which run of the Runner the records are of (0: none, or a
    // finished result), and each record's write count at its copy (RunRecorder::updateRecords).
    std::uint64_t runGeneration = 0;
    std::vector<std::uint32_t> versions;
};

class Runner : public QObject {
    Q_OBJECT
public:
    explicit Runner(QObject *parent = nullptr);
    ~Runner() override; // cancels and joins

    // Cancels and joins any run in progress, then starts this one. False and a reason when the
    // scenario is invalid (nothing started then).
    // A run in progress is stopped at once, without waiting for the shared server.
    bool start(const Scenario &scenario, QString *error = nullptr);
    // Returns at once. Stops the client: finished() follows within 200 ms, except on a shared
    // server, where the stopped run first waits (boundedly, serverdrain.h) for the server to
    // finish the requests it still holds, so their abandoned work is drawn to its real end (a
    // live snapshot says cancelled meanwhile). A second cancel() ends that wait at once.
    void cancel();
    void wait(); // blocks until the run thread has ended (tests, shutdown)
    bool isRunning() const;
    // Runs that want the embedded server use this one from the next start() on (nullptr: each
    // run starts its own). It must outlive the Runner or be reset before it goes.
    void setSharedServer(SharedServer *shared) { m_shared = shared; }
    int progress() const; // finished requests so far
    Run snapshot() const; // thread-safe; live during a run, the result after it
    // snapshot() into `live`, incrementally while the same run goes on (see LiveSnapshot).
    void refreshSnapshot(LiveSnapshot &live) const;

signals:
    void finished(); // delivered on the Runner's thread once a run has ended

private:
    void stopNow(); // cancel() twice: the client and any wait for the server

    struct Active;
    std::shared_ptr<Active> m_active;
    SharedServer *m_shared = nullptr;
};

} // namespace reqlanes
