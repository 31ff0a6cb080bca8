#include "watch/tracedprogram.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

namespace reqlanes::watch {

namespace {

constexpr int kTerminateGraceMs = 2000;
const QString kTracerModule = QStringLiteral("reqlanes_trace");

bool isPythonInterpreter(const QString &program) {
    static const QRegularExpression python(QStringLiteral("^python(3(\\.\\d+)?)?$"));
    return python.match(QFileInfo(program).fileName()).hasMatch();
}

QProcessEnvironment environmentFor(const QString &serverUrl, const QString &tracerPath) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Where the tracer sends its events, even before the script's first response says so.
    environment.insert(QStringLiteral("REQLANES_TRACE_URL"), serverUrl);
    // Output as it happens, not when a pipe's buffer fills.
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    if (!tracerPath.isEmpty()) {
        const QString existing = environment.value(QStringLiteral("PYTHONPATH"));
        environment.insert(QStringLiteral("PYTHONPATH"),
                           existing.isEmpty() ? tracerPath
                                              : tracerPath + QDir::listSeparator() + existing);
    }
    return environment;
}

} // namespace

std::optional<ProgramCommand> programCommand(const QStringList &command, const QString &serverUrl,
                                             const QString &tracerPath, QString *error) {
    const auto fail = [error](const QString &reason) -> std::optional<ProgramCommand> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (command.isEmpty() || command.front().isEmpty())
        return fail(QCoreApplication::translate("TracedProgram", "no program to run"));
    ProgramCommand result;
    result.environment = environmentFor(serverUrl, tracerPath);
    const QString &first = command.front();
    if (isPythonInterpreter(first)) {
        // python3 [interpreter options] (script.py | -m module) ARGS: the tracer goes in front of
        // the script, the URL after it.
        int at = 1;
        QStringList options;
        while (at < command.size() && command[at].startsWith(QLatin1Char('-')) &&
               command[at] != QLatin1String("-m")) {
            if (command[at] == QLatin1String("-c"))
                return fail(QCoreApplication::translate(
                    "TracedProgram", "python3 -c cannot be traced: give a script or -m"));
            // The options that take a value as the next word (python3 --help).
            const bool takesValue =
                command[at] == QLatin1String("-X") || command[at] == QLatin1String("-W");
            options << command[at++];
            if (takesValue && at < command.size())
                options << command[at++];
        }
        if (at >= command.size())
            return fail(QCoreApplication::translate("TracedProgram", "%1 needs a script to run")
                            .arg(first));
        const bool module = command[at] == QLatin1String("-m");
        if (module && at + 1 >= command.size())
            return fail(QCoreApplication::translate("TracedProgram", "-m needs a module name"));
        const int scriptEnd = module ? at + 2 : at + 1;
        result.program = first;
        result.arguments = options;
        result.arguments << QStringLiteral("-m") << kTracerModule << command.mid(at, scriptEnd - at)
                         << serverUrl << command.mid(scriptEnd);
        result.traced = true;
        return result;
    }
    if (first.endsWith(QLatin1String(".py"))) {
        result.program = QStringLiteral("python3");
        result.arguments << QStringLiteral("-m") << kTracerModule << first << serverUrl
                         << command.mid(1);
        result.traced = true;
        return result;
    }
    result.program = first;
    result.arguments << serverUrl << command.mid(1);
    return result;
}

namespace {

// This program's source tree when it runs from its build tree (tests, ./scripts/run), else "".
QString sourceTreeOfThisProgram() {
#ifdef REQLANES_SOURCE_DIR
    if (QFileInfo(QCoreApplication::applicationDirPath())
            .absoluteFilePath()
            .startsWith(QStringLiteral(REQLANES_BUILD_DIR)))
        return QStringLiteral(REQLANES_SOURCE_DIR);
#endif
    return {};
}

} // namespace

QString tracerPathForThisProgram() {
    const QString source = sourceTreeOfThisProgram();
    if (!source.isEmpty() && QFileInfo::exists(source + QStringLiteral("/python/") + kTracerModule))
        return source + QStringLiteral("/python");
#ifdef REQLANES_INSTALLED_PYTHON
    // bin/ and lib/ are siblings under any prefix: a prefix other than /usr (~/.local, /opt/...)
    // is not on python3's path, so the script gets it on its PYTHONPATH.
    const QString installed =
        QDir(QCoreApplication::applicationDirPath())
            .absoluteFilePath(QStringLiteral("../") + QStringLiteral(REQLANES_INSTALLED_PYTHON));
    if (QFileInfo::exists(installed + QLatin1Char('/') + kTracerModule))
        return QDir::cleanPath(installed);
#endif
    return {};
}

QString examplesFolderForThisProgram() {
    const QString source = sourceTreeOfThisProgram();
    if (!source.isEmpty())
        return source + QStringLiteral("/examples");
#ifdef REQLANES_INSTALLED_EXAMPLES
    // bin/ and share/ are siblings under any prefix (GNUInstallDirs' relative DOCDIR).
    const QString installed =
        QDir(QCoreApplication::applicationDirPath())
            .absoluteFilePath(QStringLiteral("../") + QStringLiteral(REQLANES_INSTALLED_EXAMPLES));
    if (QFileInfo::exists(installed))
        return QDir::cleanPath(installed);
#endif
    return {};
}

std::vector<ExampleScript> exampleScripts(const QString &folder) {
    std::vector<ExampleScript> examples;
    if (folder.isEmpty())
        return examples;
    const QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
        ExampleScript example{dir.absoluteFilePath(name), {}};
        QFile file(example.path);
        // The docstring's first line: every example begins with one.
        if (file.open(QIODevice::ReadOnly)) {
            for (int line = 0; line < 10 && !file.atEnd(); ++line) {
                const QString text = QString::fromUtf8(file.readLine()).trimmed();
                if (text.startsWith(QLatin1String("\"\"\""))) {
                    example.summary = text.mid(3).remove(QStringLiteral("\"\"\"")).trimmed();
                    break;
                }
            }
        }
        examples.push_back(std::move(example));
    }
    return examples;
}

TracedProgram::TracedProgram(QObject *parent)
    : QObject(parent) {
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { emit output(m_process.readAllStandardOutput(), false); });
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { emit output(m_process.readAllStandardError(), true); });
    connect(&m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                if (status == QProcess::CrashExit) {
                    // QProcess does not give the signal; the exit code field holds it on Unix.
                    emit finished(128 + exitCode,
                                  QCoreApplication::translate("TracedProgram", "ended by signal %1")
                                      .arg(exitCode));
                    return;
                }
                emit finished(exitCode,
                              QCoreApplication::translate("TracedProgram", "exited with status %1")
                                  .arg(exitCode));
            });
}

TracedProgram::~TracedProgram() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(kTerminateGraceMs)) {
        m_process.kill();
        m_process.waitForFinished(kTerminateGraceMs);
    }
}

bool TracedProgram::start(const ProgramCommand &command, QString *error) {
    m_process.setProcessEnvironment(command.environment);
    m_process.setProgram(command.program);
    m_process.setArguments(command.arguments);
    m_process.start();
    if (!m_process.waitForStarted()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(command.program, m_process.errorString());
        return false;
    }
    return true;
}

void TracedProgram::terminate() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    QTimer::singleShot(kTerminateGraceMs, &m_process, [this] {
        if (m_process.state() != QProcess::NotRunning)
            m_process.kill();
    });
}

bool TracedProgram::isRunning() const {
    return m_process.state() != QProcess::NotRunning;
}

QString TracedProgram::displayText(const ProgramCommand &command) {
    QStringList words{command.program};
    for (const QString &argument : command.arguments)
        words << (argument.contains(QLatin1Char(' '))
                      ? QLatin1Char('"') + argument + QLatin1Char('"')
                      : argument);
    return words.join(QLatin1Char(' '));
}

} // namespace reqlanes::watch
