// Reads one JSON object's fields with type and range checks, naming the path of whatever is
// wrong ("requests[4].status: unknown value \"zz\""). The run-file loader uses it; the first
// failure wins and later reads return defaults, so a loader reads straight through and checks
// ok() once.
#pragma once

#include "model/clock.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace reqlanes {

class JsonFieldReader {
public:
    // Doubles hold integers exactly up to 2^53: ~104 days of nanoseconds, beyond any run.
    static constexpr qint64 kMaxExactInteger = qint64(1) << 53;

    JsonFieldReader(const QJsonObject &object, QString path, QString *error);

    bool ok() const { return m_ok; }

    qint64 integer(const char *key, qint64 low, qint64 high);
    double number(const char *key); // any finite number
    // A field that older files may not have: `fallback` when it is absent.
    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }
    Nanos nanosOrNull(const char *key); // null reads as kUnset
    QString string(const char *key);
    bool boolean(const char *key);
    QJsonObject object(const char *key);
    QJsonArray array(const char *key);
    // A string naming an enum value, looked up by `fromName` ("unknown value" otherwise).
    template <typename Enum>
    Enum named(const char *key, std::optional<Enum> (*fromName)(const QString &)) {
        const QString text = string(key);
        if (!m_ok)
            return {};
        const auto value = fromName(text);
        if (!value)
            fail(key, QStringLiteral("unknown value \"%1\"").arg(text.left(40)));
        return value.value_or(Enum{});
    }
    // Records "path.key: reason" unless an earlier failure was recorded.
    void fail(const char *key, const QString &reason);

    // A value as compact JSON text, e.g. for messages.
    static QByteArray text(const QJsonValue &value);
    // What a value is, for "expected X, got Y" messages: "a string", "an object", "null", or a
    // number as its text ("got 5" says more than "got a number").
    static QString describe(const QJsonValue &value);

private:
    QJsonValue field(const char *key);
    QString pathOf(const char *key) const;

    QJsonObject m_object;
    QString m_path;
    QString *m_error;
    bool m_ok = true;
};

} // namespace reqlanes
