#include "strategies/processes/workerprocess.h"

#include "strategies/processes/linebuffer.h"
#include "uniquefd.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

extern char **environ;

namespace reqlanes {

namespace {

constexpr char kExecutableName[] = "reqlanes-worker";

QString errnoText(int error) {
    return QString::fromLocal8Bit(::strerror(error));
}

// A pipe whose two ends close themselves (O_CLOEXEC: a worker inherits only what it dup2s).
struct Pipe {
    server::UniqueFd read;
    server::UniqueFd write;
};

bool openPipe(Pipe &pipe) {
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return false;
    pipe.read.reset(fds[0]);
    pipe.write.reset(fds[1]);
    return true;
}

bool isExecutableFile(const QString &path) {
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

// Tells the parent why exec did not happen, through the status pipe, and ends the child.
[[noreturn]] void childFailed(int statusWrite, int error) {
    [[maybe_unused]] auto written = ::write(statusWrite, &error, sizeof error);
    ::_exit(127);
}

// Runs in the forked child: only async-signal-safe calls from here to execve, because the
// parent has other threads whose locks (malloc's, Qt's) may be held at the moment of fork.
[[noreturn]] void execChild(const char *path, char *const argv[], char *const envp[], int jobRead,
                            int eventWrite, int statusWrite, pid_t parent, int maxFd) {
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        childFailed(statusWrite, errno);
    if (::getppid() != parent) // the parent died before prctl took effect
        ::_exit(126);
    // Move both ends above 2 first, so dup2 cannot clobber one with the other.
    const int in = ::fcntl(jobRead, F_DUPFD_CLOEXEC, 3);
    const int out = ::fcntl(eventWrite, F_DUPFD_CLOEXEC, 3);
    if (in < 0 || out < 0 || ::dup2(in, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0)
        childFailed(statusWrite, errno);
    // Descriptors other code opened without O_CLOEXEC (sockets, files) must not leak into
    // the worker. stderr stays shared for diagnostics.
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
        for (int fd = 3; fd < maxFd; ++fd)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction defaults = {};
    defaults.sa_handler = SIG_DFL;
    for (int signalNumber : {SIGTERM, SIGINT, SIGPIPE})
        ::sigaction(signalNumber, &defaults, nullptr);
    ::execve(path, argv, envp);
    childFailed(statusWrite, errno);
}

ExitStatus toExitStatus(int status) {
    ExitStatus exit;
    if (WIFSIGNALED(status)) {
        exit.signaled = true;
        exit.signal = WTERMSIG(status);
    } else {
        exit.code = WEXITSTATUS(status);
    }
    return exit;
}

} // namespace

QString ExitStatus::describe() const {
    if (!signaled)
        return code < 0 ? QStringLiteral("exit status unknown")
                        : QStringLiteral("exit code %1").arg(code);
    const char *name = ::sigabbrev_np(signal);
    return name ? QStringLiteral("killed by signal %1 (SIG%2)").arg(signal).arg(QLatin1String(name))
                : QStringLiteral("killed by signal %1").arg(signal);
}

QStringList WorkerProcess::candidatePaths(const QString &executableDirectory) {
    QStringList candidates;
    if (!executableDirectory.isEmpty()) {
#ifdef REQLANES_WORKER_INSTALL_RELATIVE_DIR
        // Installed: bin/reqlanes-cli finds ../libexec/reqlanes/reqlanes-worker from any prefix.
        candidates << QDir::cleanPath(executableDirectory + QLatin1Char('/') +
                                      QStringLiteral(REQLANES_WORKER_INSTALL_RELATIVE_DIR) +
                                      QLatin1Char('/') + QLatin1String(kExecutableName));
#endif
        candidates << executableDirectory + QLatin1Char('/') + QLatin1String(kExecutableName);
    }
#if defined(REQLANES_WORKER_BUILD_PATH) && defined(REQLANES_BUILD_TREE)
    // Only programs of the build tree use its worker: an installed program that fell back to
    // it would work on the build machine alone and hide a broken install.
    if (executableDirectory.startsWith(QStringLiteral(REQLANES_BUILD_TREE "/")))
        candidates << QStringLiteral(REQLANES_WORKER_BUILD_PATH);
#endif
    return candidates;
}

QString WorkerProcess::findExecutable(QString *error) {
    const QString fromEnvironment = qEnvironmentVariable("REQLANES_WORKER");
    if (!fromEnvironment.isEmpty()) {
        if (isExecutableFile(fromEnvironment))
            return fromEnvironment;
        if (error)
            *error =
                QStringLiteral("REQLANES_WORKER=%1 is not an executable file").arg(fromEnvironment);
        return QString();
    }
    std::error_code unreadable;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", unreadable);
    const QString selfDirectory =
        unreadable ? QString() : QFile::decodeName(self.parent_path().c_str());
    const QStringList candidates = candidatePaths(selfDirectory);
    for (const QString &candidate : candidates)
        if (isExecutableFile(candidate))
            return candidate;
    if (error)
        *error = QStringLiteral("the worker executable %1 was not found (looked at %2); is the "
                                "package complete? Set REQLANES_WORKER to its path")
                     .arg(QLatin1String(kExecutableName), candidates.join(QStringLiteral(", ")));
    return QString();
}

WorkerProcess::~WorkerProcess() {
    if (started())
        killAndReap();
    closeFds();
}

void WorkerProcess::closeFds() {
    m_input.reset();
    m_output.reset();
    m_pidfd.reset();
}

bool WorkerProcess::start(const QString &program, QString *error) {
    auto fail = [&](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (started())
        return fail(QStringLiteral("worker already started"));
    Pipe jobPipe, eventPipe, statusPipe; // what is not handed on closes when start() returns
    if (!openPipe(jobPipe) || !openPipe(eventPipe) || !openPipe(statusPipe)) {
        const int saved = errno;
        return fail(QStringLiteral("cannot create pipes: %1").arg(errnoText(saved)));
    }

    // Everything the child needs is prepared before fork: it may not allocate.
    QByteArray path = QFile::encodeName(program);
    char *argv[] = {path.data(), nullptr};
    const long openMax = ::sysconf(_SC_OPEN_MAX);
    const int maxFd = openMax > 0 && openMax < 65536 ? static_cast<int>(openMax) : 65536;
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid < 0) {
        const int saved = errno;
        return fail(QStringLiteral("fork failed: %1").arg(errnoText(saved)));
    }
    if (pid == 0)
        execChild(path.constData(), argv, environ, jobPipe.read.get(), eventPipe.write.get(),
                  statusPipe.write.get(), parent, maxFd);

    jobPipe.read.reset();
    eventPipe.write.reset();
    statusPipe.write.reset();
    // The status pipe closes on a successful exec (O_CLOEXEC) or carries exec's errno.
    int childErrno = 0;
    ssize_t got = 0;
    do {
        got = ::read(statusPipe.read.get(), &childErrno, sizeof childErrno);
    } while (got < 0 && errno == EINTR);
    m_pid = pid;
    m_input = std::move(jobPipe.write);
    m_output = std::move(eventPipe.read);
    if (got > 0) {
        killAndReap();
        closeFds();
        m_pid = -1;
        m_exit.reset();
        return fail(QStringLiteral("cannot execute %1: %2").arg(program, errnoText(childErrno)));
    }
    // The raw syscall: glibc 2.36's <sys/pidfd.h> lacks extern "C" and does not link from C++.
    m_pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!m_pidfd.valid()) {
        const int saved = errno;
        killAndReap();
        closeFds();
        m_pid = -1;
        m_exit.reset();
        return fail(QStringLiteral("pidfd_open failed (Linux 5.3 or later is needed): %1")
                        .arg(errnoText(saved)));
    }
    ::fcntl(m_input.get(), F_SETFL, ::fcntl(m_input.get(), F_GETFL) | O_NONBLOCK);
    ::fcntl(m_output.get(), F_SETFL, ::fcntl(m_output.get(), F_GETFL) | O_NONBLOCK);
    return true;
}

bool WorkerProcess::send(const QByteArray &line) {
    if (!m_input.valid())
        return false;
    // A worker that died leaves a pipe without reader: block SIGPIPE on this thread for the
    // write and swallow the one it raised, instead of changing the process-wide disposition.
    sigset_t pipeSignal;
    sigset_t previous;
    ::sigemptyset(&pipeSignal);
    ::sigaddset(&pipeSignal, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous);
    ssize_t written = 0;
    do {
        written = ::write(m_input.get(), line.constData(), static_cast<std::size_t>(line.size()));
    } while (written < 0 && errno == EINTR);
    if (written < 0 && errno == EPIPE && !::sigismember(&previous, SIGPIPE)) {
        const timespec noWait = {};
        ::sigtimedwait(&pipeSignal, nullptr, &noWait);
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    // Lines are at most PIPE_BUF bytes, so a write is all or nothing.
    return written == line.size();
}

void WorkerProcess::closeInput() {
    m_input.reset();
}

WorkerProcess::ReadResult WorkerProcess::readAvailable(LineBuffer &buffer) {
    if (!m_output.valid())
        return ReadResult::EndOfStream;
    char chunk[16384];
    for (;;) {
        const ssize_t got = ::read(m_output.get(), chunk, sizeof chunk);
        if (got > 0) {
            buffer.append(std::string_view(chunk, static_cast<std::size_t>(got)));
            return ReadResult::Data;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return ReadResult::WouldBlock;
        m_output.reset();
        return ReadResult::EndOfStream;
    }
}

void WorkerProcess::signal(int signalNumber) {
    // Safe by pid: an unreaped child's pid cannot be reused.
    if (started() && !m_exit)
        ::kill(m_pid, signalNumber);
}

std::optional<ExitStatus> WorkerProcess::tryReap() {
    if (m_exit || !started())
        return m_exit;
    int status = 0;
    pid_t reaped = 0;
    do {
        reaped = ::waitpid(m_pid, &status, WNOHANG);
    } while (reaped < 0 && errno == EINTR);
    if (reaped == 0)
        return std::nullopt;
    // ECHILD: someone else reaped it (SIGCHLD set to SIG_IGN); it is gone all the same.
    m_exit = reaped > 0 ? toExitStatus(status) : ExitStatus{false, -1, 0};
    m_input.reset();
    return m_exit;
}

ExitStatus WorkerProcess::killAndReap() {
    if (m_exit || !started())
        return m_exit.value_or(ExitStatus{false, -1, 0});
    ::kill(m_pid, SIGKILL);
    int status = 0;
    pid_t reaped = 0;
    do {
        reaped = ::waitpid(m_pid, &status, 0);
    } while (reaped < 0 && errno == EINTR);
    m_exit = reaped > 0 ? toExitStatus(status) : ExitStatus{false, -1, 0};
    m_input.reset();
    return *m_exit;
}

} // namespace reqlanes
