// A program started by reqlanes under watch (`reqlanes-cli --watch -- python3 script.py ARGS`,
// the app's Run → Run a script…): its command rewritten so that the script gets the watch
// server's URL as its first argument and, when it is a Python script, runs under the client-side
// tracer (`python3 -m reqlanes_trace script.py URL ARGS`, see python/reqlanes_trace). The process
// is owned: it never outlives its TracedProgram.
#pragma once

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace reqlanes::watch {

struct ProgramCommand {
    QString program;
    QStringList arguments;
    bool traced = false; // runs under python3 -m reqlanes_trace
    QProcessEnvironment environment;
};

// `command` as the user gave it, e.g. {"python3", "examples/x.py", "9"} or {"examples/x.py"}:
//  - a Python interpreter with a script (or `-m module`): traced, URL inserted after the script;
//  - a `.py` file on its own: run by python3, traced;
//  - anything else: run as it is, with the URL as its first argument (the server still sees it).
// `tracerPath` is the folder holding the reqlanes_trace package (prepended to PYTHONPATH; empty:
// python3 finds it itself, as from the Debian package). nullopt and a reason for an empty command
// or an interpreter without a script.
std::optional<ProgramCommand> programCommand(const QStringList &command, const QString &serverUrl,
                                             const QString &tracerPath, QString *error);

// The folder with reqlanes_trace next to the running program: the source tree's python/ for a
// build-tree program, the prefix's lib/python3/dist-packages for an installed one (any prefix,
// moved or not), "" when neither holds it.
QString tracerPathForThisProgram();

// The talk's example scripts offered by Run → Run a script…: the source tree's examples/ for a
// build-tree program, share/doc/reqlanes/examples beside an installed one ("" if none).
QString examplesFolderForThisProgram();
struct ExampleScript {
    QString path;    // absolute
    QString summary; // its docstring's first line, "" if none
};
std::vector<ExampleScript> exampleScripts(const QString &folder); // *.py, by name

class TracedProgram : public QObject {
    Q_OBJECT
public:
    explicit TracedProgram(QObject *parent = nullptr);
    ~TracedProgram() override; // ends the program (SIGTERM, then SIGKILL after 2 s)

    // Starts it; false and a reason if it cannot be started.
    bool start(const ProgramCommand &command, QString *error);
    bool isRunning() const;
    qint64 processId() const { return m_process.processId(); } // 0 when not running
    void terminate(); // SIGTERM now, SIGKILL if it is still there 2 s later; finished() follows
    // A one-line description for status lines: "python3 examples/x.py http://…/ 9".
    static QString displayText(const ProgramCommand &command);

signals:
    void output(const QByteArray &bytes, bool isError); // as it comes, stdout or stderr
    // exitCode is the program's; a crash reads as 128 + signal, as a shell would say.
    void finished(int exitCode, const QString &description);

private:
    QProcess m_process;
};

} // namespace reqlanes::watch
