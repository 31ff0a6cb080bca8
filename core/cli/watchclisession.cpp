#include "cli/watchclisession.h"

#include "cli/runsummary.h"

#include "formats/fileformats.h"
#include "results/runstats.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <limits>
#include <set>

namespace reqlanes::cli {

namespace {

constexpr int kPollMs = 50;
constexpr int kExitFailed = 1;
constexpr int kExitServerFailed = 2;
constexpr int kExitProgramFailed = 127; // as a shell says of a program it cannot start

void print(std::FILE *stream, const QString &text) {
    std::fputs(qPrintable(text), stream);
    std::fflush(stream);
}

watch::WatchSettings settingsFor(const CliOptions &options) {
    watch::WatchSettings settings;
    settings.idleGapNs = std::int64_t(options.watch.idleMs) * 1'000'000;
    // A program's run is one session, however long it pauses: its exit ends it.
    if (!options.watch.program.isEmpty())
        settings.idleGapNs = std::numeric_limits<std::int64_t>::max() / 2;
    settings.server = options.scenarios.front().server;
    return settings;
}

QString plural(int count, const char *one, const char *many) {
    return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? one : many));
}

} // namespace

WatchCliSession::WatchCliSession(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_recorder(settingsFor(m_options))
    , m_server(&m_recorder) {
    m_pollTimer.setInterval(kPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &WatchCliSession::poll);
}

void WatchCliSession::start() {
    watch::WatchServerOptions serverOptions;
    serverOptions.port = std::uint16_t(m_options.watch.port);
    serverOptions.portRequired = m_options.watch.portGiven;
    serverOptions.bindAddress = m_options.watch.bindAddress;
    serverOptions.server = m_options.scenarios.front().server;
    QString error;
    if (!m_server.start(serverOptions, &error)) {
        print(stderr, QStringLiteral("reqlanes-cli: %1\n").arg(error));
        emit done(kExitServerFailed);
        return;
    }
    if (!m_server.notice().isEmpty())
        print(stderr, QStringLiteral("reqlanes-cli: %1\n").arg(m_server.notice()));
    const ServerSettings &server = serverOptions.server;
    const QString workers = server.mode == ServerMode::Sync
                                ? QStringLiteral("%1 sync workers").arg(server.workers)
                                : QStringLiteral("async");
    print(stderr, QStringLiteral("watching %1 (%2, %3 ms per request); a session ends after %4 ms "
                                 "idle; Ctrl-C to stop\n")
                      .arg(m_server.url(), workers)
                      .arg(server.latencyMs)
                      .arg(m_options.watch.idleMs));
    m_pollTimer.start();
    if (!m_options.watch.program.isEmpty() && !startProgram())
        finish(kExitProgramFailed);
}

bool WatchCliSession::startProgram() {
    QString error;
    const std::optional<watch::ProgramCommand> command = watch::programCommand(
        m_options.watch.program, m_server.url(), watch::tracerPathForThisProgram(), &error);
    m_program = std::make_unique<watch::TracedProgram>();
    if (!command || !m_program->start(*command, &error)) {
        print(stderr, QStringLiteral("reqlanes-cli: cannot start the program: %1\n").arg(error));
        return false;
    }
    print(stderr, QStringLiteral("started%1: %2\n")
                      .arg(command->traced ? QStringLiteral(" (traced)") : QString(),
                           watch::TracedProgram::displayText(*command)));
    connect(m_program.get(), &watch::TracedProgram::output, this,
            [](const QByteArray &bytes, bool isError) {
                std::FILE *stream = isError ? stderr : stdout;
                std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
                std::fflush(stream);
            });
    connect(m_program.get(), &watch::TracedProgram::finished, this, &WatchCliSession::programEnded);
    return true;
}

void WatchCliSession::programEnded(int exitCode, const QString &description) {
    print(stderr, QStringLiteral("the program %1\n").arg(description));
    // Its requests are over; its session ends once the server is done with what it left
    // (abandoned work of requests it gave up on), which poll() sees to.
    m_programExit = exitCode;
    m_recorder.endSessionWhenServed(m_recorder.servedDeadlineNs());
    poll();
}

void WatchCliSession::interrupt(int) {
    // Whatever has been recorded is a session worth keeping; Ctrl-C is how watching ends.
    m_recorder.endSession();
    m_server.stop();
    writeSessions();
    finish(m_writeFailed ? kExitFailed : 0);
}

void WatchCliSession::poll() {
    const bool inSession = m_recorder.inSession();
    if (inSession && !m_wasInSession)
        print(stderr, QStringLiteral("session %1 started\n").arg(m_written + 1));
    m_wasInSession = inSession;
    m_recorder.poll();
    writeSessions();
    if (m_programExit && !m_recorder.inSession()) {
        m_server.stop();
        finish(m_writeFailed ? kExitFailed : *m_programExit);
        return;
    }
    if (m_options.watch.sessions > 0 && m_written >= m_options.watch.sessions)
        finish(m_writeFailed ? kExitFailed : 0);
}

void WatchCliSession::writeSessions() {
    for (const Run &run : m_recorder.takeFinishedSessions()) {
        if (m_options.watch.sessions > 0 && m_written >= m_options.watch.sessions)
            break;
        const int number = ++m_written;
        const bool numbered = m_options.watch.sessions != 1 && m_options.watch.program.isEmpty();
        for (const auto &[id, path] : m_options.exports) {
            QString error;
            if (!exportRun(*findFileFormat(id), run, m_options.exportOptions,
                           numbered ? numberedPath(path, number) : path, &error)) {
                print(stderr, QStringLiteral("reqlanes-cli: %1\n").arg(error));
                m_writeFailed = true;
            }
        }
        // After the files: whoever reads this line can open them.
        print(stdout, summaryLine(run, number) + QLatin1Char('\n'));
        if (m_options.explain)
            print(stdout, explanationText(run));
    }
}

void WatchCliSession::finish(int exitCode) {
    // Still running (Ctrl-C, the server failed): ended now, never left behind. One that has
    // exited stays until this session goes: this may run inside its own finished signal.
    if (m_program && m_program->isRunning())
        m_program.reset();
    m_pollTimer.stop();
    m_server.stop();
    emit done(exitCode);
}

QString WatchCliSession::summaryLine(const Run &run, int number) {
    const RunStats stats = computeStats(run);
    std::set<std::int32_t> processes;
    for (const ClientConnection &connection : run.connections)
        processes.insert(connection.processId);
    const int unknown = int(processes.count(0));
    QString line =
        QStringLiteral("session %1: %2 (%3 ok) on %4 from %5%6, makespan %7 s")
            .arg(number)
            .arg(plural(int(run.requests.size()), "request", "requests"))
            .arg(run.okCount())
            .arg(plural(int(run.connections.size()), "connection", "connections"))
            .arg(plural(int(processes.size()) - unknown, "client process", "client processes"))
            .arg(unknown ? QStringLiteral(" (+ unknown)") : QString())
            .arg(stats.makespanS, 0, 'f', 3);
    if (run.droppedRequests > 0)
        line += QStringLiteral(", dropped %1 over the cap").arg(run.droppedRequests);
    return line;
}

QString WatchCliSession::numberedPath(const QString &path, int number) {
    const QFileInfo info(path);
    const QString suffix = info.completeSuffix();
    const QString stem = suffix.isEmpty() ? info.fileName() : info.baseName();
    return info.dir().filePath(stem + QLatin1Char('-') + QString::number(number) +
                               (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix));
}

} // namespace reqlanes::cli
