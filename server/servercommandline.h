// The reqlanes-server command line: flags to a ServerConfig, and the --help text. Kept in the
// library, apart from main(), so its rules are unit-tested without spawning processes.
#pragma once

#include "serverconfig.h"

#include <string>
#include <vector>

namespace reqlanes::server {

struct CommandLine {
    ServerConfig config;
    bool help = false;    // --help: print commandLineHelp() and exit 0
    bool version = false; // --version: print the program's version and exit 0
    std::string error;    // non-empty: print it and exit 2
};

// `arguments` excludes the program name. Accepts "--flag value" and "--flag=value"; the last
// occurrence of a flag wins. Values are checked with validate(), so messages match the library's.
CommandLine parseCommandLine(const std::vector<std::string> &arguments);
std::string commandLineHelp();

} // namespace reqlanes::server
