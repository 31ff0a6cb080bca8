// The hidden cap of another program's client, end to end: examples/aiohttp_cap.py sends 300
// requests through aiohttp's default connector to a real async server (200 ms each) reporting to
// a WatchRecorder, and the session's findings must say that at most 100 were in progress, in
// three waves, naming aiohttp only as the likely cause. Skipped without python3-aiohttp.
#include "results/findings.h"
#include "watch/watchrecorder.h"

#include "childprogram.h"
#include "testserver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace reqlanes;
using namespace reqlanes::watch;

namespace {

constexpr int kCapLatencyMs = 200;
constexpr int kCapRequests = 300;

// A Python 3 that has aiohttp: the system's first (a version manager's shim may lack it).
std::optional<std::string> pythonWithAiohttp() {
    std::vector<std::string> candidates{"/usr/bin/python3"};
    if (const auto onPath = findOnPath("python3"))
        candidates.push_back(*onPath);
    for (const std::string &python : candidates)
        if (runProgram(python, {"-c", "import aiohttp"}, std::chrono::seconds(30)))
            return python;
    return std::nullopt;
}

} // namespace

TEST(WatchClientCap, AiohttpsDefaultConnectorShowsAsThreeWavesOfAHundred) {
    const std::optional<std::string> python = pythonWithAiohttp();
    if (!python)
        GTEST_SKIP() << "needs python3-aiohttp";
    WatchSettings settings;
    settings.idleGapNs = 400'000'000;
    settings.lookUpProcesses = false; // not under test, and /proc scans cost the 2 cores time
    settings.server.mode = server::ServerMode::Async;
    settings.server.latencyMs = kCapLatencyMs;
    WatchRecorder recorder(settings);
    server::ServerConfig config = settings.server;
    TestServer server;
    ASSERT_TRUE(server.start(config, &recorder)) << server.error().toStdString();

    const std::optional<std::string> out =
        runProgram(*python,
                   {REQLANES_EXAMPLES_DIR "/aiohttp_cap.py", server.url().toStdString(),
                    std::to_string(kCapRequests)},
                   std::chrono::seconds(90));
    ASSERT_TRUE(out.has_value()) << "aiohttp_cap.py failed or timed out";

    // The session ends once the idle gap has passed with nothing in progress: poll for it.
    std::vector<reqlanes::Run> sessions;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (sessions.empty() && std::chrono::steady_clock::now() < deadline) {
        recorder.poll();
        sessions = recorder.takeFinishedSessions();
        if (sessions.empty())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    server.stop();
    ASSERT_EQ(sessions.size(), 1u) << "one script, one session";
    const reqlanes::Run &session = sessions.front();
    ASSERT_EQ(session.okCount(), kCapRequests);

    const std::vector<Finding> findings = explainRun(session);
    const auto cap = std::find_if(findings.begin(), findings.end(), [](const Finding &f) {
        return f.kind == FindingKind::HiddenCap;
    });
    ASSERT_NE(cap, findings.end())
        << "no hidden cap found; first finding: "
        << (findings.empty() ? "none" : findings.front().text.toStdString());
    EXPECT_EQ(cap->numbers.value(QStringLiteral("peak_in_progress")).toInt(), 100)
        << cap->text.toStdString();
    EXPECT_EQ(cap->numbers.value(QStringLiteral("sent")).toInt(), kCapRequests);
    EXPECT_EQ(cap->numbers.value(QStringLiteral("waves")).toInt(), 3) << cap->text.toStdString();
    EXPECT_EQ(cap->numbers.value(QStringLiteral("likely_cause")).toString(),
              QStringLiteral("aiohttp_connector"));
    EXPECT_TRUE(cap->text.startsWith(
        QStringLiteral("At most 100 requests were in progress at once although 300 were sent")))
        << cap->text.toStdString();
}
