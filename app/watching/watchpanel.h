// The watch controls in the side bar: the server's URL (selectable, with a Copy button), the
// Watch toggle (key W), End session, the idle gap, and the list of finished sessions (click one
// to show it; tick some and Compare, optionally next to the last strategy run), and the output of
// a script started by Run → Run a script… with its Stop button.
// Renders what WatchController says and forwards the user's actions to it.
#pragma once

#include "model/run.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace reqlanes {

namespace watch {
class WatchController;
}

class WatchPanel : public QWidget {
    Q_OBJECT
public:
    explicit WatchPanel(watch::WatchController *controller, QWidget *parent = nullptr);

    // The server's state: its URL, or why it is not up; a notice (another port) if any.
    void setServerState(const QString &url, const QString &problem, const QString &notice);
    void toggleWatching(); // the W key
    // The URL and its Copy button, for the window's toolbar (owned by the panel's parent).
    QWidget *urlBar() const { return m_urlBar; }
    QCheckBox *watchToggle() const { return m_watch; }
    QListWidget *sessionList() const { return m_sessions; }
    QPushButton *compareButton() const { return m_compare; }
    QPlainTextEdit *programOutput() const { return m_output; }
    QLabel *programState() const { return m_programState; }
    // The ticked sessions, oldest first; the last strategy run first when "next to the last run"
    // is ticked (a traced script beside the built-in strategy that does the same).
    std::vector<Run> tickedSessions() const;
    // A finished strategy run of the window's: offered to compare the sessions with.
    void setStrategyRun(const Run &run);
    QCheckBox *withStrategyRun() const { return m_withStrategyRun; }
    QString url() const { return m_url; }

signals:
    void sessionChosen(const reqlanes::Run &run);
    void sessionsCompared(const std::vector<reqlanes::Run> &runs); // "Compare sessions"

private:
    void addSession(const Run &run);
    void copyUrl();
    void programStarted(const QString &displayText);
    void appendOutput(const QByteArray &bytes, bool isError);
    void programFinished(int exitCode, const QString &description);

    watch::WatchController *m_controller;
    QString m_url;
    QWidget *m_urlBar = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_notice = nullptr;
    QPushButton *m_copy = nullptr;
    QCheckBox *m_watch = nullptr;
    QPushButton *m_end = nullptr;
    QSpinBox *m_idleGap = nullptr;
    QListWidget *m_sessions = nullptr;
    QPushButton *m_compare = nullptr;
    QCheckBox *m_withStrategyRun = nullptr; // hidden until a strategy run has finished
    Run m_strategyRun;
    // Run → Run a script…: what the program prints, and Stop; hidden until one has run.
    QLabel *m_programState = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QPushButton *m_stopProgram = nullptr;
};

} // namespace reqlanes
