#include "formats/runfile.h"

#include "formats/jsonfieldreader.h"
#include "model/recording.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reqlanes {

namespace {

constexpr auto kFormatName = "reqlanes-run";
// Far above any real run file (100k requests are ~40 MB), far below what would hurt to read.

// ---- writing -----------------------------------------------------------------------------

QJsonValue nanosValue(Nanos ns) {
    return ns == kUnset ? QJsonValue(QJsonValue::Null) : QJsonValue(qint64(ns));
}

// Local times carry their UTC offset, so the file means the same instant in any time zone.
QDateTime withOffset(const QDateTime &time) {
    return time.timeSpec() == Qt::LocalTime ? time.toOffsetFromUtc(time.offsetFromUtc()) : time;
}

// The run file's key for a server setting: "latency-ms" is saved as "latency_ms".
QString settingKey(const server::Setting &setting) {
    return QString::fromLatin1(setting.name.data(), qsizetype(setting.name.size()))
        .replace(QLatin1Char('-'), QLatin1Char('_'));
}

QJsonObject serverToJson(const ServerSettings &settings) {
    QJsonObject object{{QStringLiteral("mode"), serverModeName(settings.mode)}};
    for (const server::Setting &setting : server::settings())
        if (setting.perScenario)
            object.insert(settingKey(setting), setting.get(settings));
    return object;
}

QJsonObject scenarioToJson(const Scenario &scenario) {
    return {
        {QStringLiteral("strategy"), scenario.strategy},
        {QStringLiteral("n"), scenario.n},
        {QStringLiteral("limit"), scenario.limit},
        {QStringLiteral("timeout_ms"), scenario.timeoutMs},
        {QStringLiteral("target_url"), scenario.targetUrl},
        {QStringLiteral("server"), serverToJson(scenario.server)},
    };
}

QJsonObject requestToJson(const RequestRecord &record) {
    QJsonObject object{
        {QStringLiteral("id"), record.id},
        {QStringLiteral("status"), statusName(record.status)},
        {QStringLiteral("http_status"), int(record.httpStatus)},
        {QStringLiteral("thread"), record.threadId},
        {QStringLiteral("process"), record.processId},
        {QStringLiteral("server_worker"), int(record.serverWorker)},
        {QStringLiteral("lane"), record.logicalLane},
        {QStringLiteral("error"), record.error},
    };
    for (int p = 0; p < kPhaseCount; ++p)
        object.insert(phaseName(Phase(p)), nanosValue(record.at[std::size_t(p)]));
    return object;
}

QJsonObject laneEventToJson(const LaneEvent &event) {
    return {
        {QStringLiteral("kind"), laneEventName(event.kind)},
        {QStringLiteral("at"), nanosValue(event.at)},
        {QStringLiteral("thread"), event.threadId},
        {QStringLiteral("process"), event.processId},
        {QStringLiteral("lane"), event.logicalLane},
        {QStringLiteral("detail"), event.detail},
    };
}

QJsonObject outsideToJson(const OutsideRequest &outside) {
    QJsonObject object{
        {QStringLiteral("request_id"), outside.requestId},
        {QStringLiteral("accepted"), nanosValue(outside.accepted)},
        {QStringLiteral("started"), nanosValue(outside.started)},
        {QStringLiteral("ended"), nanosValue(outside.ended)},
        {QStringLiteral("worker"), int(outside.worker)},
        {QStringLiteral("http_status"), int(outside.httpStatus)},
    };
    // Only when set: files written before it existed read the same.
    if (outside.earlierRun)
        object.insert(QStringLiteral("earlier_run"), true);
    return object;
}

QJsonObject connectionToJson(const ClientConnection &connection) {
    return {
        // Server connection ids count up from 1; doubles hold them exactly far beyond that.
        {QStringLiteral("server_id"), qint64(connection.serverId)},
        {QStringLiteral("peer"), connection.peer},
        {QStringLiteral("process"), connection.processId},
        {QStringLiteral("command"), connection.command},
        {QStringLiteral("opened"), nanosValue(connection.opened)},
        {QStringLiteral("closed"), nanosValue(connection.closed)},
        {QStringLiteral("close_reason"), connection.closeReason},
    };
}

QJsonObject originToJson(const RequestOrigin &origin) {
    QJsonObject object{
        {QStringLiteral("connection"), origin.connection},
        {QStringLiteral("request_id"), origin.requestId},
        {QStringLiteral("client_lane"), origin.clientLane},
        {QStringLiteral("target"), origin.target},
    };
    if (!origin.traceParent.isEmpty())
        object.insert(QStringLiteral("trace_parent"), origin.traceParent);
    return object;
}

QJsonObject spanToJson(const TracedSpan &span) {
    return {
        {QStringLiteral("service"), span.service},  {QStringLiteral("host"), span.host},
        {QStringLiteral("trace_id"), span.traceId}, {QStringLiteral("span_id"), span.spanId},
        {QStringLiteral("name"), span.name},        {QStringLiteral("url"), span.url},
    };
}

QJsonObject waitToJson(const ClientWaitSpan &wait) {
    return {{QStringLiteral("what"), clientWaitName(wait.what)},
            {QStringLiteral("from"), nanosValue(wait.from)},
            {QStringLiteral("to"), nanosValue(wait.to)},
            {QStringLiteral("limit"), wait.limit}};
}

QJsonObject clientSideToJson(const ClientSide &side) {
    return {{QStringLiteral("library"), side.library},
            {QStringLiteral("task"), side.task},
            {QStringLiteral("task_name"), side.taskName},
            {QStringLiteral("semaphore"), waitToJson(side.semaphore)},
            {QStringLiteral("connection"), waitToJson(side.connection)},
            {QStringLiteral("timeout_s"), side.timeoutS}};
}

// One array element per line: readable and diffable without the size of full indentation.
template <typename Items, typename ToJson>
void appendArray(QByteArray &out, const char *key, const Items &items, ToJson toJson, bool last) {
    out += "  \"";
    out += key;
    out += "\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        out += JsonFieldReader::text(toJson(items[i]));
    }
    out += items.empty() ? "]" : "\n  ]";
    out += last ? "\n" : ",\n";
}

// ---- reading -----------------------------------------------------------------------------

constexpr qint64 kInt32Max = std::numeric_limits<std::int32_t>::max();

bool readScenario(const QJsonObject &object, Scenario &scenario, QString *error) {
    JsonFieldReader in(object, QStringLiteral("scenario"), error);
    scenario.strategy = in.string("strategy");
    scenario.n = int(in.integer("n", 0, kInt32Max));
    scenario.limit = int(in.integer("limit", 0, kInt32Max));
    scenario.timeoutMs = int(in.integer("timeout_ms", 0, kInt32Max));
    scenario.targetUrl = in.string("target_url");
    const QJsonObject serverObject = in.object("server");
    if (!in.ok())
        return false;
    JsonFieldReader server(serverObject, QStringLiteral("scenario.server"), error);
    // Ranges are checked by validateScenario below, with the server's own bounds. A setting
    // added after a file was written keeps its default.
    for (const server::Setting &setting : server::settings()) {
        const QByteArray key = settingKey(setting).toLatin1();
        if (!setting.perScenario || !server.has(key.constData()))
            continue;
        setting.set(scenario.server, setting.isInteger()
                                         ? double(server.integer(key.constData(), 0, kInt32Max))
                                         : server.number(key.constData()));
    }
    const QString mode = server.string("mode");
    if (server.ok() && mode != serverModeName(ServerMode::Sync) &&
        mode != serverModeName(ServerMode::Async))
        server.fail("mode", QStringLiteral("unknown value \"%1\"").arg(mode.left(40)));
    scenario.server.mode =
        mode == serverModeName(ServerMode::Async) ? ServerMode::Async : ServerMode::Sync;
    if (!server.ok())
        return false;
    if (const QString invalid = validateScenario(scenario); !invalid.isEmpty()) {
        if (error)
            *error = QStringLiteral("scenario: %1").arg(invalid);
        return false;
    }
    return true;
}

bool readRequest(const QJsonValue &value, int index, RequestRecord &record, QString *error) {
    const QString path = QStringLiteral("requests[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    const QJsonObject object = value.toObject();
    JsonFieldReader in(object, path, error);
    record.id = int(in.integer("id", 0, limits::kMaxRequests));
    if (in.ok() && record.id != index)
        in.fail("id",
                QStringLiteral("%1 does not match its position %2").arg(record.id).arg(index));
    record.status = in.named("status", statusFromName);
    record.httpStatus = std::uint16_t(in.integer("http_status", 0, 999));
    record.threadId = std::int32_t(in.integer("thread", 0, kInt32Max));
    record.processId = std::int32_t(in.integer("process", 0, kInt32Max));
    record.serverWorker =
        std::int16_t(in.integer("server_worker", -1, std::numeric_limits<std::int16_t>::max()));
    record.logicalLane = std::int32_t(in.integer("lane", -1, kInt32Max));
    record.error = in.string("error");
    for (int p = 0; p < kPhaseCount && in.ok(); ++p)
        record.at[std::size_t(p)] = in.nanosOrNull(phaseName(Phase(p)).toLatin1().constData());
    return in.ok();
}

bool readLaneEvent(const QJsonValue &value, int index, LaneEvent &event, QString *error) {
    const QString path = QStringLiteral("lane_events[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    const QJsonObject object = value.toObject();
    JsonFieldReader in(object, path, error);
    event.kind = in.named("kind", laneEventFromName);
    event.at = in.nanosOrNull("at");
    event.threadId = std::int32_t(in.integer("thread", 0, kInt32Max));
    event.processId = std::int32_t(in.integer("process", 0, kInt32Max));
    event.logicalLane = std::int32_t(in.integer("lane", -1, kInt32Max));
    event.detail = in.string("detail");
    return in.ok();
}

bool readOutside(const QJsonValue &value, int index, OutsideRequest &outside, QString *error) {
    const QString path = QStringLiteral("outside_requests[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    const QJsonObject object = value.toObject();
    JsonFieldReader in(object, path, error);
    outside.requestId = in.string("request_id");
    outside.accepted = in.nanosOrNull("accepted");
    outside.started = in.nanosOrNull("started");
    outside.ended = in.nanosOrNull("ended");
    outside.worker =
        std::int16_t(in.integer("worker", -1, std::numeric_limits<std::int16_t>::max()));
    outside.httpStatus = std::uint16_t(in.integer("http_status", 0, 999));
    outside.earlierRun = in.has("earlier_run") && in.boolean("earlier_run");
    return in.ok();
}

bool readConnection(const QJsonValue &value, int index, ClientConnection &connection,
                    QString *error) {
    const QString path = QStringLiteral("connections[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    const QJsonObject object = value.toObject();
    JsonFieldReader in(object, path, error);
    connection.serverId =
        std::uint64_t(in.integer("server_id", 0, JsonFieldReader::kMaxExactInteger));
    connection.peer = in.string("peer");
    connection.processId = std::int32_t(in.integer("process", 0, kInt32Max));
    connection.command = in.string("command");
    connection.opened = in.nanosOrNull("opened");
    connection.closed = in.nanosOrNull("closed");
    connection.closeReason = in.string("close_reason");
    return in.ok();
}

// `connections` is the size of Run::connections: an origin must point into it (or be -1).
bool readOrigin(const QJsonValue &value, int index, int connections, RequestOrigin &origin,
                QString *error) {
    const QString path = QStringLiteral("origins[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    const QJsonObject object = value.toObject();
    JsonFieldReader in(object, path, error);
    origin.connection = int(in.integer("connection", -1, qint64(connections) - 1));
    origin.requestId = in.string("request_id");
    origin.clientLane = in.string("client_lane");
    origin.target = in.string("target");
    if (in.has("trace_parent")) // written since OpenTelemetry traces came in
        origin.traceParent = in.string("trace_parent");
    return in.ok();
}

bool readSpan(const QJsonValue &value, int index, TracedSpan &span, QString *error) {
    const QString path = QStringLiteral("spans[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    JsonFieldReader in(value.toObject(), path, error);
    span.service = in.string("service");
    span.host = in.string("host");
    span.traceId = in.string("trace_id");
    span.spanId = in.string("span_id");
    span.name = in.string("name");
    span.url = in.string("url");
    return in.ok();
}

bool readWait(JsonFieldReader &outer, const char *key, const QString &path, ClientWaitSpan &wait,
              QString *error) {
    const QJsonObject object = outer.object(key);
    if (!outer.ok())
        return false;
    JsonFieldReader in(object, path + QLatin1Char('.') + QLatin1String(key), error);
    wait.what = in.named("what", &clientWaitFromName);
    wait.from = in.nanosOrNull("from");
    wait.to = in.nanosOrNull("to");
    wait.limit = int(in.integer("limit", 0, kInt32Max));
    return in.ok();
}

bool readClientSide(const QJsonValue &value, int index, ClientSide &side, QString *error) {
    const QString path = QStringLiteral("client_sides[%1]").arg(index);
    if (!value.isObject()) {
        if (error)
            *error = QStringLiteral("%1: expected an object").arg(path);
        return false;
    }
    JsonFieldReader in(value.toObject(), path, error);
    side.library = in.string("library");
    side.task = in.string("task");
    side.taskName = in.string("task_name");
    if (!readWait(in, "semaphore", path, side.semaphore, error) ||
        !readWait(in, "connection", path, side.connection, error))
        return false;
    side.timeoutS = in.number("timeout_s");
    if (in.ok() && side.timeoutS < 0)
        in.fail("timeout_s", QStringLiteral("negative"));
    return in.ok();
}

// Reads an optional array (absent in files written before it existed) element by element.
template <typename Item, typename ReadItem>
bool readOptionalArray(JsonFieldReader &in, const char *key, std::vector<Item> &items,
                       ReadItem readItem) {
    if (!in.has(key))
        return in.ok();
    const QJsonArray array = in.array(key);
    if (!in.ok())
        return false;
    items.resize(std::size_t(array.size()));
    for (int i = 0; i < int(array.size()); ++i)
        if (!readItem(array[i], i, items[std::size_t(i)]))
            return false;
    return true;
}

QString describeParseError(const QByteArray &json, const QJsonParseError &parseError) {
    const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
    const qsizetype lineStart = json.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = json.left(offset).count('\n') + 1;
    return QStringLiteral("line %1, column %2: %3")
        .arg(line)
        .arg(offset - lineStart + 1)
        .arg(parseError.errorString());
}

// A recording's origin (a HAR file): its format, producer and gaps.
bool readRecording(const QJsonObject &object, RecordingInfo &recording, QString *error) {
    JsonFieldReader in(object, QStringLiteral("recording"), error);
    recording.format = in.string("format");
    recording.creator = in.string("creator");
    const QJsonArray gaps = in.array("gaps");
    for (qsizetype i = 0; i < gaps.size() && in.ok(); ++i) {
        const auto gap = recordingGapFromName(gaps.at(i).toString());
        if (!gap)
            in.fail("gaps", QStringLiteral("unknown value \"%1\"")
                                .arg(QString::fromUtf8(JsonFieldReader::text(gaps.at(i)))));
        else
            recording.gaps.push_back(*gap);
    }
    return in.ok();
}

QJsonObject recordingToJson(const RecordingInfo &recording) {
    QJsonArray gaps;
    for (const RecordingGap gap : recording.gaps)
        gaps.append(recordingGapName(gap));
    return {{QStringLiteral("format"), recording.format},
            {QStringLiteral("creator"), recording.creator},
            {QStringLiteral("gaps"), gaps}};
}

// Outside traffic and a watch session's connections, origins and dropped count: optional.
bool readSessionTables(JsonFieldReader &in, Run &run, QString *error) {
    if (!readOptionalArray(in, "outside_requests", run.outsideRequests,
                           [error](const QJsonValue &value, int i, OutsideRequest &item) {
                               return readOutside(value, i, item, error);
                           }) ||
        !readOptionalArray(in, "connections", run.connections,
                           [error](const QJsonValue &value, int i, ClientConnection &item) {
                               return readConnection(value, i, item, error);
                           }))
        return false;
    const int connections = int(run.connections.size());
    if (!readOptionalArray(
            in, "origins", run.origins,
            [error, connections](const QJsonValue &value, int i, RequestOrigin &item) {
                return readOrigin(value, i, connections, item, error);
            }))
        return false;
    // Origins, when present, describe the requests one to one (index == request id).
    if (!run.origins.empty() && run.origins.size() != run.requests.size()) {
        in.fail("origins", QStringLiteral("%1 origins for %2 requests")
                               .arg(run.origins.size())
                               .arg(run.requests.size()));
        return false;
    }
    if (!readOptionalArray(in, "spans", run.spans,
                           [error](const QJsonValue &value, int i, TracedSpan &item) {
                               return readSpan(value, i, item, error);
                           }))
        return false;
    if (!run.spans.empty() && run.spans.size() != run.requests.size()) {
        in.fail("spans", QStringLiteral("%1 spans for %2 requests")
                             .arg(run.spans.size())
                             .arg(run.requests.size()));
        return false;
    }
    if (!readOptionalArray(in, "client_sides", run.clientSides,
                           [error](const QJsonValue &value, int i, ClientSide &item) {
                               return readClientSide(value, i, item, error);
                           }))
        return false;
    if (!run.clientSides.empty() && run.clientSides.size() != run.requests.size()) {
        in.fail("client_sides", QStringLiteral("%1 client sides for %2 requests")
                                    .arg(run.clientSides.size())
                                    .arg(run.requests.size()));
        return false;
    }
    if (in.has("dropped_requests"))
        run.droppedRequests = int(in.integer("dropped_requests", 0, kInt32Max));
    if (in.has("recording") && !readRecording(in.object("recording"), run.recording, error))
        return false;
    return in.ok();
}

} // namespace

QByteArray runToJson(const Run &run) {
    QByteArray out = "{\n";
    auto field = [&out](const char *key, const QJsonValue &value) {
        out += "  \"";
        out += key;
        out += "\": ";
        out += JsonFieldReader::text(value);
        out += ",\n";
    };
    field("format", QLatin1String(kFormatName));
    field("version", kRunFormatVersion);
    field("scenario", scenarioToJson(run.scenario));
    field("strategy_name", run.strategyName);
    field("started_at", run.startedAt.isValid()
                            ? QJsonValue(withOffset(run.startedAt).toString(Qt::ISODateWithMs))
                            : QJsonValue(QJsonValue::Null));
    field("elapsed_ns", qint64(run.elapsed));
    field("finished", run.finished);
    field("cancelled", run.cancelled);
    field("error", run.error);
    // Where the embedded server listened (HAR exports name it). Optional on read.
    if (!run.embeddedServerUrl.isEmpty())
        field("embedded_server_url", run.embeddedServerUrl);
    appendArray(out, "requests", run.requests, requestToJson, false);
    appendArray(out, "lane_events", run.laneEvents, laneEventToJson, false);
    appendArray(out, "outside_requests", run.outsideRequests, outsideToJson, false);
    // Watch sessions' side tables; empty for strategy runs. All optional on read (added to
    // version 1 without a version bump: older readers ignore unknown keys, newer ones default).
    appendArray(out, "connections", run.connections, connectionToJson, false);
    appendArray(out, "origins", run.origins, originToJson, false);
    // Runs read from OpenTelemetry traces: the span behind each request. Optional on read.
    if (!run.spans.empty())
        appendArray(out, "spans", run.spans, spanToJson, false);
    // Watch sessions of a traced program: what its client said beyond the phases. Optional.
    if (!run.clientSides.empty())
        appendArray(out, "client_sides", run.clientSides, clientSideToJson, false);
    // A recording from elsewhere (HAR) says so; reqlanes' own runs leave the key out.
    if (run.recording.isRecording())
        field("recording", recordingToJson(run.recording));
    out += "  \"dropped_requests\": ";
    out += QByteArray::number(run.droppedRequests);
    out += "\n}\n";
    return out;
}

std::optional<Run> runFromJson(const QByteArray &json, QString *error) {
    auto fail = [error](const QString &reason) -> std::optional<Run> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (json.trimmed().isEmpty())
        return fail(QStringLiteral("the file is empty"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(describeParseError(json, parseError));
    if (!document.isObject())
        return fail(QStringLiteral("not a reqlanes run file: the top level is not an object"));

    const QJsonObject root = document.object();
    JsonFieldReader in(root, QString(), error);
    const QString format = in.string("format");
    if (in.ok() && format != QLatin1String(kFormatName))
        return fail(QStringLiteral("not a reqlanes run file (format \"%1\")").arg(format.left(40)));
    const qint64 version =
        in.integer("version", std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    if (!in.ok())
        return std::nullopt;
    if (version > kRunFormatVersion)
        return fail(QStringLiteral("version %1 is newer than this reqlanes (%2)")
                        .arg(version)
                        .arg(kRunFormatVersion));
    if (version < 1)
        return fail(QStringLiteral("version %1 is not a valid run file version").arg(version));

    Run run;
    const QJsonObject scenario = in.object("scenario");
    if (!in.ok() || !readScenario(scenario, run.scenario, error))
        return std::nullopt;
    run.strategyName = in.string("strategy_name");
    const QJsonValue startedAt = root.value(QLatin1String("started_at"));
    if (in.ok() && !startedAt.isNull()) {
        run.startedAt = QDateTime::fromString(in.string("started_at"), Qt::ISODateWithMs);
        if (in.ok() && !run.startedAt.isValid())
            in.fail("started_at", QStringLiteral("not an ISO 8601 date and time"));
    }
    run.elapsed = in.integer("elapsed_ns", 0, JsonFieldReader::kMaxExactInteger);
    run.finished = in.boolean("finished");
    run.cancelled = in.boolean("cancelled");
    run.error = in.string("error");
    if (root.contains(QLatin1String("embedded_server_url")))
        run.embeddedServerUrl = in.string("embedded_server_url");
    const QJsonArray requests = in.array("requests");
    const QJsonArray laneEvents = in.array("lane_events");
    if (!in.ok())
        return std::nullopt;

    // Bounded by the file's own arrays, never by a number written in it.
    if (requests.size() > limits::kMaxRequests)
        return fail(QStringLiteral("requests: %1 requests, more than the %2 a run can have")
                        .arg(requests.size())
                        .arg(limits::kMaxRequests));
    run.requests.resize(std::size_t(requests.size()));
    for (int i = 0; i < int(requests.size()); ++i)
        if (!readRequest(requests[i], i, run.requests[std::size_t(i)], error))
            return std::nullopt;
    run.laneEvents.resize(std::size_t(laneEvents.size()));
    for (int i = 0; i < int(laneEvents.size()); ++i)
        if (!readLaneEvent(laneEvents[i], i, run.laneEvents[std::size_t(i)], error))
            return std::nullopt;
    return readSessionTables(in, run, error) ? std::optional<Run>(std::move(run)) : std::nullopt;
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

bool saveRun(const Run &run, const QString &path, QString *error) {
    return writeFileAtomically(path, runToJson(run), error);
}

std::optional<Run> loadRun(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxRunFileBytes) {
        if (error)
            *error = QStringLiteral("%1 is too large to be a run file (%2 bytes)")
                         .arg(path)
                         .arg(file.size());
        return std::nullopt;
    }
    QString reason;
    auto run = runFromJson(file.readAll(), &reason);
    if (!run && error)
        *error = QStringLiteral("%1: %2").arg(path, reason);
    return run;
}

} // namespace reqlanes
