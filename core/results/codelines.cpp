#include "results/codelines.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace reqlanes {

namespace {

constexpr std::array<const char *, kRequestActivityCount> kActivityNames = {
    "not_created", "waiting", "connecting", "in_flight", "reading", "done"};

bool happened(const RequestRecord &record, Phase phase, Nanos at) {
    return record.has(phase) && record.phase(phase) <= at;
}

bool fail(QString *error, const QString &reason) {
    if (error)
        *error = reason;
    return false;
}

std::optional<MarkedLine> parseMarkedLine(const QJsonValue &value, QString *error) {
    const QJsonObject object = value.toObject();
    MarkedLine line;
    line.match = object.value(QStringLiteral("match")).toString();
    if (line.match.trimmed().isEmpty()) {
        fail(error, QStringLiteral("a marked line has no \"match\" text"));
        return std::nullopt;
    }
    for (const QJsonValue &name : object.value(QStringLiteral("activities")).toArray()) {
        const std::optional<RequestActivity> activity = activityFromName(name.toString());
        if (!activity) {
            fail(error, QStringLiteral("unknown activity \"%1\"").arg(name.toString()));
            return std::nullopt;
        }
        line.activities.push_back(*activity);
    }
    if (line.activities.empty()) {
        fail(error, QStringLiteral("marked line \"%1\" counts no activity").arg(line.match));
        return std::nullopt;
    }
    const QString label = object.value(QStringLiteral("label")).toString();
    const std::optional<RequestActivity> labelActivity =
        label.isEmpty() ? line.activities.front() : activityFromName(label);
    if (!labelActivity) {
        fail(error, QStringLiteral("unknown label \"%1\"").arg(label));
        return std::nullopt;
    }
    line.label = *labelActivity;
    return line;
}

} // namespace

QString activityName(RequestActivity activity) {
    return QString::fromLatin1(kActivityNames[std::size_t(activity)]);
}

std::optional<RequestActivity> activityFromName(const QString &name) {
    for (std::size_t i = 0; i < kActivityNames.size(); ++i)
        if (name == QLatin1String(kActivityNames[i]))
            return RequestActivity(i);
    return std::nullopt;
}

RequestActivity activityAt(const RequestRecord &record, Nanos at) {
    if (happened(record, Phase::Done, at))
        return RequestActivity::Done;
    if (!happened(record, Phase::Created, at))
        return RequestActivity::NotCreated;
    if (happened(record, Phase::FirstByte, at))
        return RequestActivity::Reading;
    if (happened(record, Phase::Sent, at))
        return RequestActivity::InFlight;
    // qnam stamps no Acquired for a request that never got a connection; a connect means it had.
    if (happened(record, Phase::Acquired, at) || happened(record, Phase::ConnectStart, at))
        return RequestActivity::Connecting;
    return RequestActivity::Waiting;
}

std::array<int, kRequestActivityCount> countActivities(const Run &run, Nanos at) {
    std::array<int, kRequestActivityCount> counts{};
    for (const RequestRecord &record : run.requests)
        ++counts[std::size_t(activityAt(record, at))];
    return counts;
}

std::optional<std::vector<SnippetSpec>> parseSnippetIndex(const QByteArray &json, QString *error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        fail(error, QStringLiteral("snippet index is not JSON: %1").arg(parseError.errorString()));
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("version")).toInt() != 1) {
        fail(error, QStringLiteral("snippet index: unsupported version"));
        return std::nullopt;
    }
    std::vector<SnippetSpec> specs;
    for (const QJsonValue &value : root.value(QStringLiteral("snippets")).toArray()) {
        const QJsonObject object = value.toObject();
        SnippetSpec spec;
        spec.strategy = object.value(QStringLiteral("strategy")).toString();
        spec.language = object.value(QStringLiteral("language")).toString();
        spec.file = object.value(QStringLiteral("file")).toString();
        if (spec.strategy.isEmpty() || spec.language.isEmpty() || spec.file.isEmpty()) {
            fail(error, QStringLiteral("a snippet needs \"strategy\", \"language\" and \"file\""));
            return std::nullopt;
        }
        for (const QJsonValue &lineValue : object.value(QStringLiteral("lines")).toArray()) {
            std::optional<MarkedLine> line = parseMarkedLine(lineValue, error);
            if (!line)
                return std::nullopt;
            spec.lines.push_back(std::move(*line));
        }
        specs.push_back(std::move(spec));
    }
    return specs;
}

bool resolveMarkedLines(std::vector<MarkedLine> &lines, const QString &code, QString *error) {
    const QStringList codeLines = code.split(QLatin1Char('\n'));
    for (MarkedLine &line : lines) {
        line.line = -1;
        for (int i = 0; i < codeLines.size(); ++i) {
            if (!codeLines[i].contains(line.match))
                continue;
            if (line.line >= 0)
                return fail(error, QStringLiteral("\"%1\" is on lines %2 and %3")
                                       .arg(line.match)
                                       .arg(line.line + 1)
                                       .arg(i + 1));
            line.line = i;
        }
        if (line.line < 0)
            return fail(error, QStringLiteral("\"%1\" is on no line").arg(line.match));
    }
    return true;
}

std::vector<int> countMarkedLines(const Run &run, Nanos at, const std::vector<MarkedLine> &lines) {
    const std::array<int, kRequestActivityCount> counts = countActivities(run, at);
    std::vector<int> result;
    result.reserve(lines.size());
    for (const MarkedLine &line : lines) {
        int sum = 0;
        for (RequestActivity activity : line.activities)
            sum += counts[std::size_t(activity)];
        result.push_back(sum);
    }
    return result;
}

} // namespace reqlanes
