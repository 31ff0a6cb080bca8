// Drives the OpenTelemetry readers with arbitrary bytes: the file reader (JSON Lines or one
// document) as a truncated or foreign file would arrive, and the OTLP/HTTP receiver's request
// reader as a remote exporter could send it. Beyond "no crash": a refusal always says why, and
// a run read from spans written again as OTLP reads back with the same requests, phases and
// outcomes (otlpwriter.h's round trip).
#include "formats/otlpreader.h"
#include "formats/otlprun.h"
#include "formats/otlpwriter.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace reqlanes;
using reqlanes::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes = fuzz::fuzzBytes(data, size);
    QString requestError;
    if (const auto batch = readOtlpRequest(bytes, &requestError))
        check(batch->rejected == 0 || !batch->firstRejection.isEmpty());
    else
        check(!requestError.isEmpty());

    QString error;
    const std::optional<Run> run = runFromOtlpJson(bytes, &error);
    if (!run) {
        check(!error.isEmpty());
        return 0;
    }
    QString againError;
    const std::optional<Run> again = runFromOtlpJson(runToOtlpJson(*run), &againError);
    check(again.has_value());
    check(again->requests.size() == run->requests.size());
    for (std::size_t i = 0; i < run->requests.size(); ++i) {
        check(again->requests[i].at == run->requests[i].at);
        check(again->requests[i].status == run->requests[i].status);
    }
    return 0;
}
