// reqlanes-worker: one worker process of the `processes` strategy, started by WorkerProcess.
// Says hello, then reads jobs from stdin, runs each through fetchBlocking (the measured path
// every strategy shares) and reports its phases on stdout, one protocol line each, flushed as
// it happens (core/workerprotocol.h). Exits 0 on `quit` or EOF, 2 after a `fatal` line when
// its input is malformed. Cancel and the parent's death reach it as signals.
//
// Test hook: REQLANES_WORKER_CRASH_ON=<id> makes it abort() right after sending request <id>,
// so tests can crash a worker in the middle of a request.

#include "http/httpexchange.h"
#include "model/clock.h"
#include "model/target.h"
#include "run/runrecorder.h"
#include "run/runrequestid.h"
#include "strategies/processes/linebuffer.h"
#include "strategies/processes/workerprotocol.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

using namespace reqlanes;
namespace wp = reqlanes::workerprotocol;

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitIoError = 3;

// Unbuffered on purpose: the parent draws each phase when it arrives, not when a buffer fills.
void writeLine(const QByteArray &line) {
    const char *data = line.constData();
    std::size_t left = static_cast<std::size_t>(line.size());
    while (left > 0) {
        const ssize_t written = ::write(STDOUT_FILENO, data, left);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            ::_exit(kExitIoError); // the parent is gone; nobody to report to
        data += written;
        left -= static_cast<std::size_t>(written);
    }
}

int crashOnRequest() {
    bool ok = false;
    const int id = qEnvironmentVariableIntValue("REQLANES_WORKER_CRASH_ON", &ok);
    return ok ? id : -1;
}

[[noreturn]] void crashForTest() {
    const rlimit noCore = {0, 0}; // a deliberate crash should not leave a core file behind
    ::setrlimit(RLIMIT_CORE, &noCore);
    std::abort();
}

// Turns one exchange's progress into protocol lines.
class ProtocolListener final : public ExchangeListener {
public:
    ProtocolListener(int id, bool crashAfterSend)
        : m_id(id)
        , m_crashAfterSend(crashAfterSend) {}

    void phase(Phase phase, std::int64_t steadyNs) override {
        writeLine(wp::encodeLine(wp::PhaseMessage{m_id, phase, steadyNs}));
        m_doneReported = m_doneReported || phase == Phase::Done;
        if (phase == Phase::Sent && m_crashAfterSend)
            crashForTest();
    }
    void serverWorker(int worker) override { m_serverWorker = worker; }
    void finished(RequestStatus status, int httpStatus, const QString &error) override {
        // Done stamped here, in the worker, not when the parent happens to read the line.
        if (!m_doneReported)
            phase(Phase::Done, steadyNowNs());
        writeLine(wp::encodeLine(wp::DoneMessage{m_id, status, httpStatus, m_serverWorker, error}));
    }

private:
    int m_id;
    bool m_crashAfterSend;
    bool m_doneReported = false;
    int m_serverWorker = -1;
};

void runJob(const wp::JobMessage &job, int crashOn) {
    ProtocolListener listener(job.id, job.id == crashOn);
    QString error;
    const auto target = Target::fromUrl(QString::fromLatin1(job.url), &error);
    if (!target) {
        listener.finished(RequestStatus::ProtocolError, 0,
                          QStringLiteral("the worker got a bad URL: %1").arg(error));
        return;
    }
    ExchangeRequest request;
    request.target = *target;
    request.requestId = job.id;
    request.requestIdHeader = formatRunRequestId({job.generation, job.id});
    request.timeoutMs = job.timeoutMs;
    fetchBlocking(request, listener, nullptr);
}

int fail(const QString &reason) {
    writeLine(wp::encodeLine(wp::FatalMessage{reason}));
    return kExitBadInput;
}

} // namespace

int main() {
    // A closed stdout should end us through write()'s error, not SIGPIPE's silent death.
    ::signal(SIGPIPE, SIG_IGN);
    const int crashOn = crashOnRequest();
    writeLine(wp::encodeLine(wp::HelloMessage{RunRecorder::currentProcessId(),
                                              RunRecorder::currentThreadId(), steadyNowNs()}));
    LineBuffer input(wp::kMaxLineBytes);
    std::string line;
    char chunk[4096];
    for (;;) {
        const auto next = input.next(line);
        if (next == LineBuffer::Result::TooLong)
            return fail(
                QStringLiteral("a line on stdin is longer than %1 bytes").arg(wp::kMaxLineBytes));
        if (next == LineBuffer::Result::NeedMore) {
            const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                return kExitIoError;
            if (got == 0)
                return input.hasPartialLine() ? fail(QStringLiteral("stdin ended mid-line")) : 0;
            input.append(std::string_view(chunk, static_cast<std::size_t>(got)));
            continue;
        }
        QString error;
        const auto message = wp::decodeParentLine(line, &error);
        if (!message)
            return fail(error);
        if (std::holds_alternative<wp::QuitMessage>(*message))
            return 0;
        runJob(std::get<wp::JobMessage>(*message), crashOn);
    }
}
