// `reqlanes-cli --watch`: serves the slow server on a known port, records what other programs
// send it, and when each session ends (idle gap) prints a summary line and writes its exports,
// numbered run-1.json, run-2.json... unless only one session was asked for. Ends after
// --sessions K, or on Ctrl-C, which first closes and writes the session in progress (exit 0).
// With a program (`--watch -- python3 script.py ARGS`) it starts it, passes its output through,
// and when it exits (and the server is done with what it left) writes the one session and exits
// with the program's status.
#pragma once

#include "cli/clioptions.h"
#include "model/run.h"
#include "watch/tracedprogram.h"
#include "watch/watchrecorder.h"
#include "watch/watchserver.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace reqlanes::cli {

class WatchCliSession : public QObject {
    Q_OBJECT
public:
    explicit WatchCliSession(CliOptions options, QObject *parent = nullptr);

    void start();
    void interrupt(int signalNumber);

    // One line per session: requests, outcomes, connections, client processes, makespan.
    static QString summaryLine(const Run &run, int number);
    // "run.json" -> "run-3.json" (numbered when more than one session may be written).
    static QString numberedPath(const QString &path, int number);

signals:
    void done(int exitCode);

private:
    void poll();
    void writeSessions();
    void finish(int exitCode);
    bool startProgram();
    void programEnded(int exitCode, const QString &description);

    CliOptions m_options;
    watch::WatchRecorder m_recorder;
    watch::WatchServer m_server;
    QTimer m_pollTimer;
    std::unique_ptr<watch::TracedProgram> m_program; // --watch -- PROGRAM ARGS
    int m_written = 0;
    bool m_wasInSession = false;
    bool m_writeFailed = false;
    std::optional<int> m_programExit; // the program's status, once it has exited
};

} // namespace reqlanes::cli
