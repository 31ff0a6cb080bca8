// Every file format reqlanes writes or reads, as one table: reqlanes-cli's output flags
// (--json, --trace, --csv, ...) and the app's File menu (Save run, Export ..., Open run) are both
// generated from it. A new format is a writer (and maybe a reader) plus one row in
// fileformats.cpp. Images (PNG, SVG, PDF) are the app's own: they need widgets.
#pragma once

#include "model/run.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace reqlanes {

// What a writer may need besides the run: formats of "what is drawn" depend on the lanes.
struct ExportOptions {
    QString laneGrouping = QStringLiteral("request"); // a lane grouping id
};

// Called now and then while a file is read: bytes done of total. From the reading thread.
using ReadProgress = std::function<void(qsizetype done, qsizetype total)>;

struct FileFormat {
    QString id;      // the CLI flag without dashes, and how code names the format: "trace"
    QString title;   // in menus, dialogs and --help: "Chrome trace" (English; the app translates)
    QString suffix;  // appended to a suggested file name: ".trace.json"
    QString filter;  // a file dialog filter: "Chrome trace (*.json)"
    QString cliHelp; // the CLI flag's help: "Save a Chrome trace (opens in Perfetto)."
    // The file's bytes, all or nothing; nullptr when the format is read only.
    QByteArray (*write)(const Run &run, const ExportOptions &options) = nullptr;
    // A run back from the bytes, or nullopt and a reason; nullptr when it cannot be opened.
    std::optional<Run> (*read)(const QByteArray &bytes, QString *error) = nullptr;
    // The same, saying now and then how far it got (bytes of the file read, of how many): for a
    // reader of recordings large enough to take seconds (HAR). nullptr: `read` only.
    std::optional<Run> (*readWithProgress)(const QByteArray &bytes, QString *error,
                                           const ReadProgress &progress) = nullptr;
};

// In menu order; the first row is reqlanes' own run file.
const std::vector<FileFormat> &fileFormats();
const FileFormat *findFileFormat(const QString &id); // nullptr if unknown
const FileFormat &runFileFormat();                   // the run JSON row

// Writes `format` of `run` to `path` atomically; false and a reason on failure (the old file
// stays untouched).
bool exportRun(const FileFormat &format, const Run &run, const ExportOptions &options,
               const QString &path, QString *error);
// Opens a file of a readable format: the one whose suffix the path ends with, else each reader
// in turn. nullopt and "PATH: reason" (the run file reader's reason when no reader fits).
// `progress`, if given, hears how far a reader with readWithProgress got.
std::optional<Run> openRunFile(const QString &path, QString *error,
                               const ReadProgress &progress = {});
// The open dialog's filters: every readable format, then "All files (*)"; in the app's language
// where a translator is installed (only the app's dialog reads it).
QString openDialogFilter();

} // namespace reqlanes
