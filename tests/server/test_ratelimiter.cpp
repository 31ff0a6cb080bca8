// RateLimiter: a token bucket with a burst of max(1, R) and an honest Retry-After.
#include "ratelimiter.h"

#include <gtest/gtest.h>

using namespace reqlanes::server;

namespace {
constexpr std::int64_t kSecond = 1'000'000'000;
}

TEST(RateLimiter, OffAdmitsEverything) {
    RateLimiter limiter(0);
    for (int i = 0; i < 1000; ++i)
        EXPECT_TRUE(limiter.admit(0));
}

TEST(RateLimiter, AdmitsABurstThenRefillsAtTheRate) {
    RateLimiter limiter(3);
    EXPECT_TRUE(limiter.admit(0));
    EXPECT_TRUE(limiter.admit(0));
    EXPECT_TRUE(limiter.admit(0));
    EXPECT_FALSE(limiter.admit(0));
    EXPECT_FALSE(limiter.admit(kSecond / 4)); // 0.75 of a token
    EXPECT_TRUE(limiter.admit(kSecond / 3 + 1));
    EXPECT_FALSE(limiter.admit(kSecond / 3 + 2));
}

TEST(RateLimiter, RetryAfterIsWholeSecondsUntilTheNextToken) {
    RateLimiter slow(0.25); // one request per 4 s
    EXPECT_TRUE(slow.admit(0));
    EXPECT_FALSE(slow.admit(0));
    EXPECT_EQ(slow.retryAfterSeconds(0), 4);
    EXPECT_EQ(slow.retryAfterSeconds(3 * kSecond + kSecond / 2), 1);
    RateLimiter fast(100);
    EXPECT_EQ(fast.retryAfterSeconds(0), 1); // never 0
}
