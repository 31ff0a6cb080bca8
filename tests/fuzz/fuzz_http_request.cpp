// Drives the slow server's HttpRequestParser with arbitrary bytes, the way a hostile client
// could: as one piece, as pseudo-random slices, and against a tiny header limit. Beyond "no
// crash", it checks the parser's contract: it never consumes more than it was given, refuses
// only with its documented statuses, and parses a request the same however the bytes are cut.
#include "fuzzcheck.h"
#include "httprequestparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace reqlanes::server;
using reqlanes::fuzz::check;

namespace {

// The statuses httprequestparser.h promises; anything else is a bug.
bool isDocumentedRefusal(int status) {
    return status == 400 || status == 413 || status == 414 || status == 417 || status == 431 ||
           status == 501 || status == 505;
}

struct Outcome {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0; // of the whole input, up to the end of the request
    HttpRequest request;
};

bool sameRequest(const HttpRequest &a, const HttpRequest &b) {
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query &&
           a.versionMinor == b.versionMinor && a.keepAlive == b.keepAlive &&
           a.requestId == b.requestId && a.contentLength == b.contentLength &&
           a.chunked == b.chunked && a.expectsContinue == b.expectsContinue;
}

// Feeds `bytes` in slices of 1..17 bytes (sizes from a small LCG seeded by `seed`) until the
// parser completes or refuses.
Outcome parseSliced(HttpRequestParser &parser, std::string_view bytes, std::uint32_t seed) {
    Outcome outcome;
    std::size_t at = 0;
    while (at < bytes.size()) {
        seed = seed * 1664525u + 1013904223u;
        const std::size_t size = 1 + (seed >> 24) % 17;
        const std::string_view slice = bytes.substr(at, size);
        const ParseResult result = parser.feed(slice);
        check(result.consumed <= slice.size());
        outcome.consumed += result.consumed;
        outcome.status = result.status;
        if (result.status == ParseStatus::Error)
            check(isDocumentedRefusal(result.errorStatus));
        if (result.status != ParseStatus::NeedMore)
            break;
        check(result.consumed == slice.size()); // NeedMore takes everything it is given
        at += slice.size();
    }
    outcome.request = parser.request();
    return outcome;
}

void checkCompleteRequest(const HttpRequest &request) {
    check(!request.method.empty());
    // origin- or absolute-form: a path; asterisk-form: "*" for OPTIONS; authority-form: none,
    // and only for CONNECT (RFC 9112 3.2).
    if (request.method == "CONNECT")
        check(request.path.empty());
    else
        check(!request.path.empty() && (request.path.front() == '/' ||
                                        (request.path == "*" && request.method == "OPTIONS")));
    check(request.versionMinor == 0 || request.versionMinor == 1);
    check(request.contentLength <= HttpRequestParser::kMaxBodyBytes);
    check(!request.expectsContinue || request.versionMinor == 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);

    // One piece, then each pipelined request after it, as the server's connection does.
    HttpRequestParser whole;
    std::string_view rest = bytes;
    Outcome first;
    for (int request = 0; request < 8 && !rest.empty(); ++request) {
        const ParseResult result = whole.feed(rest);
        check(result.consumed <= rest.size());
        if (request == 0) {
            first.status = result.status;
            first.consumed = result.consumed;
            first.request = whole.request();
        }
        if (result.status == ParseStatus::Error) {
            check(isDocumentedRefusal(result.errorStatus));
            // A refused parser stays refused and takes nothing more.
            const ParseResult again = whole.feed(rest);
            check(again.status == ParseStatus::Error && again.consumed == 0);
            break;
        }
        if (result.status == ParseStatus::NeedMore) {
            check(result.consumed == rest.size());
            break;
        }
        checkCompleteRequest(whole.request());
        check(whole.feed(rest.substr(result.consumed)).consumed == 0); // done until reset()
        rest.remove_prefix(result.consumed);
        whole.reset();
    }

    // The same bytes in slices give the same first request.
    HttpRequestParser sliced;
    const Outcome cut = parseSliced(sliced, bytes, static_cast<std::uint32_t>(size));
    check(cut.status == first.status);
    if (first.status == ParseStatus::Complete) {
        check(cut.consumed == first.consumed);
        check(sameRequest(cut.request, first.request));
    }

    // A tiny header limit reaches the 414/431 paths with short inputs.
    HttpRequestParser tiny(64);
    parseSliced(tiny, bytes, static_cast<std::uint32_t>(size) ^ 0x9e3779b9u);
    return 0;
}
