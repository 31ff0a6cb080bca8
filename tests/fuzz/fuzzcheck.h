// What every fuzz target shares: check() ends the run on a broken promise, so libFuzzer reports
// the input that got there; fuzzBytes() lends the input to a Qt parser without copying it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if __has_include(<QByteArray>) // the server's targets build without Qt
#include <QByteArray>
#endif

namespace reqlanes::fuzz {

inline void check(bool condition) {
    if (!condition)
        std::abort();
}

#if __has_include(<QByteArray>)
inline QByteArray fuzzBytes(const std::uint8_t *data, std::size_t size) {
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                   static_cast<qsizetype>(size));
}
#endif

} // namespace reqlanes::fuzz
