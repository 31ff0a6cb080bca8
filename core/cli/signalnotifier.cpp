#include "cli/signalnotifier.h"

#include <QSocketNotifier>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace reqlanes::cli {

namespace {

// The handler's only state: where to write. One SignalNotifier per process.
volatile std::sig_atomic_t g_writeFd = -1;

void onSignal(int signalNumber) {
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // A full pipe means a signal is already waiting to be read: dropping this one is fine.
    [[maybe_unused]] const auto written = ::write(g_writeFd, &byte, 1);
    errno = savedErrno;
}

} // namespace

SignalNotifier::SignalNotifier(QObject *parent)
    : QObject(parent) {
    int ends[2] = {-1, -1};
    if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0)
        return; // no pipe, no clean cancel: the default handlers still end the program
    m_readEnd.reset(ends[0]);
    m_writeEnd.reset(ends[1]);
    g_writeFd = m_writeEnd.get();
    m_notifier = new QSocketNotifier(m_readEnd.get(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalNotifier::readPipe);

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &m_oldInterrupt);
    ::sigaction(SIGTERM, &action, &m_oldTerminate);
    m_installed = true;
}

SignalNotifier::~SignalNotifier() {
    restoreHandlers();
    g_writeFd = -1; // the pipe closes after this, once no handler can write to it
}

void SignalNotifier::restoreHandlers() {
    if (!m_installed)
        return;
    ::sigaction(SIGINT, &m_oldInterrupt, nullptr);
    ::sigaction(SIGTERM, &m_oldTerminate, nullptr);
    m_installed = false;
}

void SignalNotifier::readPipe() {
    unsigned char byte = 0;
    while (::read(m_readEnd.get(), &byte, 1) == 1) {
        restoreHandlers();
        emit signalled(int(byte));
    }
}

} // namespace reqlanes::cli
