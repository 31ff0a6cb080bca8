// Drives the run-file loader (runFromJson) with arbitrary bytes, as a truncated, corrupt or
// hand-edited file would arrive. Beyond "no crash", it checks that a refusal always says why
// and that whatever loads saves and loads back equal, as runfile.h promises.
#include "formats/runfile.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace reqlanes;
using reqlanes::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray json = fuzz::fuzzBytes(data, size);
    QString error;
    const std::optional<Run> run = runFromJson(json, &error);
    if (!run) {
        check(!error.isEmpty());
        return 0;
    }
    QString reloadError;
    const std::optional<Run> reloaded = runFromJson(runToJson(*run), &reloadError);
    check(reloaded.has_value());
    check(*reloaded == *run);
    return 0;
}
