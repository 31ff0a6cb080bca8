// Drives the client's HttpResponseParser with arbitrary bytes, the way a broken or hostile
// server could answer: in one piece and in pseudo-random slices, each followed by the peer
// closing. Beyond "no crash", it checks that slicing changes nothing (the status, the body, the
// fields and whether the final response has begun), that a refusal always says why, and that
// Server-Timing values are either absent (-1) or a sane duration.
#include "fuzzcheck.h"
#include "http/httpresponseparser.h"
#include "http/servertiming.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace reqlanes;
using reqlanes::fuzz::check;

namespace {

using State = HttpResponseParser::State;

void parseWhole(HttpResponseParser &parser, std::string_view bytes) {
    parser.feed(bytes);
    parser.finishOnClose();
}

// Slices of 1..17 bytes, sizes from a small LCG seeded by `seed`.
void parseSliced(HttpResponseParser &parser, std::string_view bytes, std::uint32_t seed) {
    for (std::size_t at = 0; at < bytes.size();) {
        seed = seed * 1664525u + 1013904223u;
        const std::size_t size = 1 + (seed >> 24) % 17;
        parser.feed(bytes.substr(at, size));
        at += size;
    }
    parser.finishOnClose();
}

void checkMetric(double ms) {
    check(ms == -1 || (std::isfinite(ms) && ms >= 0 && ms <= 1e9));
}

void checkServerTiming(const QByteArray &value) {
    const ServerTiming timing = parseServerTiming(value);
    checkMetric(timing.queueMs);
    checkMetric(timing.appMs);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);

    HttpResponseParser whole;
    parseWhole(whole, bytes);
    // After the close the parser has decided, and says why when it refuses.
    check(whole.state() != State::Incomplete);
    check((whole.state() == State::Error) == !whole.error().isEmpty());
    if (whole.complete())
        check(whole.statusCode() >= 200 && whole.statusCode() <= 599 && whole.finalStatusSeen());
    // Interim responses never show as the status.
    check(whole.statusCode() == 0 || whole.statusCode() >= 200);
    check(whole.bodyBytes() <= size);

    HttpResponseParser sliced;
    parseSliced(sliced, bytes, static_cast<std::uint32_t>(size));
    check(sliced.state() == whole.state());
    if (whole.complete()) {
        check(sliced.statusCode() == whole.statusCode());
        check(sliced.bodyBytes() == whole.bodyBytes());
        check(sliced.combinedHeader("Server-Timing") == whole.combinedHeader("Server-Timing"));
        check(sliced.headsStarted() == whole.headsStarted());
        checkServerTiming(whole.combinedHeader("Server-Timing"));
    }

    checkServerTiming(QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(size)));
    return 0;
}
