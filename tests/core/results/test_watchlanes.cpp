// Names of watch lanes: what a person calls the program behind a client process.
#include "results/watchlanes.h"

#include <gtest/gtest.h>

using namespace reqlanes;
using namespace reqlanes::watch;

TEST(ClientProgramName, AnInterpreterIsNamedAfterTheScriptItRuns) {
    const std::vector<std::pair<QString, QString>> rows = {
        {QStringLiteral("python3 sequential.py"), QStringLiteral("sequential.py")},
        {QStringLiteral("/usr/bin/python3 -u /home/me/talk/threads.py 8000 9"),
         QStringLiteral("threads.py")},
        {QStringLiteral("python3.11 -X dev -W ignore aiohttp_gather.py"),
         QStringLiteral("aiohttp_gather.py")},
        {QStringLiteral("python3 -m reqlanes_trace examples/sequential.py"),
         QStringLiteral("sequential.py")},
        {QStringLiteral("python3 -m http.server"), QStringLiteral("http.server")},
        {QStringLiteral("python3 -c import requests"), QStringLiteral("python3 -c")},
        {QStringLiteral("node /srv/app/client.js"), QStringLiteral("client.js")},
        {QStringLiteral("python3"), QStringLiteral("python3")},
        {QStringLiteral("/usr/bin/curl -s http://localhost:8000/"), QStringLiteral("curl")},
        {QStringLiteral("wrk -c 10 http://localhost:8000/"), QStringLiteral("wrk")},
        {QString(), QString()},
    };
    for (const auto &[command, name] : rows)
        EXPECT_EQ(clientProgramName(command), name) << command.toStdString();
}

TEST(ClientProcessLabel, IsThePidAndTheProgramWithTheWholeCommandForTheTooltip) {
    ClientConnection connection;
    connection.processId = 5077;
    connection.command = QStringLiteral("/usr/lib/some/very/long/path/to/python3 -u "
                                        "/home/someone/projects/talk/examples/sequential.py 8000");
    EXPECT_EQ(clientProcessLabel(connection), QStringLiteral("pid 5077 sequential.py"));
    EXPECT_EQ(clientProcessDetail(connection), QStringLiteral("pid 5077: ") + connection.command);
    connection.command.clear();
    EXPECT_EQ(clientProcessLabel(connection), QStringLiteral("pid 5077"));
    connection.processId = 0;
    EXPECT_EQ(clientProcessLabel(connection), QStringLiteral("unknown process"));
}

TEST(WatchLaneDetail, AClientOrConnectionLaneGivesTheWholeCommandLine) {
    reqlanes::Run run;
    ClientConnection connection;
    connection.peer = QStringLiteral("127.0.0.1:53422");
    connection.processId = 5077;
    connection.command = QStringLiteral("python3 /home/me/sequential.py 8000");
    run.connections.push_back(connection);
    RequestOrigin origin;
    origin.connection = 0;
    run.origins.push_back(origin);
    run.requests.emplace_back();
    run.requests.back().at[int(Phase::Created)] = 0;

    const LaneLayout clients = layoutByClientProcess(run);
    ASSERT_EQ(clients.laneCount(), 1);
    EXPECT_EQ(clients.labels[0], QStringLiteral("pid 5077 sequential.py"));
    EXPECT_EQ(watchLaneDetail(run, clients.keys[0]),
              QStringLiteral("pid 5077: python3 /home/me/sequential.py 8000"));
    const LaneLayout connections = layoutByConnection(run);
    EXPECT_EQ(watchLaneDetail(run, connections.keys[0]),
              QStringLiteral("127.0.0.1:53422 — pid 5077: python3 /home/me/sequential.py 8000"));
    EXPECT_EQ(watchLaneDetail(run, QStringLiteral("worker:0")), QString());
}
