// What `reqlanes-cli` was asked to do, parsed and checked from its command line. main() uses it;
// every error message here is printed as is, and means exit code 2.
#pragma once

#include "formats/fileformats.h"
#include "model/scenario.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace reqlanes::cli {

struct CliOptions {
    enum class Action { Run, List, Help, Version, Watch };
    Action action = Action::Run;
    std::vector<Scenario> scenarios; // one, or every strategy in turn for --all
    bool compare = false;            // --all: a comparison table with speed-up vs sync
    bool explain = false;            // --explain: each run's findings after the table
    QString openPath;                // --open: a saved run instead of the scenarios
    // Files to write, from the formats table's flags (--json FILE, --trace FILE, ...): a
    // format id and a path, in the table's order.
    std::vector<std::pair<QString, QString>> exports;
    ExportOptions exportOptions;
    QString summaryJsonPath; // "-" for stdout
    QString helpText;        // for Action::Help
    // Action::Watch (--watch): serve on a known port and record other programs' requests.
    struct Watch {
        int port = 8000;
        bool portGiven = false; // --port: that port or an error, no fallback
        QString bindAddress = QStringLiteral("127.0.0.1");
        int idleMs = 2000; // a session ends after this long with no request in progress
        int sessions = 0;  // stop after this many sessions; 0 = until Ctrl-C
        // `--watch -- PROGRAM ARGS`: started with the server's URL as its first argument (traced
        // when it is a Python script, see watch/tracedprogram.h); its exit ends the session and
        // reqlanes-cli exits with its status.
        QStringList program;
    } watch;

    // nullopt and a message naming the bad option or value when the command line is wrong.
    static std::optional<CliOptions> parse(const QStringList &arguments, QString *error);

    // For --all, "out.json" becomes "out-threads.json" so the runs do not overwrite each other.
    QString outputPath(const QString &path, const Scenario &scenario) const;
};

} // namespace reqlanes::cli
