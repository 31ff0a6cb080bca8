// One reqlanes-worker child process and the two pipes to it (its stdin for jobs, its stdout for
// events), owned RAII-style: destroying a WorkerProcess kills and reaps the child, so no worker
// outlives its owner. Used by WorkerPool, which runs them for the processes strategy.
//
// Started with fork + execve, no shell. Before exec the child moves the pipes to 0 and 1, marks
// every other descriptor close-on-exec, clears the signal mask and asks for SIGKILL when its
// parent *thread* dies (PR_SET_PDEATHSIG), so even a crashed app leaves no orphans. Exit is
// watched through a pidfd (Linux >= 5.3), which poll() reports next to the pipes.
#pragma once

#include "uniquefd.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <optional>
#include <string>

namespace reqlanes {

class LineBuffer;

// How a child process ended.
struct ExitStatus {
    bool signaled = false;
    int code = 0;   // exit code when !signaled
    int signal = 0; // terminating signal when signaled
    bool clean() const { return !signaled && code == 0; }
    QString describe() const; // "exit code 3", "killed by signal 9 (SIGKILL)"
};

class WorkerProcess {
public:
    WorkerProcess() = default;
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess &) = delete;
    WorkerProcess &operator=(const WorkerProcess &) = delete;

    // Where the worker executable is, first match wins:
    //  1. $REQLANES_WORKER if set (used as given, no fallback, so a test or a user can pin it);
    //  2. then candidatePaths() of the running executable's directory (/proc/self/exe).
    // Empty and a reason naming every place looked at when none is an executable file.
    static QString findExecutable(QString *error = nullptr);
    // The places looked at for a program in `executableDirectory`, in order: the install
    // layout's ../libexec/reqlanes/reqlanes-worker (relative to bin/, so any prefix works;
    // REQLANES_WORKER_INSTALL_RELATIVE_DIR, set by CMake from GNUInstallDirs), reqlanes-worker
    // beside the program, and, for a program inside the build tree only, the build tree's
    // worker (REQLANES_WORKER_BUILD_PATH). Paths are cleaned (no "..") and need not exist.
    static QStringList candidatePaths(const QString &executableDirectory);

    // Forks and execs `program` with no arguments. False and a reason (exec's own errno, not a
    // guess) when it could not be started; the child is then already reaped.
    bool start(const QString &program, QString *error = nullptr);

    pid_t pid() const { return m_pid; }
    bool started() const { return m_pid > 0; }
    int outputFd() const { return m_output.get(); } // worker's stdout, non-blocking; -1 after EOF
    int exitFd() const { return m_pidfd.get(); }    // readable once the process has exited

    // Writes one protocol line to the worker's stdin without blocking and without SIGPIPE.
    // False when the worker cannot take it (gone, or not reading).
    bool send(const QByteArray &line);
    void closeInput(); // the worker sees EOF on stdin

    enum class ReadResult { Data, WouldBlock, EndOfStream };
    // Appends what the worker has written so far; EndOfStream closes outputFd().
    ReadResult readAvailable(LineBuffer &buffer);

    void signal(int signalNumber); // no-op once reaped
    // Reaps the child if it has exited (nullopt if still running). Idempotent: the status of a
    // reaped child is remembered.
    std::optional<ExitStatus> tryReap();
    ExitStatus killAndReap(); // SIGKILL unless reaped, then waits for it

private:
    void closeFds();

    pid_t m_pid = -1;
    server::UniqueFd m_input;  // write end of the worker's stdin
    server::UniqueFd m_output; // read end of the worker's stdout
    server::UniqueFd m_pidfd;
    std::optional<ExitStatus> m_exit;
};

} // namespace reqlanes
