#include "run/filelimit.h"

#include "run/strategy.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <limits>

namespace reqlanes {

namespace {

constexpr std::uint64_t kReserve = 64;
// Qt 6.4's QNetworkAccessManager opens at most 6 connections per host (the lesson of `qnam`).
constexpr int kQnamConnections = 6;
// A worker process holds its own client socket; here it costs its two pipes and a pidfd.
constexpr std::uint64_t kPerWorkerProcess = 3;

} // namespace

std::uint64_t openFilesNeeded(const Scenario &scenario, const StrategyInfo &strategy) {
    int inFlight = clientConcurrency(strategy, scenario);
    if (strategy.id == QLatin1String("qnam"))
        inFlight = std::min(inFlight, kQnamConnections);
    const std::uint64_t requests = std::uint64_t(std::max(inFlight, 1));
    const std::uint64_t serverSide = scenario.usesEmbeddedServer() ? requests : 0;
    const std::uint64_t clientSide =
        strategy.id == QLatin1String("processes") ? requests * kPerWorkerProcess : requests;
    return kReserve + clientSide + serverSide;
}

OpenFileBudget openFileBudget(const Scenario &scenario, const StrategyInfo &strategy,
                              std::uint64_t hardLimit) {
    return {openFilesNeeded(scenario, strategy), hardLimit};
}

QString openFileLimitError(const Scenario &scenario, const StrategyInfo &strategy,
                           std::uint64_t hardLimit) {
    const OpenFileBudget budget = openFileBudget(scenario, strategy, hardLimit);
    if (budget.fits())
        return {};
    const std::uint64_t needed = budget.needed;
    // Translated where a translator is installed (the window: a refused Compare row, the start
    // error); the CLI has none and stays English.
    return QCoreApplication::translate(
               "FileLimit",
               "N=%1 with %2 needs ~%3 open files%4, the hard limit is %5; raise it "
               "with ulimit -Hn (or in /etc/security/limits.conf), or run fewer requests at once")
        .arg(scenario.n)
        .arg(strategy.id)
        .arg(needed)
        .arg(scenario.usesEmbeddedServer()
                 ? QCoreApplication::translate("FileLimit",
                                               " (a client and a server socket per request)")
                 : QString())
        .arg(hardLimit);
}

void reserveDescriptorTable(std::uint64_t descriptors) {
    rlimit limit{};
    if (descriptors <= kReserve || ::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    const std::uint64_t highest =
        std::min<std::uint64_t>({descriptors, limit.rlim_cur, std::uint64_t(INT_MAX)}) - 1;
    const int source = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (source < 0)
        return;
    // The lowest free descriptor at or above `highest`: the table grows to hold it, once.
    const int probe = ::fcntl(source, F_DUPFD_CLOEXEC, int(highest));
    if (probe >= 0)
        ::close(probe);
    ::close(source);
}

} // namespace reqlanes
