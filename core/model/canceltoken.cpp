#include "model/canceltoken.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace reqlanes {

CancelToken::CancelToken()
    : m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (!m_wakeFd.valid())
        throw std::runtime_error("eventfd failed: out of file descriptors");
}

void CancelToken::cancel() {
    if (m_cancelled.exchange(true, std::memory_order_acq_rel))
        return;
    // Never read back: the counter stays non-zero so every later poll() wakes too.
    const std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(m_wakeFd.get(), &one, sizeof one);
}

} // namespace reqlanes
