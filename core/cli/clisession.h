// One invocation of `reqlanes-cli`: runs its scenarios one after another on a Runner, shows a
// progress line on a terminal, writes the exports after each run and, at the end, the summary
// table, the grouped failure reasons and the summary JSON; then says which exit code it earned.
#pragma once

#include "cli/clioptions.h"
#include "model/run.h"
#include "run/runner.h"

#include <QObject>
#include <QTimer>

#include <vector>

namespace reqlanes::cli {

class CliSession : public QObject {
    Q_OBJECT
public:
    static constexpr int kExitOk = 0;
    static constexpr int kExitFailed = 1;

    explicit CliSession(CliOptions options, QObject *parent = nullptr);

    void start();
    // A signal arrived: cancel the run in progress, skip the rest, report what finished.
    void interrupt(int signalNumber);

signals:
    void done(int exitCode);

private:
    void showSavedRun();
    void startNext();
    void runFinished();
    void showProgress();
    void clearProgress();
    void writeExports(const Run &run);
    void report();
    int exitCode() const;
    QString explanationText() const; // --explain: each run's findings, one per line

    CliOptions m_options;
    Runner m_runner;
    QTimer m_progressTimer;
    std::vector<Run> m_runs;
    std::size_t m_next = 0;
    int m_signal = 0;
    bool m_writeFailed = false;
    bool m_terminal = false;
};

} // namespace reqlanes::cli
