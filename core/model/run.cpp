#include "model/run.h"

#include <algorithm>

namespace reqlanes {

int Run::finishedCount() const {
    return static_cast<int>(std::count_if(requests.begin(), requests.end(),
                                          [](const auto &r) { return r.finished(); }));
}

int Run::okCount() const {
    return static_cast<int>(std::count_if(requests.begin(), requests.end(), [](const auto &r) {
        return r.status == RequestStatus::Ok;
    }));
}

} // namespace reqlanes
