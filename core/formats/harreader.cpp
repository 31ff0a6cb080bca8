#include "formats/harreader.h"

#include "formats/harentry.h"
#include "formats/isodatetime.h"
#include "formats/jsonoutline.h"
#include "model/urlauthority.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
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

namespace {

// Reads a HAR document entry by entry (JsonOutline): the entries' slices are parsed one at a
// time, everything else of `log` (creator, pages...) into one small object.
class HarDocumentReader {
public:
    HarDocumentReader(const QByteArray &text, qsizetype start, const HarProgress &progress)
        : m_text(text)
        , m_start(start)
        , m_outline(text, start)
        , m_progress(progress) {}

    std::optional<Run> read(QString *error);

private:
    bool readLog();
    bool readEntries();
    // The value at `first` is not the container the path needs: a syntax error if it is not even
    // JSON, else "PATH: expected WHAT, got ...".
    bool notA(const char *path, const char *what, char first);
    bool syntaxError() {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1: %2").arg(lineAndColumn(m_text, m_outline.errorOffset()),
                                                   m_outline.error());
        return false;
    }
    bool fail(const QString &reason) {
        if (m_error.isEmpty())
            m_error = reason;
        return false;
    }
    // The value of [from, position()) parsed on its own; a JSON error names its line and column.
    std::optional<QJsonValue> parseSlice(qsizetype from);
    // The outline's next value, skipped over and then parsed on its own; nullopt once an error
    // is reported.
    std::optional<QJsonValue> nextValue();

    const QByteArray &m_text;
    qsizetype m_start;
    JsonOutline m_outline;
    const HarProgress &m_progress;
    QString m_error;
    QJsonObject m_log; // log's members but entries
    std::vector<HarEntry> m_entries;
    std::optional<std::int64_t> m_earliestEntry;
};

std::optional<QJsonValue> HarDocumentReader::parseSlice(qsizetype from) {
    const QByteArray slice = m_outline.slice(from);
    // QJsonDocument reads objects and arrays only: a scalar is read as a one-element array.
    const bool container = slice.startsWith('{') || slice.startsWith('[');
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(container ? slice : '[' + slice + ']', &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype at = from + (container ? parseError.offset : parseError.offset - 1);
        fail(QStringLiteral("%1: %2").arg(lineAndColumn(m_text, std::max(from, at)),
                                          parseError.errorString()));
        return std::nullopt;
    }
    if (!container)
        return document.array().at(0);
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

std::optional<QJsonValue> HarDocumentReader::nextValue() {
    m_outline.peek();
    const qsizetype from = m_outline.position();
    if (!m_outline.skipValue()) {
        syntaxError();
        return std::nullopt;
    }
    return parseSlice(from);
}

bool HarDocumentReader::notA(const char *path, const char *what, char first) {
    const qsizetype from = m_outline.position();
    if (!m_outline.skipValue() || !parseSlice(from))
        return m_outline.failed() ? syntaxError() : false;
    return fail(QStringLiteral("%1: expected %2, got %3")
                    .arg(QLatin1String(path), QLatin1String(what), describeJsonStart(first)));
}

bool HarDocumentReader::readEntries() {
    const char first = m_outline.peek();
    if (first != '[')
        return notA("log.entries", "an array", first);
    m_outline.take('[');
    bool another = !m_outline.take(']');
    for (qsizetype i = 0; another; ++i) {
        const std::optional<QJsonValue> value = nextValue();
        if (!value)
            return false;
        QString reason;
        HarEntryReader reader(QStringLiteral("log.entries[%1]").arg(i), &reason);
        std::optional<HarEntry> entry = reader.read(*value);
        if (!entry)
            return fail(reason);
        m_earliestEntry =
            m_earliestEntry ? std::min(*m_earliestEntry, entry->startNs) : entry->startNs;
        m_entries.push_back(std::move(*entry));
        if (m_progress && (i + 1) % kProgressEvery == 0)
            m_progress(m_outline.position() - m_start, m_text.size() - m_start);
        if (!m_outline.nextOrClose(']', &another))
            return syntaxError();
    }
    return true;
}

bool HarDocumentReader::readLog() {
    const char first = m_outline.peek();
    if (first != '{')
        return notA("log", "an object", first);
    m_outline.take('{');
    bool sawEntries = false;
    bool another = !m_outline.take('}');
    while (another) {
        QByteArray key;
        if (!m_outline.key(&key))
            return syntaxError();
        if (key == "entries" && !sawEntries) {
            sawEntries = true;
            if (!readEntries())
                return false;
        } else {
            const std::optional<QJsonValue> value = nextValue();
            if (!value)
                return false;
            m_log.insert(QString::fromUtf8(key), *value);
        }
        if (!m_outline.nextOrClose('}', &another))
            return syntaxError();
    }
    return sawEntries || fail(QStringLiteral("log.entries: missing"));
}

std::optional<Run> HarDocumentReader::read(QString *error) {
    const auto failed = [&]() -> std::optional<Run> {
        if (error)
            *error = m_error;
        return std::nullopt;
    };
    if (!m_outline.take('{')) {
        fail(QStringLiteral("not a HAR file: expected a JSON object with \"log\""));
        return failed();
    }
    bool sawLog = false;
    bool another = !m_outline.take('}');
    while (another) {
        QByteArray key;
        if (!m_outline.key(&key)) {
            syntaxError();
            return failed();
        }
        if (key == "log" && !sawLog) {
            sawLog = true;
            if (!readLog())
                return failed();
        } else {
            m_outline.peek();
            const qsizetype from = m_outline.position();
            if (!m_outline.skipValue()) {
                syntaxError();
                return failed();
            }
            if (!parseSlice(from))
                return failed();
        }
        if (!m_outline.nextOrClose('}', &another)) {
            syntaxError();
            return failed();
        }
    }
    if (!m_outline.atEnd()) {
        m_outline.fail(QStringLiteral("unexpected text after the document"));
        {
            syntaxError();
            return failed();
        }
    }
    if (!sawLog) {
        fail(QStringLiteral("not a HAR file: no \"log\" object"));
        return failed();
    }

    QString reason;
    HarFieldReader logReader(QStringLiteral("log"), &reason);
    const QString creator = logReader.creator(m_log);
    std::optional<std::int64_t> originNs = logReader.earliestPageStart(m_log);
    if (!reason.isEmpty()) {
        fail(reason);
        return failed();
    }
    if (m_earliestEntry)
        originNs = originNs ? std::min(*originNs, *m_earliestEntry) : *m_earliestEntry;
    if (m_progress)
        m_progress(m_text.size() - m_start, m_text.size() - m_start);
    return buildRun(m_entries, originNs.value_or(0), creator);
}

} // namespace

std::optional<Run> runFromHar(const QByteArray &input, QString *error,
                              const HarProgress &progress) {
    // Windows tools (Fiddler) write a UTF-8 byte order mark, which JSON does not allow.
    const qsizetype start = input.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    return HarDocumentReader(input, start, progress).read(error);
}

} // namespace reqlanes
