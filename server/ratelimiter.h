// The --rate-limit fault knob: a token bucket that admits R requests per second with a burst of
// max(1, R), and says how long a refused client should wait (Retry-After).
#pragma once

#include <cstdint>

namespace reqlanes::server {

class RateLimiter {
public:
    explicit RateLimiter(double perSecond); // 0 = off: everything is admitted

    bool admit(std::int64_t nowNs);
    int retryAfterSeconds(std::int64_t nowNs) const; // whole seconds, at least 1

private:
    double tokensAt(std::int64_t nowNs) const;

    double m_perSecond;
    double m_burst;
    double m_tokens;
    std::int64_t m_updatedNs = -1; // -1: never used, the bucket is full
};

} // namespace reqlanes::server
