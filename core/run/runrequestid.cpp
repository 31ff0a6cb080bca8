#include "run/runrequestid.h"

#include <QRandomGenerator>

#include <atomic>
#include <charconv>
#include <limits>

namespace reqlanes {

namespace {

// Canonical decimal only ("g07-3" is not ours): one spelling per id, so an id compares equal
// to itself in every log and export.
template <typename Number> bool parseNumber(std::string_view text, Number &out) {
    if (text.empty() || (text.size() > 1 && text.front() == '0'))
        return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

} // namespace

std::uint32_t nextRunGeneration() {
    // Starts at a random point, not at 1: another reqlanes process (reqlanes-cli --target at the
    // window's watch server) numbers its runs too, and two processes starting both at 1 would
    // send the same ids to one server.
    static std::atomic<std::uint32_t> last{QRandomGenerator::system()->bounded(1u, 1u << 30)};
    std::uint32_t generation = last.fetch_add(1, std::memory_order_relaxed) + 1;
    while (generation == 0) // after 2^32 runs: 0 is never handed out
        generation = last.fetch_add(1, std::memory_order_relaxed) + 1;
    return generation;
}

QByteArray formatRunRequestId(RunRequestId id) {
    return QByteArrayLiteral("g") + QByteArray::number(id.generation) + '-' +
           QByteArray::number(id.index);
}

std::optional<RunRequestId> parseRunRequestId(std::string_view text) {
    if (text.size() < 4 || text.front() != 'g')
        return std::nullopt;
    text.remove_prefix(1);
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    RunRequestId id;
    if (!parseNumber(text.substr(0, dash), id.generation) ||
        !parseNumber(text.substr(dash + 1), id.index) || id.index < 0)
        return std::nullopt;
    return id;
}

} // namespace reqlanes
