// Drives the worker-process line protocol decoders with arbitrary lines, as a confused or
// hostile peer on the pipe could send them. Beyond "no crash", it checks what workerprotocol.h
// promises: an accepted line is canonical (encoding what was decoded gives back the same
// bytes), and any error text survives an encode/decode round trip.
#include "fuzzcheck.h"
#include "strategies/processes/workerprotocol.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace reqlanes::workerprotocol;
using reqlanes::fuzz::check;

namespace {

QByteArray withNewline(std::string_view line) {
    return QByteArray(line.data(), static_cast<qsizetype>(line.size())) + '\n';
}

void decodeLine(std::string_view line) {
    QString error;
    if (const auto message = decodeParentLine(line, &error))
        check(encodeLine(*message) == withNewline(line));
    else
        check(!error.isEmpty());
    error.clear();
    if (const auto message = decodeWorkerLine(line, &error))
        check(encodeLine(*message) == withNewline(line));
    else
        check(!error.isEmpty());
}

// Any text a worker reports as an error reaches the parent intact, cut only at the limit.
void roundTripErrorText(std::string_view bytes) {
    const QString text = QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
    const QByteArray line = encodeLine(WorkerMessage{FatalMessage{text}});
    check(line.endsWith('\n') && static_cast<std::size_t>(line.size()) <= kMaxLineBytes + 1);
    QString error;
    const auto decoded =
        decodeWorkerLine(std::string_view(line.constData(), line.size() - 1), &error);
    check(decoded.has_value());
    const QString back = std::get<FatalMessage>(*decoded).error;
    if (static_cast<std::size_t>(text.toUtf8().size()) <= kMaxErrorBytes)
        check(back == text);
    else
        check(text.startsWith(back) && !back.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    std::string_view rest = bytes;
    // One message per line, as the reading side splits its pipe.
    for (;;) {
        const std::size_t newline = rest.find('\n');
        decodeLine(rest.substr(0, newline));
        if (newline == std::string_view::npos)
            break;
        rest.remove_prefix(newline + 1);
    }
    roundTripErrorText(bytes);
    return 0;
}
