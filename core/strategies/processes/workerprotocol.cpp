#include "strategies/processes/workerprotocol.h"

#include "model/scenario.h"

#include <charconv>
#include <limits>
#include <vector>

namespace reqlanes::workerprotocol {

namespace {

constexpr int kMaxServerWorker = 32767; // RequestRecord::serverWorker is an int16
constexpr std::int32_t kMaxPid = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMaxSteadyNs = std::numeric_limits<std::int64_t>::max();
constexpr char kHexDigits[] = "0123456789ABCDEF";

bool fail(QString *error, const QString &reason) {
    if (error)
        *error = reason;
    return false;
}

// Quotes a field in an error message without letting a huge field make a huge message.
QString quoted(std::string_view field) {
    constexpr std::size_t kShown = 40;
    QString text =
        QString::fromLatin1(field.data(), static_cast<qsizetype>(std::min(field.size(), kShown)));
    if (field.size() > kShown)
        text += QStringLiteral("...");
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

// Splits a line into fields, rejecting anything but printable ASCII and single spaces.
bool splitFields(std::string_view line, std::vector<std::string_view> &fields, QString *error) {
    if (line.size() > kMaxLineBytes)
        return fail(error, QStringLiteral("line is %1 bytes, longer than the limit of %2")
                               .arg(line.size())
                               .arg(kMaxLineBytes));
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] != ' ') {
            const auto byte = static_cast<unsigned char>(line[i]);
            if (byte < 0x21 || byte > 0x7E)
                return fail(error, QStringLiteral("invalid byte 0x%1 at column %2")
                                       .arg(static_cast<uint>(byte), 2, 16, QLatin1Char('0'))
                                       .arg(i + 1));
            continue;
        }
        if (i == start)
            return fail(error, QStringLiteral("empty field at column %1 (fields are separated "
                                              "by exactly one space)")
                                   .arg(i + 1));
        fields.push_back(line.substr(start, i - start));
        start = i + 1;
    }
    return true;
}

bool parseNumber(std::string_view field, std::int64_t min, std::int64_t max, const char *what,
                 std::int64_t &out, QString *error) {
    const bool negative = field.front() == '-';
    const std::string_view digits = negative ? field.substr(1) : field;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return fail(error, QStringLiteral("%1 %2 is not a decimal number")
                               .arg(QLatin1String(what), quoted(field)));
    if (negative && min >= 0)
        return fail(
            error,
            QStringLiteral("%1 %2 must not be negative").arg(QLatin1String(what), quoted(field)));
    if ((digits.size() > 1 && digits.front() == '0') || (negative && digits == "0"))
        return fail(error, QStringLiteral("%1 %2 is not canonical (leading zero or -0)")
                               .arg(QLatin1String(what), quoted(field)));
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec != std::errc{} || end != field.data() + field.size() || value < min || value > max)
        return fail(error, QStringLiteral("%1 %2 is out of range %3..%4")
                               .arg(QLatin1String(what), quoted(field))
                               .arg(min)
                               .arg(max));
    out = value;
    return true;
}

template <typename Int>
bool parseInt(std::string_view field, std::int64_t min, std::int64_t max, const char *what,
              Int &out, QString *error) {
    std::int64_t value = 0;
    if (!parseNumber(field, min, max, what, value, error))
        return false;
    out = static_cast<Int>(value);
    return true;
}

bool parseId(std::string_view field, int &out, QString *error) {
    return parseInt(field, 0, limits::kMaxRequests - 1, "request id", out, error);
}

bool parseSteady(std::string_view field, std::int64_t &out, QString *error) {
    return parseInt(field, 0, kMaxSteadyNs, "steady_ns", out, error);
}

QByteArray encodeText(const QString &text) {
    QByteArray utf8 = text.toUtf8();
    if (static_cast<std::size_t>(utf8.size()) > kMaxErrorBytes) {
        qsizetype cut = static_cast<qsizetype>(kMaxErrorBytes);
        // Step back to the lead byte of a character that would be split, and drop it whole.
        while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80)
            --cut;
        utf8.truncate(cut);
    }
    if (utf8.isEmpty())
        return QByteArrayLiteral("-");
    if (utf8 == "-")
        return QByteArrayLiteral("%2D");
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x21 || byte > 0x7E || byte == '%') {
            out += '%';
            out += kHexDigits[byte >> 4];
            out += kHexDigits[byte & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1; // lower case is not canonical
}

bool decodeText(std::string_view field, QString &out, QString *error) {
    if (field == "-") {
        out.clear();
        return true;
    }
    QByteArray bytes;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] != '%') {
            bytes += field[i];
            continue;
        }
        const int high = i + 2 < field.size() ? hexValue(field[i + 1]) : -1;
        const int low = i + 2 < field.size() ? hexValue(field[i + 2]) : -1;
        if (high < 0 || low < 0)
            return fail(error, QStringLiteral("bad escape at offset %1 of the error text (expected "
                                              "%XX, upper-case hex)")
                                   .arg(i));
        bytes += static_cast<char>(high * 16 + low);
        i += 2;
    }
    if (static_cast<std::size_t>(bytes.size()) > kMaxErrorBytes)
        return fail(error, QStringLiteral("error text is %1 bytes, longer than the limit of %2")
                               .arg(bytes.size())
                               .arg(kMaxErrorBytes));
    out = QString::fromUtf8(bytes);
    if (out.toUtf8() != bytes)
        return fail(error, QStringLiteral("error text is not valid UTF-8"));
    if (encodeText(out) != QByteArray(field.data(), static_cast<qsizetype>(field.size())))
        return fail(error, QStringLiteral("error text is not canonically escaped"));
    return true;
}

bool expectFields(std::string_view verb, const std::vector<std::string_view> &fields,
                  std::size_t wanted, QString *error) {
    const std::size_t got = fields.size() - 2;
    if (got == wanted)
        return true;
    return fail(error, QStringLiteral("'%1' takes %2 field(s), got %3")
                           .arg(QLatin1String(verb.data(), static_cast<qsizetype>(verb.size())))
                           .arg(wanted)
                           .arg(got));
}

// Checks the version and returns the verb's fields; fields[0] is the version, [1] the verb.
bool splitMessage(std::string_view line, std::vector<std::string_view> &fields, QString *error) {
    if (!splitFields(line, fields, error))
        return false;
    if (fields.empty() || fields.front() != kVersion)
        return fail(error, QStringLiteral("wrong protocol version %1 (expected %2)")
                               .arg(quoted(fields.empty() ? std::string_view{} : fields.front()),
                                    QLatin1String(kVersion.data())));
    if (fields.size() < 2)
        return fail(error, QStringLiteral("missing verb"));
    return true;
}

QByteArray line(std::initializer_list<QByteArray> fields) {
    QByteArray out(kVersion.data(), static_cast<qsizetype>(kVersion.size()));
    for (const QByteArray &field : fields) {
        out += ' ';
        out += field;
    }
    out += '\n';
    return out;
}

QByteArray num(std::int64_t value) {
    return QByteArray::number(static_cast<qlonglong>(value));
}

} // namespace

QString checkJobUrl(const QByteArray &url) {
    if (url.isEmpty())
        return QStringLiteral("the URL is empty");
    if (static_cast<std::size_t>(url.size()) > kMaxUrlBytes)
        return QStringLiteral("the URL is %1 bytes, longer than the limit of %2")
            .arg(url.size())
            .arg(kMaxUrlBytes);
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x21 || byte > 0x7E)
            return QStringLiteral("the URL contains byte 0x%1; only printable ASCII is allowed")
                .arg(static_cast<uint>(byte), 2, 16, QLatin1Char('0'));
    }
    return {};
}

QByteArray encodeLine(const ParentMessage &message) {
    if (const auto *job = std::get_if<JobMessage>(&message))
        return line({"job", num(job->id), num(job->generation), num(job->timeoutMs), job->url});
    return line({"quit"});
}

QByteArray encodeLine(const WorkerMessage &message) {
    struct Encoder {
        QByteArray operator()(const HelloMessage &m) const {
            return line({"hello", num(m.pid), num(m.tid), num(m.steadyNs)});
        }
        QByteArray operator()(const PhaseMessage &m) const {
            return line({"phase", num(m.id), phaseName(m.phase).toLatin1(), num(m.steadyNs)});
        }
        QByteArray operator()(const DoneMessage &m) const {
            return line({"done", num(m.id), statusName(m.status).toLatin1(), num(m.httpStatus),
                         num(m.serverWorker), encodeText(m.error)});
        }
        QByteArray operator()(const FatalMessage &m) const {
            return line({"fatal", encodeText(m.error)});
        }
    };
    return std::visit(Encoder{}, message);
}

std::optional<ParentMessage> decodeParentLine(std::string_view text, QString *error) {
    std::vector<std::string_view> fields;
    if (!splitMessage(text, fields, error))
        return std::nullopt;
    const std::string_view verb = fields[1];
    if (verb == "job") {
        JobMessage job;
        if (!expectFields(verb, fields, 4, error) || !parseId(fields[2], job.id, error) ||
            !parseInt(fields[3], 0, std::numeric_limits<std::uint32_t>::max(), "generation",
                      job.generation, error) ||
            !parseInt(fields[4], 1, limits::kMaxTimeoutMs, "timeout_ms", job.timeoutMs, error))
            return std::nullopt;
        job.url = QByteArray(fields[5].data(), static_cast<qsizetype>(fields[5].size()));
        if (const QString reason = checkJobUrl(job.url); !reason.isEmpty()) {
            fail(error, reason);
            return std::nullopt;
        }
        return job;
    }
    if (verb == "quit") {
        if (!expectFields(verb, fields, 0, error))
            return std::nullopt;
        return QuitMessage{};
    }
    fail(error, QStringLiteral("unknown verb %1 for a parent-to-worker line").arg(quoted(verb)));
    return std::nullopt;
}

std::optional<WorkerMessage> decodeWorkerLine(std::string_view text, QString *error) {
    std::vector<std::string_view> fields;
    if (!splitMessage(text, fields, error))
        return std::nullopt;
    const std::string_view verb = fields[1];
    if (verb == "hello") {
        HelloMessage hello;
        if (!expectFields(verb, fields, 3, error) ||
            !parseInt(fields[2], 1, kMaxPid, "pid", hello.pid, error) ||
            !parseInt(fields[3], 1, kMaxPid, "tid", hello.tid, error) ||
            !parseSteady(fields[4], hello.steadyNs, error))
            return std::nullopt;
        return hello;
    }
    if (verb == "phase") {
        PhaseMessage phase;
        if (!expectFields(verb, fields, 3, error) || !parseId(fields[2], phase.id, error) ||
            !parseSteady(fields[4], phase.steadyNs, error))
            return std::nullopt;
        const auto name = phaseFromName(
            QString::fromLatin1(fields[3].data(), static_cast<qsizetype>(fields[3].size())));
        if (!name || *name < Phase::ConnectStart) {
            fail(error, QStringLiteral("phase %1 is not one a worker reports (connect_start..done)")
                            .arg(quoted(fields[3])));
            return std::nullopt;
        }
        phase.phase = *name;
        return phase;
    }
    if (verb == "done") {
        DoneMessage done;
        if (!expectFields(verb, fields, 5, error) || !parseId(fields[2], done.id, error) ||
            !parseInt(fields[4], 0, 999, "http status", done.httpStatus, error) ||
            !parseInt(fields[5], -1, kMaxServerWorker, "server worker", done.serverWorker, error) ||
            !decodeText(fields[6], done.error, error))
            return std::nullopt;
        const auto status = statusFromName(
            QString::fromLatin1(fields[3].data(), static_cast<qsizetype>(fields[3].size())));
        if (!status || *status == RequestStatus::Pending) {
            fail(error,
                 QStringLiteral("status %1 is not a final request status").arg(quoted(fields[3])));
            return std::nullopt;
        }
        done.status = *status;
        return done;
    }
    if (verb == "fatal") {
        FatalMessage fatal;
        if (!expectFields(verb, fields, 1, error) || !decodeText(fields[2], fatal.error, error))
            return std::nullopt;
        return fatal;
    }
    fail(error, QStringLiteral("unknown verb %1 for a worker-to-parent line").arg(quoted(verb)));
    return std::nullopt;
}

} // namespace reqlanes::workerprotocol
