#include "cli/clisession.h"

#include "cli/runsummary.h"
#include "cli/summarytable.h"
#include "formats/fileformats.h"
#include "formats/runfile.h"
#include "results/findings.h"
#include "results/runproblems.h"
#include "results/runstats.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>

namespace reqlanes::cli {

namespace {

constexpr int kProgressIntervalMs = 100;

void print(std::FILE *stream, const QString &text) {
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString signalName(int signalNumber) {
    return signalNumber == SIGINT    ? QStringLiteral("SIGINT")
           : signalNumber == SIGTERM ? QStringLiteral("SIGTERM")
                                     : QStringLiteral("signal %1").arg(signalNumber);
}

} // namespace

CliSession::CliSession(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_terminal(::isatty(STDERR_FILENO) == 1) {
    connect(&m_runner, &Runner::finished, this, &CliSession::runFinished);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &CliSession::showProgress);
}

void CliSession::start() {
    if (!m_options.openPath.isEmpty()) {
        showSavedRun();
        return;
    }
    if (m_terminal)
        m_progressTimer.start();
    startNext();
}

void CliSession::showSavedRun() {
    QString error;
    std::optional<Run> run = openRunFile(m_options.openPath, &error);
    if (!run) {
        // openRunFile only reads: the file stays as it was.
        print(stderr, QStringLiteral("reqlanes-cli: %1\n").arg(error));
        emit done(kExitFailed);
        return;
    }
    m_runs.push_back(std::move(*run));
    writeExports(m_runs.back());
    report();
}

void CliSession::interrupt(int signalNumber) {
    if (m_signal != 0)
        return;
    m_signal = signalNumber;
    // finished() follows within 200 ms and reports; nothing is running between runs.
    if (m_runner.isRunning())
        m_runner.cancel();
}

void CliSession::startNext() {
    while (m_signal == 0 && m_next < m_options.scenarios.size()) {
        const Scenario &scenario = m_options.scenarios[m_next++];
        QString error;
        if (m_runner.start(scenario, &error))
            return;
        // Refused up front (e.g. more descriptors than the limit): a failed row in the summary,
        // its reason under the table, and --all goes on with the next strategy, as the Compare
        // view does.
        m_runs.push_back(refusedRun(scenario, error));
    }
    report();
}

void CliSession::runFinished() {
    clearProgress();
    m_runs.push_back(m_runner.snapshot());
    writeExports(m_runs.back());
    startNext();
}

void CliSession::showProgress() {
    if (!m_runner.isRunning())
        return;
    const Run run = m_runner.snapshot();
    print(stderr, QStringLiteral("\r\033[K[%1/%2] %3: %4/%5 finished, %6 s")
                      .arg(m_next)
                      .arg(m_options.scenarios.size())
                      .arg(run.scenario.strategy)
                      .arg(run.finishedCount())
                      .arg(run.requests.size())
                      .arg(nanosToSeconds(run.elapsed), 0, 'f', 1));
}

void CliSession::clearProgress() {
    if (m_terminal)
        print(stderr, QStringLiteral("\r\033[K"));
}

void CliSession::writeExports(const Run &run) {
    for (const auto &[id, path] : m_options.exports) {
        QString error;
        if (!exportRun(*findFileFormat(id), run, m_options.exportOptions,
                       m_options.outputPath(path, run.scenario), &error)) {
            print(stderr, QStringLiteral("reqlanes-cli: %1\n").arg(error));
            m_writeFailed = true;
        }
    }
}

void CliSession::report() {
    m_progressTimer.stop();
    clearProgress();

    SummaryTable table;
    QJsonArray summaries;
    QStringList problems;
    for (const Run &run : m_runs) {
        const RunStats stats = computeStats(run);
        table.addRun(run, stats);
        summaries.append(summaryJson(run, stats));
        const QString prefix =
            m_options.compare ? run.scenario.strategy + QStringLiteral(": ") : QString();
        if (!run.error.isEmpty())
            problems << prefix + QStringLiteral("run failed: ") + run.error;
        for (const QString &reason : failureLines(run))
            if (run.error.isEmpty() || !reason.endsWith(run.error)) // said once is enough
                problems << prefix + reason;
    }

    const bool summaryToStdout = m_options.summaryJsonPath == QLatin1String("-");
    print(summaryToStdout ? stderr : stdout, table.text());
    if (m_options.explain)
        print(summaryToStdout ? stderr : stdout, explanationText());
    if (!m_options.summaryJsonPath.isEmpty()) {
        const QJsonDocument document = m_options.compare || m_runs.size() != 1
                                           ? QJsonDocument(summaries)
                                           : QJsonDocument(summaries.first().toObject());
        const QByteArray json = document.toJson(QJsonDocument::Indented);
        QString error;
        if (summaryToStdout)
            print(stdout, QString::fromUtf8(json));
        else if (!writeFileAtomically(m_options.summaryJsonPath, json, &error)) {
            problems << error;
            m_writeFailed = true;
        }
    }
    for (const QString &problem : problems)
        print(stderr, problem + QLatin1Char('\n'));
    if (m_signal != 0 && !m_runs.empty()) {
        const Run &last = m_runs.back();
        print(stderr, QStringLiteral("cancelled by %1: %2 of %3 %4 requests had succeeded\n")
                          .arg(signalName(m_signal))
                          .arg(last.okCount())
                          .arg(last.requests.size())
                          .arg(last.scenario.strategy));
    }
    emit done(exitCode());
}

QString CliSession::explanationText() const {
    QString text;
    for (const Run &run : m_runs)
        text += reqlanes::cli::explanationText(run);
    return text;
}

int CliSession::exitCode() const {
    if (m_signal != 0)
        return 128 + m_signal; // the shell's convention: 130 for Ctrl-C
    if (m_writeFailed)
        return kExitFailed;
    for (const Run &run : m_runs)
        if (!run.error.isEmpty() || run.okCount() != int(run.requests.size()))
            return kExitFailed;
    return kExitOk;
}

} // namespace reqlanes::cli
