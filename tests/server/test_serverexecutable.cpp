// The real reqlanes-server binary: it announces its URL on stdout, serves, stops promptly with
// exit code 0 on SIGTERM or SIGINT even with requests in flight, and rejects bad flags with a
// message and exit code 2.
#include "testhttpclient.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace reqlanes;

extern char **environ;

namespace {

using Clock = std::chrono::steady_clock;

// One reqlanes-server child with its stdout and stderr on pipes; killed and reaped if a test
// leaves it running.
class ServerProcess {
public:
    explicit ServerProcess(const std::vector<std::string> &arguments) {
        int out[2], err[2];
        if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
            return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
        std::vector<std::string> argv{REQLANES_SERVER_PATH};
        argv.insert(argv.end(), arguments.begin(), arguments.end());
        std::vector<char *> pointers;
        for (std::string &argument : argv)
            pointers.push_back(argument.data());
        pointers.push_back(nullptr);
        if (::posix_spawn(&m_pid, REQLANES_SERVER_PATH, &actions, nullptr, pointers.data(),
                          environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        ::close(err[1]);
        m_stdout = out[0];
        m_stderr = err[0];
    }
    ~ServerProcess() {
        if (m_pid > 0 && !m_exitCode) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_stdout >= 0)
            ::close(m_stdout);
        if (m_stderr >= 0)
            ::close(m_stderr);
    }
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    bool running() const { return m_pid > 0 && !m_exitCode; }
    void signal(int number) { ::kill(m_pid, number); }

    // One line of stdout, without its newline; nullopt on EOF or timeout.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            if (const std::size_t newline = m_outBuffer.find('\n'); newline != std::string::npos) {
                std::string line = m_outBuffer.substr(0, newline);
                m_outBuffer.erase(0, newline + 1);
                return line;
            }
            if (!readInto(m_stdout, m_outBuffer, deadline))
                return std::nullopt;
        }
    }

    // Everything on a stream until it closes (the process has exited).
    std::string readAll(bool fromStderr, std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        std::string text = fromStderr ? std::string() : std::move(m_outBuffer);
        while (readInto(fromStderr ? m_stderr : m_stdout, text, deadline)) {
        }
        return text;
    }

    // The exit code, or nullopt if it has not exited in time (or died of a signal: -signo).
    std::optional<int> waitForExit(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (!m_exitCode) {
            int status = 0;
            const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
            if (done == m_pid)
                m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
            else if (Clock::now() > deadline)
                return std::nullopt;
            else // a bounded poll for a child's exit; nothing else can notify us portably
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return m_exitCode;
    }

private:
    static bool readInto(int fd, std::string &buffer, Clock::time_point deadline) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (fd < 0 || left <= 0)
            return false;
        pollfd entry{fd, POLLIN, 0};
        if (::poll(&entry, 1, int(left)) <= 0)
            return false;
        char chunk[4096];
        const ssize_t received = ::read(fd, chunk, sizeof chunk);
        if (received <= 0)
            return false;
        buffer.append(chunk, std::size_t(received));
        return true;
    }

    pid_t m_pid = -1;
    int m_stdout = -1;
    int m_stderr = -1;
    std::string m_outBuffer;
    std::optional<int> m_exitCode;
};

// "listening on http://127.0.0.1:PORT/" -> PORT, 0 if it is not that line.
std::uint16_t portFromBanner(const std::string &line) {
    const std::string prefix = "listening on http://127.0.0.1:";
    if (line.rfind(prefix, 0) != 0 || line.back() != '/')
        return 0;
    std::uint16_t port = 0;
    std::from_chars(line.data() + prefix.size(), line.data() + line.size() - 1, port);
    return port;
}

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Outcome {
    std::optional<int> exitCode;
    std::string out, err;
};

Outcome runToCompletion(const std::vector<std::string> &arguments) {
    ServerProcess process(arguments);
    Outcome outcome;
    outcome.out = process.readAll(false, std::chrono::seconds(10));
    outcome.err = process.readAll(true, std::chrono::seconds(10));
    outcome.exitCode = process.waitForExit(std::chrono::seconds(10));
    return outcome;
}

} // namespace

TEST(ServerExecutable, AnnouncesServesAndStopsOnSigterm) {
    ServerProcess process({"--port", "0", "--workers", "2", "--latency-ms", "150"});
    const std::optional<std::string> banner = process.readLine(std::chrono::seconds(10));
    ASSERT_TRUE(banner) << "no \"listening on\" line";
    const std::uint16_t port = portFromBanner(*banner);
    ASSERT_NE(port, 0) << *banner;

    const TestResponse response = httpRequest(port, "GET", "/", "from-test");
    EXPECT_EQ(response.status, 200) << response.error;
    EXPECT_EQ(response.header("X-Request-Id"), "from-test");
    EXPECT_GE(response.serverTimingMs("app"), 149.9);

    TestHttpClient inFlight(port);
    ASSERT_TRUE(inFlight.send(TestHttpClient::request("GET", "/?delay=10000")));
    const auto begin = Clock::now();
    process.signal(SIGTERM);
    const std::optional<int> exitCode = process.waitForExit(std::chrono::seconds(5));
    ASSERT_TRUE(exitCode) << "still running 5 s after SIGTERM";
    EXPECT_EQ(*exitCode, 0);
    EXPECT_LT(msSince(begin), 1000);
    EXPECT_TRUE(inFlight.waitForClose(1000)) << "in-flight connection closed";
    EXPECT_EQ(process.readAll(false, std::chrono::seconds(1)), "") << "one stdout line only";
}

TEST(ServerExecutable, StopsOnSigintToo) {
    ServerProcess process({"--mode", "async"});
    ASSERT_TRUE(process.readLine(std::chrono::seconds(10)));
    process.signal(SIGINT);
    const std::optional<int> exitCode = process.waitForExit(std::chrono::seconds(5));
    ASSERT_TRUE(exitCode);
    EXPECT_EQ(*exitCode, 0);
}

TEST(ServerExecutable, BadFlagsExitWithCodeTwoAndSayWhy) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--workers", "0"}, "workers must be 1..1024"},
        {{"--latency-ms", "-5"}, "latency-ms must be 0..60000"},
        {{"--mode", "threaded"}, "must be sync or async"},
        {{"--port", "70000"}, "0..65535"},
        {{"--error-rate", "1.5"}, "error-rate must be 0..1"},
        {{"--bind", "nowhere"}, "bind address"},
        {{"--bogus"}, "unknown option --bogus"},
        {{"--workers"}, "--workers needs a value"},
    };
    for (const auto &[arguments, message] : cases) {
        const Outcome outcome = runToCompletion(arguments);
        ASSERT_TRUE(outcome.exitCode) << arguments[0];
        EXPECT_EQ(*outcome.exitCode, 2) << arguments[0];
        EXPECT_NE(outcome.err.find(message), std::string::npos) << outcome.err;
        EXPECT_NE(outcome.err.find("--help"), std::string::npos) << outcome.err;
        EXPECT_EQ(outcome.out, "") << arguments[0];
    }
}

TEST(ServerExecutable, HelpDocumentsEveryFlag) {
    const Outcome outcome = runToCompletion({"--help"});
    ASSERT_TRUE(outcome.exitCode);
    EXPECT_EQ(*outcome.exitCode, 0);
    for (const char *flag :
         {"--workers", "--latency-ms", "--jitter-ms", "--mode", "--port", "--bind", "--error-rate",
          "--rate-limit", "--header-timeout-ms", "--max-connections"})
        EXPECT_NE(outcome.out.find(flag), std::string::npos) << flag;
}

TEST(ServerExecutable, VersionPrintsTheProjectVersion) {
    const Outcome outcome = runToCompletion({"--version"});
    ASSERT_TRUE(outcome.exitCode);
    EXPECT_EQ(*outcome.exitCode, 0);
    EXPECT_EQ(outcome.out, "reqlanes-server " REQLANES_VERSION "\n");
    EXPECT_EQ(outcome.err, "");
}

TEST(ServerExecutable, PortInUseExitsWithCodeOne) {
    ServerProcess first({});
    const std::optional<std::string> banner = first.readLine(std::chrono::seconds(10));
    ASSERT_TRUE(banner);
    const std::uint16_t port = portFromBanner(*banner);
    const Outcome second = runToCompletion({"--port", std::to_string(port)});
    ASSERT_TRUE(second.exitCode);
    EXPECT_EQ(*second.exitCode, 1);
    EXPECT_NE(second.err.find("cannot bind"), std::string::npos) << second.err;
}
