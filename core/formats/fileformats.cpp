#include "formats/fileformats.h"

#include "formats/csvexport.h"
#include "formats/harreader.h"
#include "formats/harwriter.h"
#include "formats/otlprun.h"
#include "formats/otlpwriter.h"
#include "formats/runfile.h"
#include "formats/spanscsv.h"
#include "formats/traceexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <algorithm>

namespace reqlanes {

namespace {

QByteArray writeRunJson(const Run &run, const ExportOptions &) {
    return runToJson(run);
}

QByteArray writeTrace(const Run &run, const ExportOptions &) {
    return runToChromeTrace(run);
}

QByteArray writeCsv(const Run &run, const ExportOptions &) {
    return runToCsv(run);
}

// Options are checked where they are read (--lanes); an unknown id falls back to requests.
QByteArray writeSpans(const Run &run, const ExportOptions &options) {
    return runToSpansCsv(
        run, laneGroupingFromName(options.laneGrouping).value_or(LaneGrouping::Request));
}

QByteArray writeOtlp(const Run &run, const ExportOptions &) {
    return runToOtlpJson(run);
}

QByteArray writeHar(const Run &run, const ExportOptions &) {
    return runToHar(run);
}

std::optional<Run> readHar(const QByteArray &bytes, QString *error) {
    return runFromHar(bytes, error);
}

std::optional<Run> readHarWithProgress(const QByteArray &bytes, QString *error,
                                       const ReadProgress &progress) {
    return runFromHar(bytes, error, progress);
}

} // namespace

const std::vector<FileFormat> &fileFormats() {
    // Titles and filters are marked for the app's translations (formatTitleText in
    // app/i18n/runtext.h); the table itself, and so the CLI's --help, stays English.
    static const std::vector<FileFormat> table = {
        {QStringLiteral("json"), QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "Run file (JSON)")),
         QStringLiteral(".json"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "reqlanes run (*.json)")),
         QStringLiteral("Save the run file (JSON); reqlanes and --open read it back."),
         writeRunJson, runFromJson},
        {QStringLiteral("trace"), QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "Chrome trace")),
         QStringLiteral(".trace.json"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "Chrome trace (*.json)")),
         QStringLiteral("Save a Chrome trace (opens in Perfetto)."), writeTrace, nullptr},
        {QStringLiteral("csv"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "CSV, one row per request")),
         QStringLiteral(".csv"), QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "CSV (*.csv)")),
         QStringLiteral("Save one CSV row per request."), writeCsv, nullptr},
        {QStringLiteral("spans"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "Drawn spans (CSV)")),
         QStringLiteral(".spans.csv"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "Spans CSV (*.csv)")),
         QStringLiteral("Save what the timeline draws, one CSV row per span, for the lanes of "
                        "--lanes."),
         writeSpans, nullptr},
        {QStringLiteral("har"), QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "HAR 1.2")),
         QStringLiteral(".har"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "HTTP Archive (*.har)")),
         QStringLiteral("Save the run as HAR 1.2 (browsers' developer tools and HAR viewers open "
                        "it); --open reads browsers' and proxies' HAR files."),
         writeHar, readHar, readHarWithProgress},
        // OpenTelemetry: the Collector's file exporter output (JSON Lines) or one document.
        {QStringLiteral("otlp"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "OpenTelemetry traces (OTLP/JSON)")),
         QStringLiteral(".otlp.json"),
         QStringLiteral(QT_TRANSLATE_NOOP("FileFormat", "OpenTelemetry traces (*.json *.jsonl)")),
         QStringLiteral("Save OpenTelemetry traces as OTLP/JSON (opens in Jaeger, Tempo and "
                        "reqlanes --open)."),
         writeOtlp, runFromOtlpJson},
    };
    return table;
}

const FileFormat *findFileFormat(const QString &id) {
    for (const FileFormat &format : fileFormats())
        if (format.id == id)
            return &format;
    return nullptr;
}

const FileFormat &runFileFormat() {
    return fileFormats().front();
}

bool exportRun(const FileFormat &format, const Run &run, const ExportOptions &options,
               const QString &path, QString *error) {
    if (!format.write) {
        if (error)
            *error = QStringLiteral("%1 files cannot be written").arg(format.title);
        return false;
    }
    return writeFileAtomically(path, format.write(run, options), error);
}

std::optional<Run> openRunFile(const QString &path, QString *error, const ReadProgress &progress) {
    const auto fail = [&](const QString &reason) -> std::optional<Run> {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, reason);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    if (file.size() > kMaxRunFileBytes)
        return fail(QStringLiteral("too large to be a run file (%1 bytes)").arg(file.size()));
    const QByteArray bytes = file.readAll();

    std::vector<const FileFormat *> readers;
    for (const FileFormat &format : fileFormats())
        if (format.read && path.endsWith(format.suffix, Qt::CaseInsensitive))
            readers.push_back(&format);
    for (const FileFormat &format : fileFormats())
        if (format.read && std::find(readers.begin(), readers.end(), &format) == readers.end())
            readers.push_back(&format);
    QString firstReason;
    for (const FileFormat *format : readers) {
        QString reason;
        auto run = progress && format->readWithProgress
                       ? format->readWithProgress(bytes, &reason, progress)
                       : format->read(bytes, &reason);
        if (run)
            return run;
        if (firstReason.isEmpty())
            firstReason = reason;
    }
    return fail(firstReason);
}

QString openDialogFilter() {
    QStringList filters;
    for (const FileFormat &format : fileFormats())
        if (format.read)
            filters << QCoreApplication::translate("FileFormat",
                                                   format.filter.toUtf8().constData());
    filters << QCoreApplication::translate("FileFormat", "All files (*)");
    return filters.join(QStringLiteral(";;"));
}

} // namespace reqlanes
