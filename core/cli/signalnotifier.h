// Turns SIGINT and SIGTERM into a Qt signal on the main thread, so Ctrl-C cancels a run cleanly.
// The handler does the only async-signal-safe thing, writing the signal number to a pipe; a
// QSocketNotifier reads it in the event loop. After the first signal the default handlers are
// back, so a second Ctrl-C ends the program at once if a clean stop is not enough.
#pragma once

#include "uniquefd.h"

#include <QObject>

#include <csignal>

class QSocketNotifier;

namespace reqlanes::cli {

class SignalNotifier : public QObject {
    Q_OBJECT
public:
    explicit SignalNotifier(QObject *parent = nullptr);
    ~SignalNotifier() override; // restores the previous handlers and closes the pipe
    SignalNotifier(const SignalNotifier &) = delete;
    SignalNotifier &operator=(const SignalNotifier &) = delete;

signals:
    void signalled(int signalNumber);

private:
    void readPipe();
    void restoreHandlers();

    server::UniqueFd m_readEnd; // the self-pipe: the handler writes a byte, the loop reads it
    server::UniqueFd m_writeEnd;
    QSocketNotifier *m_notifier = nullptr;
    struct sigaction m_oldInterrupt = {};
    struct sigaction m_oldTerminate = {};
    bool m_installed = false;
};

} // namespace reqlanes::cli
