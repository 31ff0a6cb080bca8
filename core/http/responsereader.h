// The one response-reading path of the measured exchange: both forms (fetchBlocking's poll loop
// and AsyncHttpExchange's reactor callbacks) hand it what recv() returned, and it stamps the
// first byte, feeds the parser and ends the exchange through the listener. So every strategy but
// qnam is measured by literally the same code from the first response byte on.
#pragma once

#include "http/httpresponseparser.h"

#include <cstddef>
#include <cstdint>

namespace reqlanes {

class ExchangeListener;

class ResponseReader {
public:
    // After Finished the reader has called the listener's finished(); the caller closes the
    // socket and stops reading.
    enum class Progress { Reading, Finished };

    explicit ResponseReader(ExchangeListener &listener)
        : m_listener(listener) {}

    // recv() returned `size` > 0 bytes at nowNs (steady clock). FirstByte is the first byte of the
    // *final* response: interim 1xx responses before it are not the answer (RFC 9110 §15.2), and
    // the server's phases from Server-Timing are laid back from that first byte.
    Progress onBytes(const char *data, std::size_t size, std::int64_t nowNs);
    // recv() returned 0: the server closed its side.
    Progress onEndOfStream();
    // recv() failed with this errno (not EAGAIN / EINTR, which the forms handle by waiting).
    Progress onError(int error);

    // The step a timeout cut short, in the words of timeoutMessage().
    const char *timeoutStep() const {
        return m_anyBytes ? "reading the response" : "waiting for the response";
    }

private:
    Progress settle();

    ExchangeListener &m_listener;
    HttpResponseParser m_parser;
    bool m_anyBytes = false;
    std::int64_t m_headStartNs = -1; // when the response head being read began
    std::int64_t m_firstByteNs = -1; // when the final response began
};

} // namespace reqlanes
