// The command-line options that describe a scenario's load and server (--n, --limit, --workers,
// --latency-ms, --jitter-ms, --server-mode, --timeout-ms, --target), shared by reqlanes-cli and
// the app so both spell, document and check them the same way. --strategy stays with each
// front end: the CLI pairs it with --all, the app lists the ids in its help.
#pragma once

#include "model/scenario.h"

#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace reqlanes {

// parser.parse(arguments), refusing positional arguments too: neither front end takes any.
// False and Qt's or our message otherwise.
bool parseArguments(QCommandLineParser &parser, const QStringList &arguments, QString *error);

// What both front ends do first: parseArguments(), then --help (also Qt's --help-all) and
// --version, which end the parse, else the scenario options (scenarioFromOptions). nullopt and
// the message when any of it fails. Help carries scenarioHelpText().
struct FrontEndStart {
    enum class Action { Continue, Help, Version };
    Action action = Action::Continue;
    QString helpText;
    Scenario scenario;          // with Continue: what the scenario options say
    bool scenarioGiven = false; // with Continue: whether the command line gave any of them
};
std::optional<FrontEndStart> startParse(QCommandLineParser &parser, const QStringList &arguments,
                                        QString *error);

// A front end's refusal of its command line: sets *error (when given) and returns no options.
template <typename Options>
std::optional<Options> refuseOptions(QString *error, const QString &reason) {
    if (error)
        *error = reason;
    return std::nullopt;
}

// Adds the options, each defaulting to Scenario{}'s value.
void addScenarioOptions(QCommandLineParser &parser);

// The scenario the options describe (strategy left at Scenario{}'s), or nullopt and a message
// naming the option: a value that is not a whole number, an unknown server mode, a target that
// is not a plain http:// URL, or a value out of validateScenario's range.
std::optional<Scenario> scenarioFromOptions(const QCommandLineParser &parser, QString *error);

// Whether the command line gave any of them.
bool scenarioOptionsGiven(const QCommandLineParser &parser);

// parser.helpText() with the one-letter option spelled "--n", as the docs and examples write
// it: Qt accepts both "-n 9" and "--n 9" but prints single letters with one dash.
QString scenarioHelpText(const QCommandLineParser &parser);

} // namespace reqlanes
