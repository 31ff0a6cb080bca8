// A cap hidden in another program's client, read from the server's side of a watch session
// (clientcap.h), and the finding that names it: made-up sessions with exact arrivals.
#include "model/watchsession.h"
#include "results/clientcap.h"
#include "results/findings.h"
#include "syntheticrun.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace reqlanes;

namespace {

using reqlanes::testing::kMs;

// A watch session as WatchRecorder builds it: created = the request's first byte, done = the
// response written; the server is async, 200 ms per request.
reqlanes::Run session() {
    reqlanes::Run run;
    run.scenario.strategy = QString::fromLatin1(kWatchSessionStrategy);
    run.scenario.server.mode = ServerMode::Async;
    run.scenario.server.latencyMs = 200;
    run.finished = true;
    return run;
}

void addRequest(reqlanes::Run &run, Nanos arrived, Nanos took) {
    RequestRecord r;
    r.id = int(run.requests.size());
    r.at[int(Phase::Created)] = arrived;
    r.at[int(Phase::Sent)] = arrived;
    r.at[int(Phase::ServerAccept)] = arrived;
    r.at[int(Phase::ServerStart)] = arrived;
    r.at[int(Phase::ServerEnd)] = arrived + took;
    r.at[int(Phase::FirstByte)] = arrived + took;
    r.at[int(Phase::Done)] = arrived + took;
    r.status = RequestStatus::Ok;
    run.requests.push_back(r);
    run.scenario.n = int(run.requests.size());
    run.elapsed = std::max(run.elapsed, arrived + took);
}

// `total` requests through a pool of `cap` connections: each new one as soon as one ends
// (`refill` later), the first `cap` arriving over `spread`.
reqlanes::Run pooled(int total, int cap, Nanos took, Nanos spread, Nanos refill) {
    reqlanes::Run run = session();
    std::vector<Nanos> freeAt;
    for (int i = 0; i < total; ++i) {
        Nanos arrived = 0;
        if (i < cap) {
            arrived = spread * i / cap;
        } else {
            std::sort(freeAt.begin(), freeAt.end());
            arrived = freeAt.front() + refill;
            freeAt.erase(freeAt.begin());
        }
        addRequest(run, arrived, took);
        freeAt.push_back(arrived + took);
    }
    return run;
}

const Finding *capFinding(const std::vector<Finding> &findings) {
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const Finding &f) { return f.kind == FindingKind::HiddenCap; });
    return it == findings.end() ? nullptr : &*it;
}

} // namespace

TEST(ClientCap, ThreeHundredThroughAHundredConnectionsAreThreeWavesOfAHundred) {
    const reqlanes::Run run = pooled(300, 100, 200 * kMs, 5 * kMs, kMs);
    const std::optional<ClientCap> cap = detectClientCap(run);
    ASSERT_TRUE(cap.has_value());
    EXPECT_EQ(cap->peak, 100);
    EXPECT_EQ(cap->sent, 300);
    EXPECT_EQ(cap->waves, 3);
    EXPECT_EQ(cap->refills, 200);

    const std::vector<Finding> findings = explainRun(run); // outlives the pointer into it
    const Finding *finding = capFinding(findings);
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->text,
              QStringLiteral("At most 100 requests were in progress at once although 300 were "
                             "sent, in 3 waves: a cap in the client held the rest back. Likely "
                             "aiohttp's default connector, which opens at most 100 connections "
                             "(httpx's default limit is 100 too)."));
    EXPECT_EQ(finding->numbers.value(QStringLiteral("peak_in_progress")).toInt(), 100);
    EXPECT_EQ(finding->numbers.value(QStringLiteral("likely_cause")).toString(),
              QStringLiteral("aiohttp_connector"));
    EXPECT_EQ(explainRun(run).front().kind, FindingKind::HiddenCap) << "the cap comes first";
}

TEST(ClientCap, AnUnevenPoolHasNoWavesAndNamesNoLibrary) {
    // Three at a time with uneven work: places free one by one, no waves, not a round number.
    reqlanes::Run run = session();
    const Nanos took[] = {200, 290, 410};
    std::vector<Nanos> freeAt{0, 0, 0};
    for (int i = 0; i < 12; ++i) {
        std::sort(freeAt.begin(), freeAt.end());
        const Nanos arrived = i < 3 ? 0 : freeAt.front() + kMs;
        addRequest(run, arrived, took[i % 3] * kMs);
        freeAt.front() = arrived + took[i % 3] * kMs;
    }
    const std::optional<ClientCap> cap = detectClientCap(run);
    ASSERT_TRUE(cap.has_value());
    EXPECT_EQ(cap->peak, 3);
    EXPECT_EQ(cap->waves, 0);
    const std::vector<Finding> findings = explainRun(run); // outlives the pointer into it
    const Finding *finding = capFinding(findings);
    ASSERT_NE(finding, nullptr);
    EXPECT_TRUE(finding->text.contains(QStringLiteral("each of the rest only after another ended")))
        << finding->text.toStdString();
    EXPECT_FALSE(finding->text.contains(QStringLiteral("Likely")));
}

TEST(ClientCap, EverythingSentAtOnceIsNoCap) {
    EXPECT_FALSE(detectClientCap(pooled(300, 300, 200 * kMs, 5 * kMs, kMs)).has_value());
}

TEST(ClientCap, OneAtATimeIsSequentialNotACap) {
    EXPECT_FALSE(detectClientCap(pooled(10, 1, 200 * kMs, 0, kMs)).has_value());
}

TEST(ClientCap, TwoBatchesFarApartAreNotACap) {
    // A script run twice, five at once each time: nothing arrived as a place freed.
    reqlanes::Run run = session();
    for (const Nanos start : {Nanos(0), 3000 * kMs})
        for (int i = 0; i < 5; ++i)
            addRequest(run, start + i * kMs, 200 * kMs);
    EXPECT_FALSE(detectClientCap(run).has_value());
    EXPECT_EQ(capFinding(explainRun(run)), nullptr);
}

TEST(ClientCap, AStrategyOfOursIsJudgedByItsOwnRulesNotThisOne) {
    reqlanes::Run run = pooled(300, 100, 200 * kMs, 5 * kMs, kMs);
    run.scenario.strategy = QStringLiteral("async-semaphore");
    run.scenario.limit = 100;
    EXPECT_EQ(capFinding(explainRun(run)), nullptr) << "a semaphore's limit is its lesson";
}
