#include "results/phasesteps.h"

namespace reqlanes {

Nanos nextPhaseChange(const Run &run, Nanos after) {
    Nanos best = kUnset;
    for (const RequestRecord &record : run.requests)
        for (Nanos at : record.at)
            if (at != kUnset && at > after && (best == kUnset || at < best))
                best = at;
    return best;
}

Nanos previousPhaseChange(const Run &run, Nanos before) {
    Nanos best = kUnset;
    for (const RequestRecord &record : run.requests)
        for (Nanos at : record.at)
            if (at != kUnset && at < before && at > best)
                best = at;
    return best;
}

} // namespace reqlanes
