#include "http/responsereader.h"

#include "http/httpexchange.h"
#include "http/posixsocket.h"

#include <cerrno>

namespace reqlanes {

ResponseReader::Progress ResponseReader::onBytes(const char *data, std::size_t size,
                                                 std::int64_t nowNs) {
    m_anyBytes = true;
    const int headsBefore = m_parser.headsStarted();
    m_parser.feed(data, size);
    // A head that began in these bytes began now; one that began earlier keeps its time, so a
    // status line split over reads is stamped at its first byte.
    if (m_parser.headsStarted() != headsBefore)
        m_headStartNs = nowNs;
    if (m_firstByteNs < 0 && m_parser.finalStatusSeen()) {
        m_firstByteNs = m_headStartNs;
        m_listener.phase(Phase::FirstByte, m_firstByteNs);
    }
    return settle();
}

ResponseReader::Progress ResponseReader::onEndOfStream() {
    m_parser.finishOnClose();
    return settle();
}

ResponseReader::Progress ResponseReader::onError(int error) {
    reportFailure(m_listener, RequestStatus::ProtocolError,
                  error == ECONNRESET
                      ? QStringLiteral("the server reset the connection")
                      : QStringLiteral("could not read the response: %1").arg(systemError(error)));
    return Progress::Finished;
}

ResponseReader::Progress ResponseReader::settle() {
    switch (m_parser.state()) {
    case HttpResponseParser::State::Complete:
        reportResponse(m_parser, m_firstByteNs, m_listener);
        return Progress::Finished;
    case HttpResponseParser::State::Error:
        reportFailure(m_listener, RequestStatus::ProtocolError, m_parser.error());
        return Progress::Finished;
    case HttpResponseParser::State::Incomplete:
        break;
    }
    return Progress::Reading;
}

} // namespace reqlanes
