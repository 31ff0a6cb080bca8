#include "childprogram.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <sstream>

extern char **environ;

namespace reqlanes {

std::optional<std::string> findOnPath(const std::string &program) {
    const char *path = std::getenv("PATH");
    std::istringstream directories(path ? path : "/usr/bin:/bin");
    for (std::string directory; std::getline(directories, directory, ':');)
        if (const std::string candidate = directory + "/" + program;
            ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    return std::nullopt;
}

std::optional<std::string> runProgram(const std::string &path, const std::vector<std::string> &args,
                                      std::chrono::seconds limit) {
    using Clock = std::chrono::steady_clock;
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<std::string> argv{path};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char *> pointers;
    for (std::string &argument : argv)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    pid_t pid = -1;
    const int spawned =
        ::posix_spawn(&pid, path.c_str(), &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        return std::nullopt;
    }
    // The child's stdout closes when it exits: read to EOF against a deadline.
    std::string output;
    const auto deadline = Clock::now() + limit;
    bool eof = false;
    while (!eof && Clock::now() < deadline) {
        pollfd readable{out[0], POLLIN, 0};
        const auto leftMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (::poll(&readable, 1, int(std::max<long>(1, leftMs.count()))) <= 0)
            continue;
        char buffer[4096];
        const ssize_t got = ::read(out[0], buffer, sizeof buffer);
        if (got > 0)
            output.append(buffer, std::size_t(got));
        else
            eof = got == 0 || errno != EINTR;
    }
    ::close(out[0]);
    if (!eof)
        ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!eof || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::nullopt;
    return output;
}

} // namespace reqlanes
