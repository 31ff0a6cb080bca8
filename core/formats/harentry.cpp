#include "formats/harentry.h"

#include "formats/isodatetime.h"
#include "formats/jsonfieldreader.h"
#include "http/servertiming.h"

#include <cmath>

namespace reqlanes {

namespace {

// A timing above this (four months) is not a recording of one request but a broken file.
constexpr double kMaxTimingMs = 1e10;

Nanos toNs(double ms) {
    return Nanos(std::llround(ms * 1e6));
}

void setPhase(RequestRecord &record, Phase phase, Nanos at) {
    record.at[std::size_t(phase)] = at;
}

// The failure a producer's error text names: Chrome's net::ERR_*, reqlanes' own words.
RequestStatus failureOf(const QString &error) {
    const QString text = error.toLower();
    if (text.contains(QLatin1String("refused")) || text.contains(QLatin1String("unreachable")))
        return RequestStatus::Refused;
    if (text.contains(QLatin1String("timed_out")) || text.contains(QLatin1String("timed out")) ||
        text.contains(QLatin1String("timeout")))
        return RequestStatus::Timeout;
    if (text.contains(QLatin1String("abort")) || text.contains(QLatin1String("cancel")))
        return RequestStatus::Cancelled;
    return RequestStatus::ProtocolError;
}

// serverIPAddress as producers write it: "93.184.216.34", "[2001:db8::1]", "93.184.216.34:443".
QString bareAddress(QString address) {
    if (address.startsWith(QLatin1Char('['))) {
        const qsizetype close = address.indexOf(QLatin1Char(']'));
        return close > 0 ? address.mid(1, close - 1) : address;
    }
    if (address.count(QLatin1Char(':')) == 1)
        address.truncate(address.indexOf(QLatin1Char(':')));
    return address;
}

} // namespace

void HarFieldReader::fail(const QString &key, const QString &reason) {
    if (ok())
        *m_error = QStringLiteral("%1: %2").arg(pathOf(key), reason);
}

QString HarFieldReader::pathOf(const QString &key) const {
    return key.isEmpty() ? m_path : m_path + QLatin1Char('.') + key;
}

std::optional<double> HarFieldReader::number(const QJsonObject &object, const char *key) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        fail(QLatin1String(key),
             QStringLiteral("expected a number, got %1").arg(JsonFieldReader::describe(value)));
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<QString> HarFieldReader::string(const QJsonObject &object, const char *key,
                                              bool required) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!ok())
        return std::nullopt;
    if (value.isString())
        return value.toString();
    if (required || !(value.isUndefined() || value.isNull()))
        fail(QLatin1String(key), value.isUndefined() ? QStringLiteral("missing")
                                                     : QStringLiteral("expected a string, got %1")
                                                           .arg(JsonFieldReader::describe(value)));
    return std::nullopt;
}

QJsonObject HarFieldReader::object(const QJsonObject &object, const char *key, bool required) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!ok())
        return {};
    if (value.isObject())
        return value.toObject();
    if (required || !(value.isUndefined() || value.isNull()))
        fail(QLatin1String(key), value.isUndefined() ? QStringLiteral("missing")
                                                     : QStringLiteral("expected an object, got %1")
                                                           .arg(JsonFieldReader::describe(value)));
    return {};
}

QJsonArray HarFieldReader::array(const QJsonObject &object, const char *key, bool required) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!ok())
        return {};
    if (value.isArray())
        return value.toArray();
    if (required || !(value.isUndefined() || value.isNull()))
        fail(QLatin1String(key), value.isUndefined() ? QStringLiteral("missing")
                                                     : QStringLiteral("expected an array, got %1")
                                                           .arg(JsonFieldReader::describe(value)));
    return {};
}

std::optional<std::int64_t> HarFieldReader::dateTime(const QJsonObject &object, const char *key) {
    const std::optional<QString> text = string(object, key, true);
    if (!text)
        return std::nullopt;
    const std::optional<std::int64_t> ns = parseIsoDateTimeNs(*text);
    if (!ns)
        fail(QLatin1String(key),
             QStringLiteral("not an ISO 8601 date and time: \"%1\"").arg(text->left(40)));
    return ns;
}

QString HarFieldReader::creator(const QJsonObject &log) {
    const QJsonObject creator = object(log, "creator", false);
    HarFieldReader reader(pathOf(QStringLiteral("creator")), m_error);
    const QString name = reader.string(creator, "name", false).value_or(QString());
    const QString version = reader.string(creator, "version", false).value_or(QString());
    return version.isEmpty() ? name : name + QLatin1Char(' ') + version;
}

std::optional<std::int64_t> HarFieldReader::earliestPageStart(const QJsonObject &log) {
    const QJsonArray pages = array(log, "pages", false);
    std::optional<std::int64_t> earliest;
    for (qsizetype i = 0; i < pages.size() && ok(); ++i) {
        HarFieldReader page(pathOf(QStringLiteral("pages[%1]").arg(i)), m_error);
        if (!pages.at(i).isObject()) {
            page.fail({}, QStringLiteral("expected an object, got %1")
                              .arg(JsonFieldReader::describe(pages.at(i))));
            break;
        }
        // Optional for us: a page without a start only loses its place on the clock.
        if (!pages.at(i).toObject().contains(QLatin1String("startedDateTime")))
            continue;
        if (const auto start = page.dateTime(pages.at(i).toObject(), "startedDateTime"))
            earliest = earliest ? std::min(*earliest, *start) : *start;
    }
    return earliest;
}

std::optional<HarEntry> HarEntryReader::read(const QJsonValue &value) {
    if (!value.isObject()) {
        fail({},
             QStringLiteral("expected an object, got %1").arg(JsonFieldReader::describe(value)));
        return std::nullopt;
    }
    const QJsonObject entry = value.toObject();
    HarEntry result;
    const std::optional<std::int64_t> start = dateTime(entry, "startedDateTime");
    const std::optional<double> time = number(entry, "time");
    const QJsonObject request = object(entry, "request", true);
    if (!ok())
        return std::nullopt;
    result.startNs = *start;
    HarFieldReader requestReader(pathOf(QStringLiteral("request")), m_error);
    result.method = requestReader.string(request, "method", false).value_or(QStringLiteral("GET"));
    result.url = requestReader.string(request, "url", true).value_or(QString());

    const Timings t = timings(entry);
    const QJsonValue connection = entry.value(QLatin1String("connection"));
    if (connection.isString())
        result.connection = connection.toString();
    else if (connection.isDouble()) // some tools write the id as a number
        result.connection = QString::number(connection.toDouble(), 'f', 0);
    else if (!connection.isUndefined() && !connection.isNull())
        fail(
            QStringLiteral("connection"),
            QStringLiteral("expected a string, got %1").arg(JsonFieldReader::describe(connection)));
    result.serverAddress = bareAddress(string(entry, "serverIPAddress", false).value_or(QString()));
    if (const std::optional<double> port = number(entry, "_serverPort"))
        result.serverPort = int(*port);
    if (!ok())
        return std::nullopt;

    placePhases(t, time, result);
    const QString entryError = string(entry, "_error", false).value_or(QString());
    readResponse(object(entry, "response", false), entryError, result);
    readExtras(object(entry, "_reqlanes", false), result);
    if (!ok())
        return std::nullopt;
    return result;
}

std::optional<double> HarEntryReader::timing(const QJsonObject &timings, const char *key) {
    const std::optional<double> ms = number(timings, key);
    if (!ms)
        return std::nullopt;
    if (*ms > kMaxTimingMs) {
        fail(QLatin1String(key), QStringLiteral("%1 ms is out of range").arg(*ms));
        return std::nullopt;
    }
    // -1 is "did not happen"; a small negative is a producer's rounding of zero.
    if (*ms < 0)
        return *ms > -1 ? std::optional<double>(0.0) : std::nullopt;
    return ms;
}

HarEntryReader::Timings HarEntryReader::timings(const QJsonObject &entry) {
    // Required by HAR 1.2, yet a timings-less entry still has its start and total time.
    const QJsonObject object = this->object(entry, "timings", false);
    HarEntryReader reader(pathOf(QStringLiteral("timings")), m_error);
    Timings t;
    t.blocked = reader.timing(object, "blocked");
    t.dns = reader.timing(object, "dns");
    t.connect = reader.timing(object, "connect");
    t.ssl = reader.timing(object, "ssl");
    t.send = reader.timing(object, "send");
    t.wait = reader.timing(object, "wait");
    t.receive = reader.timing(object, "receive");
    return t;
}

void HarEntryReader::placePhases(const Timings &t, std::optional<double> timeMs, HarEntry &entry) {
    RequestRecord &record = entry.record;
    setPhase(record, Phase::Created, 0);
    Nanos cursor = 0;
    if (t.blocked) {
        cursor += toNs(*t.blocked);
        setPhase(record, Phase::Acquired, cursor);
    }
    // HAR 1.2 puts ssl inside connect and leaves it out of `time`. A producer that counts it
    // after connect (mitmproxy) shows it: ssl longer than connect, or `time` adding it up.
    if (t.ssl && *t.ssl > 0) {
        const auto present = [](std::optional<double> ms) { return ms.value_or(0.0); };
        const double spec = present(t.blocked) + present(t.dns) + present(t.connect) +
                            present(t.send) + present(t.wait) + present(t.receive);
        const double tolerance = 0.01;
        entry.sslOutsideConnect = !t.connect || *t.ssl > *t.connect + tolerance ||
                                  (timeMs && std::abs(*timeMs - (spec + *t.ssl)) < tolerance &&
                                   std::abs(*timeMs - spec) > tolerance);
    }
    if (t.dns || t.connect || entry.sslOutsideConnect) {
        setPhase(record, Phase::ConnectStart, cursor);
        cursor += toNs(t.dns.value_or(0)) + toNs(t.connect.value_or(0)) +
                  (entry.sslOutsideConnect ? toNs(*t.ssl) : 0);
        setPhase(record, Phase::Connected, cursor);
    }
    if (t.send) {
        cursor += toNs(*t.send);
        setPhase(record, Phase::Sent, cursor);
    }
    if (t.wait) {
        cursor += toNs(*t.wait);
        setPhase(record, Phase::FirstByte, cursor);
    }
    if (t.receive)
        cursor += toNs(*t.receive);
    // Without receive (a failed request), `time` is the best word on when it ended.
    const Nanos total = timeMs && *timeMs >= 0 ? toNs(*timeMs) : kUnset;
    setPhase(record, Phase::Done, !t.receive && total != kUnset ? std::max(cursor, total) : cursor);
}

void HarEntryReader::readResponse(const QJsonObject &response, const QString &entryError,
                                  HarEntry &entry) {
    HarFieldReader reader(pathOf(QStringLiteral("response")), m_error);
    RequestRecord &record = entry.record;
    const double status = reader.number(response, "status").value_or(0);
    if (status < 0 || status > 999 || status != std::floor(status)) {
        reader.fail(QStringLiteral("status"),
                    QStringLiteral("%1 is not an HTTP status").arg(status));
        return;
    }
    // Chrome writes `_error` in the response, other tools next to it.
    QString error = reader.string(response, "_error", false).value_or(QString());
    if (error.isEmpty())
        error = entryError;
    record.httpStatus = std::uint16_t(status);
    if (status == 0 || !error.isEmpty()) {
        record.status = failureOf(error);
        record.error = error.isEmpty() ? QStringLiteral("no response recorded (status 0)") : error;
    } else {
        // Redirects and 304s are how a page loads, not failures.
        record.status = status < 400 ? RequestStatus::Ok : RequestStatus::HttpError;
    }
    readServerTiming(response, entry);
}

void HarEntryReader::readServerTiming(const QJsonObject &response, HarEntry &entry) {
    HarFieldReader reader(pathOf(QStringLiteral("response")), m_error);
    const QJsonArray headers = reader.array(response, "headers", false);
    QByteArray serverTiming;
    for (qsizetype i = 0; i < headers.size() && ok(); ++i) {
        HarFieldReader header(reader.pathOf(QStringLiteral("headers[%1]").arg(i)), m_error);
        if (!headers.at(i).isObject()) {
            header.fail({}, QStringLiteral("expected an object, got %1")
                                .arg(JsonFieldReader::describe(headers.at(i))));
            return;
        }
        const QJsonObject field = headers.at(i).toObject();
        const QString name = header.string(field, "name", true).value_or(QString());
        const QString value = header.string(field, "value", true).value_or(QString());
        if (name.compare(QLatin1String("Server-Timing"), Qt::CaseInsensitive) == 0)
            serverTiming += (serverTiming.isEmpty() ? "" : ", ") + value.toUtf8();
    }
    RequestRecord &record = entry.record;
    const ServerTiming timing = parseServerTiming(serverTiming);
    if (!ok() || !timing.valid() || !record.has(Phase::FirstByte))
        return;
    // Laid back from the first byte, as the measured exchange does; never before the request
    // was sent (clocks of two machines, rounding).
    const Nanos floor = record.has(Phase::Sent) ? record.phase(Phase::Sent) : 0;
    const Nanos end = record.phase(Phase::FirstByte);
    const Nanos start = std::max(floor, end - toNs(timing.appMs));
    setPhase(record, Phase::ServerEnd, end);
    setPhase(record, Phase::ServerStart, start);
    if (timing.queueMs >= 0)
        setPhase(record, Phase::ServerAccept, std::max(floor, start - toNs(timing.queueMs)));
}

void HarEntryReader::readExtras(const QJsonObject &extras, HarEntry &entry) {
    // reqlanes' own HAR (harwriter.h) keeps what HAR has no field for: exact server phases and
    // when the slot was granted, in ms after startedDateTime.
    if (extras.isEmpty())
        return;
    HarFieldReader reader(pathOf(QStringLiteral("_reqlanes")), m_error);
    RequestRecord &record = entry.record;
    const std::pair<const char *, Phase> phases[] = {{"acquired", Phase::Acquired},
                                                     {"connectStart", Phase::ConnectStart},
                                                     {"serverAccept", Phase::ServerAccept},
                                                     {"serverStart", Phase::ServerStart},
                                                     {"serverEnd", Phase::ServerEnd}};
    // Present and null: the phase was never stamped (whatever `blocked` or Server-Timing say).
    for (const auto &[key, phase] : phases) {
        if (!extras.contains(QLatin1String(key)))
            continue;
        const std::optional<double> ms = reader.number(extras, key);
        setPhase(record, phase, ms ? toNs(*ms) : kUnset);
    }
    if (const std::optional<QString> status = reader.string(extras, "status", false)) {
        if (const std::optional<RequestStatus> value = statusFromName(*status))
            record.status = *value;
        else
            reader.fail(QStringLiteral("status"),
                        QStringLiteral("unknown value \"%1\"").arg(status->left(40)));
    }
    if (const std::optional<double> worker = reader.number(extras, "worker"))
        record.serverWorker = std::int16_t(std::clamp(*worker, -1.0, 32767.0));
}

} // namespace reqlanes
