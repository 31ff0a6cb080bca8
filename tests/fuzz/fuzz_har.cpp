// Drives the HAR reader (runFromHar) with arbitrary bytes, as a truncated, corrupt or strangely
// produced recording would arrive. Beyond "no crash", it checks that a refusal always says why,
// that every request that opens has a start and an end, and that whatever opens is written as
// HAR (harwriter.h) that opens again with as many requests.
#include "formats/harreader.h"
#include "formats/harwriter.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace reqlanes;
using reqlanes::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes = fuzz::fuzzBytes(data, size);
    QString error;
    const std::optional<Run> run = runFromHar(bytes, &error);
    if (!run) {
        check(!error.isEmpty());
        return 0;
    }
    check(run->origins.size() == run->requests.size());
    for (const RequestRecord &record : run->requests)
        check(record.has(Phase::Created) && record.has(Phase::Done));
    QString again;
    const std::optional<Run> reopened = runFromHar(runToHar(*run), &again);
    check(reopened.has_value());
    check(reopened->requests.size() == run->requests.size());
    return 0;
}
