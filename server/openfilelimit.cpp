#include "openfilelimit.h"

#include <sys/resource.h>

namespace reqlanes::server {

namespace {
std::uint64_t toLimit(rlim_t value) {
    return value == RLIM_INFINITY ? kUnlimitedFiles : std::uint64_t(value);
}
} // namespace

std::uint64_t raiseOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return toLimit(limit.rlim_cur);
}

std::uint64_t hardOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return kUnlimitedFiles;
    return toLimit(limit.rlim_max);
}

} // namespace reqlanes::server
