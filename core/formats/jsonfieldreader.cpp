#include "formats/jsonfieldreader.h"

#include <QJsonDocument>

#include <cmath>

namespace reqlanes {

JsonFieldReader::JsonFieldReader(const QJsonObject &object, QString path, QString *error)
    : m_object(object)
    , m_path(std::move(path))
    , m_error(error) {}

qint64 JsonFieldReader::integer(const char *key, qint64 low, qint64 high) {
    const QJsonValue value = field(key);
    if (!m_ok)
        return 0;
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || number != std::trunc(number)) {
        fail(key, QStringLiteral("expected an integer, got %1").arg(describe(value)));
        return 0;
    }
    if (number < double(low) || number > double(high)) {
        fail(key,
             QStringLiteral("%1 is out of range %2..%3")
                 .arg(QString::fromUtf8(text(value)), QString::number(low), QString::number(high)));
        return 0;
    }
    return qint64(number);
}

double JsonFieldReader::number(const char *key) {
    const QJsonValue value = field(key);
    if (!m_ok)
        return 0;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        fail(key, QStringLiteral("expected a number, got %1").arg(describe(value)));
        return 0;
    }
    return value.toDouble();
}

Nanos JsonFieldReader::nanosOrNull(const char *key) {
    const QJsonValue value = field(key);
    if (!m_ok || value.isNull())
        return kUnset;
    return integer(key, -kMaxExactInteger, kMaxExactInteger);
}

QString JsonFieldReader::string(const char *key) {
    const QJsonValue value = field(key);
    if (m_ok && !value.isString())
        fail(key, QStringLiteral("expected a string, got %1").arg(describe(value)));
    return value.toString();
}

bool JsonFieldReader::boolean(const char *key) {
    const QJsonValue value = field(key);
    if (m_ok && !value.isBool())
        fail(key, QStringLiteral("expected true or false, got %1").arg(describe(value)));
    return value.toBool();
}

QJsonObject JsonFieldReader::object(const char *key) {
    const QJsonValue value = field(key);
    if (m_ok && !value.isObject())
        fail(key, QStringLiteral("expected an object, got %1").arg(describe(value)));
    return value.toObject();
}

QJsonArray JsonFieldReader::array(const char *key) {
    const QJsonValue value = field(key);
    if (m_ok && !value.isArray())
        fail(key, QStringLiteral("expected an array, got %1").arg(describe(value)));
    return value.toArray();
}

void JsonFieldReader::fail(const char *key, const QString &reason) {
    if (m_ok && m_error)
        *m_error = QStringLiteral("%1: %2").arg(pathOf(key), reason);
    m_ok = false;
}

QByteArray JsonFieldReader::text(const QJsonValue &value) {
    // QJsonDocument only serialises containers; wrap the value and strip the brackets.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

QJsonValue JsonFieldReader::field(const char *key) {
    if (!m_ok)
        return {};
    const auto it = m_object.constFind(QLatin1String(key));
    if (it == m_object.constEnd()) {
        if (m_error)
            *m_error =
                QStringLiteral("%1: missing \"%2\"")
                    .arg(m_path.isEmpty() ? QStringLiteral("run") : m_path, QLatin1String(key));
        m_ok = false;
        return {};
    }
    return *it;
}

QString JsonFieldReader::pathOf(const char *key) const {
    return m_path.isEmpty() ? QLatin1String(key) : m_path + QLatin1Char('.') + key;
}

QString JsonFieldReader::describe(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QString::fromUtf8(text(value));
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace reqlanes
