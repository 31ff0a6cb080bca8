// A real OpenTelemetry producer: a Node.js client traced by the OpenTelemetry JS SDK
// (@opentelemetry/sdk-trace-node, instrumentation-http, exporter-trace-otlp-http from npm,
// installed under the build folder on first use) fans requests out to the watch server and
// exports its spans to the same server's OTLP/HTTP receiver. Its requests arrive live, each
// drawn once, with the server's work inside and the client's service name. Skipped, with the
// reason, without node and npm or when the packages cannot be installed.
#include "syntheticrun.h"
#include "watch/watchserver.h"

#include "results/tracelanes.h"

#include "childprogram.h"

#include <QDir>
#include <QFileInfo>

#include <gtest/gtest.h>

#include <cstdlib>

using namespace reqlanes;

namespace {

constexpr int kNodeRequests = 6;
constexpr int kWorkers = 3;
constexpr int kNodeLatencyMs = 200;
using reqlanes::testing::kMs;

const QString kPackagesDir = QStringLiteral(REQLANES_OTEL_NODE_DIR);

// The SDK's packages under the build folder: "" when they are there (or now installed), else
// why not.
std::string installSdk() {
    if (QFileInfo::exists(kPackagesDir +
                          QStringLiteral("/node_modules/@opentelemetry/sdk-trace-node")))
        return {};
    const auto npm = findOnPath("npm");
    if (!npm)
        return "npm is not installed";
    QDir().mkpath(kPackagesDir);
    const auto installed = runProgram(
        *npm,
        {"install", "--prefix", kPackagesDir.toStdString(), "--no-audit", "--no-fund",
         "--loglevel=error", "@opentelemetry/api", "@opentelemetry/sdk-trace-node",
         "@opentelemetry/exporter-trace-otlp-http", "@opentelemetry/instrumentation-http",
         "@opentelemetry/instrumentation", "@opentelemetry/resources"},
        std::chrono::seconds(90));
    return installed ? std::string() : "npm install of the OpenTelemetry JS SDK failed (offline?)";
}

} // namespace

TEST(OpenTelemetryNode, ATracedNodeClientsRequestsArriveLiveWithTheirServerWork) {
    const auto node = findOnPath("node");
    if (!node)
        GTEST_SKIP() << "node is not installed";
    if (const std::string reason = installSdk(); !reason.empty())
        GTEST_SKIP() << reason;

    // An idle gap longer than the client's life: the session is still live when it exits.
    watch::WatchSettings settings;
    settings.idleGapNs = 10'000 * kMs;
    settings.lookUpProcesses = false;
    watch::WatchRecorder recorder(settings);
    watch::WatchServer server(&recorder);
    watch::WatchServerOptions options;
    options.port = 0;
    options.server.workers = kWorkers;
    options.server.latencyMs = kNodeLatencyMs;
    QString error;
    ASSERT_TRUE(server.start(options, &error)) << error.toStdString();

    ::setenv("NODE_PATH", (kPackagesDir + QStringLiteral("/node_modules")).toUtf8().constData(), 1);
    const auto output = runProgram(*node,
                                   {REQLANES_OTEL_CLIENT, std::to_string(server.port()),
                                    std::to_string(kNodeRequests), "fanout-client"},
                                   std::chrono::seconds(60));
    ASSERT_TRUE(output) << "the traced client failed";
    EXPECT_NE(output->find("200,200"), std::string::npos) << *output;

    const auto live = recorder.liveSession();
    ASSERT_TRUE(live) << "the session ended before the spans came";
    // Each request once: the span joined the request the server observed (traceparent); the
    // span exports themselves are not requests.
    ASSERT_EQ(live->requests.size(), std::size_t(kNodeRequests));
    int queued = 0;
    for (std::size_t i = 0; i < live->requests.size(); ++i) {
        SCOPED_TRACE(i);
        const RequestRecord &request = live->requests[i];
        ASSERT_LT(i, live->spans.size());
        EXPECT_EQ(live->spans[i].service, QStringLiteral("fanout-client"));
        EXPECT_EQ(live->spans[i].traceId.size(), 32);
        EXPECT_FALSE(live->tracedOnly(i));
        EXPECT_EQ(request.status, RequestStatus::Ok);
        ASSERT_TRUE(request.has(Phase::ServerStart) && request.has(Phase::ServerEnd));
        EXPECT_GE(request.span(Phase::ServerStart, Phase::ServerEnd),
                  kNodeLatencyMs * kMs * 9 / 10);
        // The client's span holds the server's work.
        EXPECT_LE(request.phase(Phase::Created), request.phase(Phase::ServerStart));
        EXPECT_GE(request.phase(Phase::Done), request.phase(Phase::ServerEnd));
        if (request.span(Phase::ServerAccept, Phase::ServerStart) > kNodeLatencyMs * kMs / 2)
            ++queued;
    }
    // Six at once against three workers: three waited a latency in the server.
    EXPECT_EQ(queued, kNodeRequests - kWorkers);
    const LaneLayout services = layoutByService(*live);
    EXPECT_EQ(services.labels, std::vector<QString>{QStringLiteral("fanout-client")});
}
