// The one "wait until" of the tests that run without an event loop: polls a condition until it
// holds or a deadline passes. The condition is what is waited for; the 5 ms step only bounds
// how often it is asked (no sleep stands in for synchronisation). Tests with a Qt event loop use
// QTest::qWaitFor instead, which also delivers events.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace reqlanes {

// True once `condition` holds; false if `timeoutMs` passed first.
inline bool eventually(const std::function<bool()> &condition, int timeoutMs = 5000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

} // namespace reqlanes
