#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace reqlanes::server {

RateLimiter::RateLimiter(double perSecond)
    : m_perSecond(perSecond)
    , m_burst(std::max(1.0, perSecond))
    , m_tokens(m_burst) {}

double RateLimiter::tokensAt(std::int64_t nowNs) const {
    if (m_updatedNs < 0)
        return m_burst;
    const double elapsedS = double(std::max<std::int64_t>(0, nowNs - m_updatedNs)) / 1e9;
    return std::min(m_burst, m_tokens + elapsedS * m_perSecond);
}

bool RateLimiter::admit(std::int64_t nowNs) {
    if (m_perSecond <= 0)
        return true;
    m_tokens = tokensAt(nowNs);
    m_updatedNs = nowNs;
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

int RateLimiter::retryAfterSeconds(std::int64_t nowNs) const {
    if (m_perSecond <= 0)
        return 1;
    const double waitS = (1.0 - tokensAt(nowNs)) / m_perSecond;
    return std::max(1, int(std::min(86400.0, std::ceil(waitS))));
}

} // namespace reqlanes::server
