// bench_watchlookup: finding a watched client's process after a burst (issue 21, watch at scale).
//
// A burst of 20,000 loopback connections, each closed by its client at once, leaves 20,000
// sockets in TIME_WAIT (the kernel keeps them 60 s). Then one client connects and the watch
// server's lookup must name its process. Measured, each the median of several:
//   - reading /proc/net/tcp and tcp6 into a table: how the inode was found before; it grows with
//     the table, and a client that exits meanwhile becomes "unknown";
//   - the kernel's exact lookup (sock_diag) of the one socket;
//   - the whole lookup (socket inode, then the owner among /proc/*/fd, then its command line).
// Goal: the whole lookup <= 5 ms with 20,000 sockets in TIME_WAIT, and it names this process.
//
// Usage: bench_watchlookup [--burst N]   (default 20000)
#include "benchfigures.h"

#include "loopback.h"
#include "watch/peerprocesslookup.h"
#include "watch/sockdiag.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

constexpr double kGoalMs = 5.0;
constexpr int kSamples = 9;

template <typename Work> double medianMs(Work work) {
    std::vector<double> samples;
    for (int i = 0; i < kSamples; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        samples.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::nth_element(samples.begin(), samples.begin() + kSamples / 2, samples.end());
    return samples[kSamples / 2];
}

std::string readWholeFile(const char *path) {
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Sockets the kernel lists (one row each, after a header line).
long socketRows() {
    long rows = 0;
    for (const char *path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        const std::string text = readWholeFile(path);
        rows += std::max<long>(0, long(std::count(text.begin(), text.end(), '\n')) - 1);
    }
    return rows;
}

} // namespace

int main(int argc, char **argv) {
    const char *usage = "usage: bench_watchlookup [--burst N]   (0..25000)";
    if (const int status = reqlanes::bench::checkArguments(argc, argv, {"--burst="}, usage);
        status >= 0)
        return status;
    int burst = 20000;
    if (argc == 3 && std::strcmp(argv[1], "--burst") == 0)
        burst = std::atoi(argv[2]);
    if (burst < 0 || burst > 25000) {
        std::fprintf(stderr, "%s\n", usage);
        return 2;
    }
    testing::Loopback loopback(AF_INET);
    if (!loopback.listening()) {
        std::fprintf(stderr, "bench_watchlookup: cannot listen on 127.0.0.1\n");
        return 1;
    }
    for (int i = 0; i < burst; ++i)
        if (!loopback.connect()) {
            std::fprintf(stderr, "bench_watchlookup: connection %d of the burst failed\n", i);
            return 1;
        }
    std::printf("after a burst of %d connections: /proc/net/tcp{,6} list %ld sockets\n", burst,
                socketRows());

    const auto client = loopback.connect();
    if (!client) {
        std::fprintf(stderr, "bench_watchlookup: the watched client could not connect\n");
        return 1;
    }
    const std::pair<Endpoint, Endpoint> peer{client->clientEnd, loopback.serverEnd()};

    const double tableMs = medianMs([] {
        PeerProcessLookup::socketTable(readWholeFile("/proc/net/tcp"));
        PeerProcessLookup::socketTable(readWholeFile("/proc/net/tcp6"));
    });
    auto diag = SockDiag::open();
    double diagMs = -1;
    if (diag) {
        diagMs = medianMs([&] {
            std::uint64_t inode = 0;
            diag->findInode(peer.first, peer.second, &inode);
        });
    }
    std::vector<PeerProcess> found;
    const double lookupMs = medianMs([&] { found = PeerProcessLookup::lookup({peer}); });
    const bool right = found.size() == 1 && found[0].processId == ::getpid();

    std::printf("%-44s %9.3f ms   (before: grows with the table)\n",
                "read /proc/net/tcp{,6} into a table", tableMs);
    if (diag)
        std::printf("%-44s %9.3f ms\n", "sock_diag exact lookup of the socket", diagMs);
    else
        std::printf("%-44s %12s   (no NETLINK_SOCK_DIAG here)\n",
                    "sock_diag exact lookup of the socket", "n/a");
    std::printf("%-44s %9.3f ms   goal <= %.0f ms   %s\n", "whole lookup (inode, owner, command)",
                lookupMs, kGoalMs, lookupMs <= kGoalMs ? "met" : "NOT MET");
    std::printf("%-44s %12s\n", "names this process", right ? "yes" : "NO");
    return right ? 0 : 1;
}
