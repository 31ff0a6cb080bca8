// Sessions begin with the first request and end after an idle gap with nothing in progress:
// synthetic times, no server.
#include "syntheticrun.h"
#include "watch/sessionsplitter.h"

#include <gtest/gtest.h>

using reqlanes::watch::SessionSplitter;

namespace {
using reqlanes::testing::kMs;
}

TEST(SessionSplitter, FirstRequestBeginsASessionLaterOnesJoinIt) {
    SessionSplitter splitter(2000 * kMs);
    EXPECT_FALSE(splitter.inSession());
    EXPECT_TRUE(splitter.requestBegan(100 * kMs));
    EXPECT_FALSE(splitter.requestBegan(150 * kMs));
    EXPECT_TRUE(splitter.inSession());
    EXPECT_EQ(splitter.inProgress(), 2);
}

TEST(SessionSplitter, EndsOnlyAfterTheGapWithNothingInProgress) {
    SessionSplitter splitter(2000 * kMs);
    splitter.requestBegan(0);
    splitter.requestBegan(10 * kMs);
    splitter.requestEnded(1000 * kMs);
    // One request still runs: however long, the session stays open (a slow server is not idle).
    EXPECT_FALSE(splitter.idleOver(60'000 * kMs));
    EXPECT_EQ(splitter.idleDeadlineNs(), -1);
    splitter.requestEnded(1500 * kMs);
    EXPECT_EQ(splitter.idleDeadlineNs(), 3500 * kMs);
    EXPECT_FALSE(splitter.idleOver(3499 * kMs));
    EXPECT_TRUE(splitter.idleOver(3500 * kMs));
}

TEST(SessionSplitter, ARequestWithinTheGapKeepsTheSessionGoing) {
    SessionSplitter splitter(500 * kMs);
    splitter.requestBegan(0);
    splitter.requestEnded(100 * kMs);
    EXPECT_FALSE(splitter.requestBegan(400 * kMs)); // 300 ms later: same session
    splitter.requestEnded(700 * kMs);
    EXPECT_FALSE(splitter.idleOver(1100 * kMs));
    EXPECT_TRUE(splitter.idleOver(1200 * kMs));
}

TEST(SessionSplitter, AfterTheSessionEndsTheNextRequestBeginsANewOne) {
    SessionSplitter splitter(500 * kMs);
    splitter.requestBegan(0);
    splitter.requestEnded(100 * kMs);
    ASSERT_TRUE(splitter.idleOver(600 * kMs));
    splitter.endSession();
    EXPECT_FALSE(splitter.inSession());
    EXPECT_FALSE(splitter.idleOver(10'000 * kMs)); // no session, nothing to end
    EXPECT_TRUE(splitter.requestBegan(5000 * kMs));
}

TEST(SessionSplitter, EndingByKeyKeepsCountingRequestsStillInProgress) {
    SessionSplitter splitter(500 * kMs);
    splitter.requestBegan(0);
    splitter.endSession(); // the user's key, mid-request
    EXPECT_TRUE(splitter.requestBegan(100 * kMs));
    splitter.requestEnded(200 * kMs); // the old one
    EXPECT_EQ(splitter.inProgress(), 1);
    EXPECT_FALSE(splitter.idleOver(5000 * kMs));
    splitter.requestEnded(300 * kMs);
    EXPECT_TRUE(splitter.idleOver(800 * kMs));
}

TEST(SessionSplitter, IdleGapIsAdjustableAndNeverZero) {
    SessionSplitter splitter(2000 * kMs);
    splitter.setIdleGapNs(250 * kMs);
    splitter.requestBegan(0);
    splitter.requestEnded(0);
    EXPECT_TRUE(splitter.idleOver(250 * kMs));
    splitter.setIdleGapNs(0);
    EXPECT_EQ(splitter.idleGapNs(), 1);
}
