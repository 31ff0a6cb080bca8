// HandlerSlots: the lowest free index, always, bounded in sync mode and growing in async mode.
#include "handlerslots.h"

#include <gtest/gtest.h>

using namespace reqlanes::server;

TEST(HandlerSlots, BoundedSlotsRunOutAndComeBackLowestFirst) {
    HandlerSlots slots(3);
    EXPECT_EQ(slots.acquire(), 0);
    EXPECT_EQ(slots.acquire(), 1);
    EXPECT_EQ(slots.acquire(), 2);
    EXPECT_EQ(slots.acquire(), -1);
    slots.release(2);
    slots.release(0);
    EXPECT_EQ(slots.busy(), 1);
    EXPECT_EQ(slots.acquire(), 0);
    EXPECT_EQ(slots.acquire(), 2);
    EXPECT_EQ(slots.acquire(), -1);
}

TEST(HandlerSlots, UnlimitedSlotsGrowOnlyWhenAllAreBusy) {
    HandlerSlots slots(HandlerSlots::kUnlimited);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(slots.acquire(), i);
    slots.release(57);
    slots.release(3);
    EXPECT_EQ(slots.acquire(), 3);
    EXPECT_EQ(slots.acquire(), 57);
    EXPECT_EQ(slots.acquire(), 100);
}
