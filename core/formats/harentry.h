// One HAR entry read into phases (the HAR reader's inner part, harreader.h): the field checks
// that name the path of whatever is wrong, and the mapping of `timings` onto Phase. Phases here
// are relative to the entry's own startedDateTime; the reader puts them on the run's clock.
#pragma once

#include "model/requestrecord.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <optional>

namespace reqlanes {

struct HarEntry {
    std::int64_t startNs = 0; // startedDateTime, ns since the Unix epoch
    RequestRecord record;     // phases relative to startNs; status, HTTP status, error
    QString method, url;
    QString connection;    // `connection` as written ("" when absent)
    QString serverAddress; // serverIPAddress without brackets or port ("" when absent)
    int serverPort = -1;   // Playwright's `_serverPort`, else -1
    bool sslOutsideConnect = false;
};

// Optional and required fields of one object, checked; the first failure is kept in *error as
// "PATH.key: reason" and later reads return nothing.
class HarFieldReader {
public:
    HarFieldReader(QString path, QString *error)
        : m_path(std::move(path))
        , m_error(error) {}

    bool ok() const { return m_error->isEmpty(); }
    void fail(const QString &key, const QString &reason);
    QString pathOf(const QString &key) const;

    // Absent or null: nullopt. A number: its value. Anything else fails.
    std::optional<double> number(const QJsonObject &object, const char *key);
    std::optional<QString> string(const QJsonObject &object, const char *key, bool required);
    QJsonObject object(const QJsonObject &object, const char *key, bool required);
    QJsonArray array(const QJsonObject &object, const char *key, bool required);

    // log.creator: "name version", "" when absent.
    QString creator(const QJsonObject &log);
    // The earliest log.pages[].startedDateTime, if any page has one.
    std::optional<std::int64_t> earliestPageStart(const QJsonObject &log);
    // An ISO 8601 date-time field, required.
    std::optional<std::int64_t> dateTime(const QJsonObject &object, const char *key);

protected:
    QString m_path;
    QString *m_error;
};

class HarEntryReader : public HarFieldReader {
public:
    using HarFieldReader::HarFieldReader;
    std::optional<HarEntry> read(const QJsonValue &value);

private:
    struct Timings {
        std::optional<double> blocked, dns, connect, ssl, send, wait, receive;
    };
    Timings timings(const QJsonObject &entry);
    std::optional<double> timing(const QJsonObject &timings, const char *key);
    void placePhases(const Timings &t, std::optional<double> timeMs, HarEntry &entry);
    void readResponse(const QJsonObject &response, const QString &entryError, HarEntry &entry);
    void readServerTiming(const QJsonObject &response, HarEntry &entry);
    void readExtras(const QJsonObject &extras, HarEntry &entry);
};

} // namespace reqlanes
