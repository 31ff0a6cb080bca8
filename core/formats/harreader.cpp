#include "formats/harreader.h"

#include "formats/harentry.h"
#include "formats/isodatetime.h"
#include "model/urlauthority.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

#include <algorithm>
#include <map>

namespace reqlanes {

namespace {

constexpr qsizetype kProgressEvery = 4096;

// Connections in order of first use; a connection's lane is its index.
struct ConnectionTable {
    std::map<QString, int> indexOf;
    std::vector<ClientConnection> connections;

    int add(const HarEntry &entry, Nanos start) {
        auto [it, inserted] = indexOf.try_emplace(entry.connection, int(connections.size()));
        if (inserted) {
            ClientConnection connection;
            bool numeric = false;
            connection.serverId = entry.connection.toULongLong(&numeric);
            const UrlAuthority authority = urlAuthority(entry.url);
            const QString address =
                entry.serverAddress.isEmpty() ? authority.host : entry.serverAddress;
            connection.peer = authority.port > 0 && !address.contains(QLatin1Char(':'))
                                  ? QStringLiteral("%1:%2").arg(address).arg(authority.port)
                                  : address;
            // It was opened where its first request connected; reused before that is unknown.
            if (entry.record.has(Phase::ConnectStart))
                connection.opened = start + entry.record.phase(Phase::ConnectStart);
            connections.push_back(connection);
        }
        return it->second;
    }
};

// True when every `connection` value is just the port the entry's server listens on (Firefox
// writes the remote port there): then it says nothing about which connection carried what.
bool connectionsArePorts(const std::vector<HarEntry> &entries) {
    bool any = false;
    for (const HarEntry &entry : entries) {
        if (entry.connection.isEmpty())
            continue;
        any = true;
        const int port = entry.serverPort >= 0 ? entry.serverPort : urlAuthority(entry.url).port;
        if (entry.connection != QString::number(port))
            return false;
    }
    return any;
}

void noteGap(RecordingInfo &info, RecordingGap gap) {
    if (std::find(info.gaps.begin(), info.gaps.end(), gap) == info.gaps.end())
        info.gaps.push_back(gap);
}

QString origin(const QString &url) {
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return {};
    qsizetype end = schemeEnd + 3;
    while (end < url.size() && url[end] != QLatin1Char('/') && url[end] != QLatin1Char('?'))
        ++end;
    return url.left(end);
}

// The parsed entries on one clock, in order of start: the Run.
Run buildRun(std::vector<HarEntry> &entries, std::int64_t originNs, const QString &creator) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const HarEntry &a, const HarEntry &b) { return a.startNs < b.startNs; });
    Run run;
    run.scenario.strategy = QStringLiteral("har");
    run.scenario.n = int(entries.size());
    run.scenario.targetUrl = entries.empty() ? QString() : origin(entries.front().url);
    // The app shows it in the user's language (strategyText), like a strategy's name.
    run.strategyName = QStringLiteral(QT_TRANSLATE_NOOP("Strategy", "HAR recording"));
    run.startedAt = QDateTime::fromMSecsSinceEpoch(originNs / 1'000'000, Qt::UTC);
    run.finished = true;
    run.recording.format = QStringLiteral("har");
    run.recording.creator = creator;

    const bool portsOnly = connectionsArePorts(entries);
    ConnectionTable table;
    bool anyConnection = false, anyBlocked = false, anyServer = false, sslOutside = false;
    run.requests.reserve(entries.size());
    run.origins.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        HarEntry &entry = entries[i];
        const Nanos start = entry.startNs - originNs;
        RequestRecord record = entry.record;
        record.id = int(i);
        for (Nanos &at : record.at)
            if (at != kUnset)
                at += start;
        RequestOrigin requestOrigin;
        requestOrigin.target = entry.method + QLatin1Char(' ') + entry.url;
        if (!portsOnly && !entry.connection.isEmpty()) {
            requestOrigin.connection = table.add(entry, start);
            record.logicalLane = requestOrigin.connection;
            anyConnection = true;
        }
        anyBlocked = anyBlocked || record.has(Phase::Acquired);
        anyServer = anyServer || record.has(Phase::ServerStart);
        sslOutside = sslOutside || entry.sslOutsideConnect;
        if (record.has(Phase::Done))
            run.elapsed = std::max(run.elapsed, record.phase(Phase::Done));
        run.requests.push_back(std::move(record));
        run.origins.push_back(std::move(requestOrigin));
    }
    run.connections = std::move(table.connections);
    if (portsOnly)
        noteGap(run.recording, RecordingGap::ConnectionIsPort);
    else if (!anyConnection)
        noteGap(run.recording, RecordingGap::NoConnectionIds);
    if (!anyBlocked)
        noteGap(run.recording, RecordingGap::NoBlockedTime);
    if (!anyServer)
        noteGap(run.recording, RecordingGap::NoServerTiming);
    if (sslOutside)
        noteGap(run.recording, RecordingGap::SslOutsideConnect);
    return run;
}

} // namespace

QString lineAndColumn(const QByteArray &text, qsizetype offset) {
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) { // not a UTF-8 continuation byte: a new character
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

std::optional<Run> runFromHar(const QByteArray &input, QString *error,
                              const HarProgress &progress) {
    const auto fail = [error](const QString &reason) -> std::optional<Run> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    // Windows tools (Fiddler) write a UTF-8 byte order mark, which JSON does not allow.
    const bool bom = input.startsWith("\xEF\xBB\xBF");
    const QByteArray bytes = bom ? input.mid(3) : input;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1: %2").arg(lineAndColumn(bytes, parseError.offset),
                                                 parseError.errorString()));
    if (!document.isObject())
        return fail(QStringLiteral("not a HAR file: expected a JSON object with \"log\""));
    const QJsonValue logValue = document.object().value(QLatin1String("log"));
    if (!logValue.isObject())
        return fail(
            logValue.isUndefined()
                ? QStringLiteral("not a HAR file: no \"log\" object")
                : QStringLiteral("log: expected an object, got %1").arg(describeJson(logValue)));
    const QJsonObject log = logValue.toObject();

    QString reason;
    HarFieldReader logReader(QStringLiteral("log"), &reason);
    const QString creator = logReader.creator(log);
    std::optional<std::int64_t> originNs = logReader.earliestPageStart(log);
    const QJsonArray entryValues = logReader.array(log, "entries", /*required=*/true);
    if (!reason.isEmpty())
        return fail(reason);

    std::vector<HarEntry> entries;
    entries.reserve(std::size_t(entryValues.size()));
    for (qsizetype i = 0; i < entryValues.size(); ++i) {
        HarEntryReader reader(QStringLiteral("log.entries[%1]").arg(i), &reason);
        std::optional<HarEntry> entry = reader.read(entryValues.at(i));
        if (!entry)
            return fail(reason);
        originNs = originNs ? std::min(*originNs, entry->startNs) : entry->startNs;
        entries.push_back(std::move(*entry));
        if (progress && (i + 1) % kProgressEvery == 0)
            progress(i + 1, entryValues.size());
    }
    if (progress)
        progress(entryValues.size(), entryValues.size());
    return buildRun(entries, originNs.value_or(0), creator);
}

} // namespace reqlanes
