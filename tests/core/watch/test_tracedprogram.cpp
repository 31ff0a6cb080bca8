// A program started under watch: its command line (the URL first, a Python script traced), and
// the real process it becomes (output, exit status, never left running).
#include "watch/tracedprogram.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <csignal>

#include <signal.h>

#include "qtcoreenvironment.h"

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:8000/");

QStringList words(const char *text) {
    return QString::fromLatin1(text).split(QLatin1Char(' '));
}

} // namespace

TEST(ProgramCommand, APythonScriptRunsTracedWithTheUrlAsItsFirstArgument) {
    QString error;
    const auto command = programCommand(words("python3 examples/x.py 9 3"), kUrl,
                                        QStringLiteral("/src/python"), &error);
    ASSERT_TRUE(command) << error.toStdString();
    EXPECT_TRUE(command->traced);
    EXPECT_EQ(command->program, QStringLiteral("python3"));
    EXPECT_EQ(command->arguments,
              QStringList({"-m", "reqlanes_trace", "examples/x.py", kUrl, "9", "3"}));
    EXPECT_EQ(command->environment.value(QStringLiteral("REQLANES_TRACE_URL")), kUrl);
    EXPECT_TRUE(command->environment.value(QStringLiteral("PYTHONPATH"))
                    .startsWith(QStringLiteral("/src/python")));
}

TEST(ProgramCommand, InterpreterOptionsStayInFrontAndAModuleIsTracedToo) {
    QString error;
    const auto withOptions =
        programCommand(words("/usr/bin/python3.11 -X dev x.py a"), kUrl, {}, &error);
    ASSERT_TRUE(withOptions) << error.toStdString();
    EXPECT_EQ(withOptions->arguments,
              QStringList({"-X", "dev", "-m", "reqlanes_trace", "x.py", kUrl, "a"}));
    const auto module = programCommand(words("python3 -m http.client b"), kUrl, {}, &error);
    ASSERT_TRUE(module) << error.toStdString();
    EXPECT_EQ(module->arguments,
              QStringList({"-m", "reqlanes_trace", "-m", "http.client", kUrl, "b"}));
    // Installed: no PYTHONPATH of ours, python3 finds the package itself.
    EXPECT_EQ(module->environment.value(QStringLiteral("PYTHONPATH")),
              QProcessEnvironment::systemEnvironment().value(QStringLiteral("PYTHONPATH")));
}

TEST(ProgramCommand, AScriptOnItsOwnRunsUnderPython3AndOtherProgramsRunAsTheyAre) {
    QString error;
    const auto script = programCommand(words("examples/x.py 9"), kUrl, {}, &error);
    ASSERT_TRUE(script) << error.toStdString();
    EXPECT_EQ(script->program, QStringLiteral("python3"));
    EXPECT_TRUE(script->traced);
    const auto other = programCommand(words("curl -s"), kUrl, {}, &error);
    ASSERT_TRUE(other) << error.toStdString();
    EXPECT_FALSE(other->traced);
    EXPECT_EQ(other->program, QStringLiteral("curl"));
    EXPECT_EQ(other->arguments, QStringList({kUrl, "-s"}));
}

TEST(ProgramCommand, NothingToRunIsAClearError) {
    QString error;
    EXPECT_FALSE(programCommand({}, kUrl, {}, &error));
    EXPECT_EQ(error, QStringLiteral("no program to run"));
    EXPECT_FALSE(programCommand(words("python3 -u"), kUrl, {}, &error));
    EXPECT_EQ(error, QStringLiteral("python3 needs a script to run"));
    EXPECT_FALSE(programCommand(words("python3 -m"), kUrl, {}, &error));
    EXPECT_EQ(error, QStringLiteral("-m needs a module name"));
    EXPECT_FALSE(programCommand(words("python3 -c pass"), kUrl, {}, &error));
    EXPECT_EQ(error, QStringLiteral("python3 -c cannot be traced: give a script or -m"));
}

TEST(TracedProgram, PassesOutputThroughAndKeepsTheExitStatus) {
    ProgramCommand command;
    command.program = QStringLiteral("/bin/sh");
    command.arguments = {QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 3")};
    command.environment = QProcessEnvironment::systemEnvironment();
    TracedProgram program;
    QByteArray out, err;
    QObject::connect(&program, &TracedProgram::output, [&](const QByteArray &bytes, bool isError) {
        (isError ? err : out) += bytes;
    });
    QSignalSpy finished(&program, &TracedProgram::finished);
    QString error;
    ASSERT_TRUE(program.start(command, &error)) << error.toStdString();
    ASSERT_TRUE(finished.wait(30'000));
    EXPECT_EQ(finished.front().at(0).toInt(), 3);
    EXPECT_EQ(out, QByteArray("out\n"));
    EXPECT_EQ(err, QByteArray("err\n"));
}

TEST(TracedProgram, AProgramThatDoesNotExistIsAClearError) {
    ProgramCommand command;
    command.program = QStringLiteral("/nonexistent/program");
    command.environment = QProcessEnvironment::systemEnvironment();
    TracedProgram program;
    QString error;
    EXPECT_FALSE(program.start(command, &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("/nonexistent/program: "))) << error.toStdString();
}

TEST(TracedProgram, IsEndedWhenItGoesAway) {
    ProgramCommand command;
    command.program = QStringLiteral("/bin/sleep");
    command.arguments = {QStringLiteral("60")};
    command.environment = QProcessEnvironment::systemEnvironment();
    qint64 pid = 0;
    {
        TracedProgram program;
        QString error;
        ASSERT_TRUE(program.start(command, &error)) << error.toStdString();
        ASSERT_TRUE(program.isRunning());
        pid = program.processId();
    }
    // The destructor terminated and reaped it: no such process any more.
    ASSERT_GT(pid, 0);
    EXPECT_NE(::kill(pid_t(pid), 0), 0);
}
