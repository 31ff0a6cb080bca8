// reqlanes-server: the slow server as a process. Parses flags, raises the descriptor limit so
// async mode can hold its 10,000 connections, prints the one "listening on" line and serves
// until SIGINT or SIGTERM.
#include "openfilelimit.h"
#include "servercommandline.h"
#include "slowserver.h"

#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

using namespace reqlanes::server;

namespace {

constexpr int kExitCannotListen = 1;
constexpr int kExitBadArguments = 2;
constexpr std::uint64_t kSpareDescriptors = 64; // listener, epoll, stdio...

// Soft limit up to the hard limit: the default 1024 would cap connections long before
// --max-connections.
void raiseDescriptorLimit(const ServerConfig &config) {
    const std::uint64_t limit = raiseOpenFileLimit();
    const std::uint64_t wanted = std::uint64_t(config.maxConnections) + kSpareDescriptors;
    if (limit != 0 && limit < wanted)
        std::cerr << "reqlanes-server: warning: the descriptor limit (" << limit
                  << ") is below --max-connections " << config.maxConnections
                  << "; connections past it are closed at once\n";
}

} // namespace

int main(int argc, char **argv) {
    const CommandLine commandLine =
        parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (commandLine.help) {
        std::cout << commandLineHelp();
        return 0;
    }
    if (commandLine.version) {
        std::cout << "reqlanes-server " REQLANES_VERSION "\n";
        return 0;
    }
    if (!commandLine.error.empty()) {
        std::cerr << "reqlanes-server: " << commandLine.error
                  << "\nTry 'reqlanes-server --help' for the options.\n";
        return kExitBadArguments;
    }
    const ServerConfig &config = commandLine.config;
    raiseDescriptorLimit(config);

    // Blocked before the I/O thread exists, so it inherits the mask and only sigwait() below
    // ever sees these signals.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    SlowServer server(config);
    std::string error;
    if (!server.start(&error)) {
        std::cerr << "reqlanes-server: " << error << "\n";
        return kExitCannotListen;
    }
    std::cerr << "reqlanes-server: " << modeName(config.mode) << " mode, "
              << (config.mode == ServerMode::Sync ? std::to_string(config.workers) + " workers, "
                                                  : std::string())
              << config.latencyMs << " ms per request (+-" << config.jitterMs << " ms)\n";
    std::cout << "listening on " << server.url() << std::endl; // endl: flushed for a pipe reader

    int received = 0;
    ::sigwait(&stopSignals, &received);
    server.stop();
    return 0;
}
