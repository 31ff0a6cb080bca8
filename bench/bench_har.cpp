// bench_har: opening a large browser recording. Writes a Chrome-shaped HAR of 100,000 entries
// (10 hosts, 6 connections each, a dozen headers per request and response, like a long DevTools
// session), then measures, each in its own process: `reqlanes-cli --open big.har` and the window
// opening it (`reqlanes --open big.har --screenshot`, offscreen): wall time and peak RSS. Goal
// (issue 19, within the scale issue's memory goal): the window at 100k entries <= 300 MiB.
//
//   bench_har [--entries N] [--keep FILE]    --keep: write the HAR there and leave it
#include "benchfigures.h"

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

constexpr int kHosts = 10;
constexpr int kConnectionsPerHost = 6;

QByteArray header(const char *name, const QByteArray &value) {
    return QByteArray("{\"name\":\"") + name + "\",\"value\":\"" + value + "\"}";
}

// One DevTools-shaped entry; `i` spreads it over hosts, connections and time (a request every
// 2 ms, each taking 40-130 ms).
QByteArray entry(int i) {
    const int host = i % kHosts;
    const int connection = host * 100 + (i / kHosts) % kConnectionsPerHost;
    const long long startMs = 1'764'000'000'000LL + 2LL * i;
    const QByteArray url = "https://host" + QByteArray::number(host) + ".example.com/assets/" +
                           QByteArray::number(i) + ".js?v=1";
    const double wait = 30 + (i % 7) * 12.5, receive = 5 + (i % 5) * 3.25;
    const long long seconds = startMs / 1000;
    char started[64];
    const time_t t = time_t(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::snprintf(started, sizeof started, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ",
                  tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  startMs % 1000);
    QByteArray requestHeaders =
        header("Accept", "*/*") + "," + header("Accept-Encoding", "gzip, deflate, br") + "," +
        header("Accept-Language", "en-US,en;q=0.9") + "," +
        header("Referer", "https://www.example.com/") + "," + header("Sec-Fetch-Mode", "no-cors") +
        "," + header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Test/1.0");
    QByteArray responseHeaders = header("Cache-Control", "max-age=3600") + "," +
                                 header("Content-Encoding", "br") + "," +
                                 header("Content-Type", "text/javascript") + "," +
                                 header("Date", "Mon, 24 Nov 2025 16:00:00 GMT") + "," +
                                 header("ETag", "\\\"abc" + QByteArray::number(i) + "\\\"") + "," +
                                 header("Server-Timing", "app;dur=" + QByteArray::number(wait / 2));
    return "{\"_initiator\":{\"type\":\"script\"},\"_priority\":\"Low\",\"_resourceType\":"
           "\"script\",\"cache\":{},\"connection\":\"" +
           QByteArray::number(connection) +
           "\",\"pageref\":\"page_1\",\"request\":{\"method\":\"GET\",\"url\":\"" + url +
           "\",\"httpVersion\":\"http/1.1\",\"headers\":[" + requestHeaders +
           "],\"queryString\":[{\"name\":\"v\",\"value\":\"1\"}],\"cookies\":[],\"headersSize\":"
           "420,\"bodySize\":0},\"response\":{\"status\":200,\"statusText\":\"OK\","
           "\"httpVersion\":\"http/1.1\",\"headers\":[" +
           responseHeaders +
           "],\"cookies\":[],\"content\":{\"size\":20480,\"mimeType\":\"text/javascript\"},"
           "\"redirectURL\":\"\",\"headersSize\":300,\"bodySize\":6000,\"_transferSize\":6300,"
           "\"_error\":null},\"serverIPAddress\":\"192.0.2." +
           QByteArray::number(10 + host) + "\",\"startedDateTime\":\"" + started +
           "\",\"time\":" + QByteArray::number(1.5 + 0.2 + wait + receive) +
           ",\"timings\":{\"blocked\":1.5,\"dns\":-1,\"ssl\":-1,\"connect\":-1,\"send\":0.2,"
           "\"wait\":" +
           QByteArray::number(wait) + ",\"receive\":" + QByteArray::number(receive) +
           ",\"_blocked_queueing\":0.5}}";
}

bool writeHar(const QString &path, int entries) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\",\"version\":"
               "\"537.36\"},\"pages\":[{\"startedDateTime\":\"2025-11-24T16:00:00.000Z\",\"id\":"
               "\"page_1\",\"title\":\"https://www.example.com/\",\"pageTimings\":{}}],"
               "\"entries\":[\n");
    for (int i = 0; i < entries; ++i) {
        file.write(entry(i));
        file.write(i + 1 < entries ? ",\n" : "\n");
    }
    file.write("]}}\n");
    return file.error() == QFileDevice::NoError;
}

struct Measured {
    double wallS = 0;
    long maxRssKiB = 0;
    int exitCode = -1;
};

// Runs a program in a process of its own and reads its peak RSS from wait4's rusage.
Measured measure(const std::vector<std::string> &command) {
    Measured measured;
    std::fflush(stdout); // or the child's copy of the buffer prints it again
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char *> argv;
        for (const std::string &argument : command)
            argv.push_back(const_cast<char *>(argument.c_str()));
        argv.push_back(nullptr);
        if (!std::freopen("/dev/null", "w", stdout))
            _exit(127);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (pid > 0 && wait4(pid, &status, 0, &usage) == pid) {
        measured.maxRssKiB = usage.ru_maxrss;
        measured.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    measured.wallS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return measured;
}

// The peak resident memory a 100k-entry file may cost a program that opens it (issue 21's
// window goal at 100,000 requests).
constexpr double kRssGoalMiB = 300;

void print(const char *what, const Measured &m) {
    const double mib = m.maxRssKiB / 1024.0;
    std::printf("%-34s %7.2f s  %7.1f MiB  goal <= %.0f MiB  %s  (exit %d)\n", what, m.wallS, mib,
                kRssGoalMiB, reqlanes::bench::mark(mib <= kRssGoalMiB), m.exitCode);
}

} // namespace

int main(int argc, char **argv) {
    if (const int status = reqlanes::bench::checkArguments(
            argc, argv, {"--entries=", "--keep="}, "usage: bench_har [--entries N] [--keep FILE]");
        status >= 0)
        return status;
    int entries = 100'000;
    QString keep;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--entries") && i + 1 < argc)
            entries = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc)
            keep = QString::fromLocal8Bit(argv[++i]);
    }
    QTemporaryDir dir;
    const QString path = keep.isEmpty() ? dir.filePath(QStringLiteral("big.har")) : keep;
    if (!writeHar(path, entries)) {
        std::fprintf(stderr, "bench_har: cannot write %s\n", qPrintable(path));
        return 1;
    }
    std::printf("%d entries, %.1f MiB of HAR\n", entries, QFile(path).size() / 1048576.0);
    const std::string file = path.toStdString();
    print("reqlanes-cli --open", measure({REQLANES_CLI_PATH, "--open", file}));
#ifdef REQLANES_APP_PATH
    // The window opens it, lays it out and draws it once (offscreen), then exits.
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
    const std::string png = dir.filePath(QStringLiteral("window.png")).toStdString();
    print("reqlanes --open (window)", measure({REQLANES_APP_PATH, "--open", file, "--screenshot",
                                               png, "--size", "1280x1024", "--lang", "en"}));
#endif
    return 0;
}
