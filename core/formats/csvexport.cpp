#include "formats/csvexport.h"

namespace reqlanes {

namespace {

// RFC 4180: quote a field that holds a separator, a quote or a line break; double its quotes.
QByteArray field(const QString &text) {
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') &&
        !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

// Microsecond precision is plenty for a spreadsheet and keeps the columns short.
QByteArray milliseconds(Nanos ns) {
    return ns == kUnset ? QByteArray() : QByteArray::number(nanosToMs(ns), 'f', 3);
}

} // namespace

QByteArray runToCsv(const Run &run) {
    QByteArray out = "id";
    for (int p = 0; p < kPhaseCount; ++p)
        out += ',' + phaseName(Phase(p)).toLatin1() + "_ms";
    out += ",status,http_status,thread,process,server_worker,lane,error\r\n";

    for (const RequestRecord &record : run.requests) {
        out += QByteArray::number(record.id);
        for (Nanos at : record.at)
            out += ',' + milliseconds(at);
        out += ',' + statusName(record.status).toLatin1();
        out += ',' + (record.httpStatus != 0 ? QByteArray::number(record.httpStatus) : "");
        out += ',' + (record.threadId != 0 ? QByteArray::number(record.threadId) : "");
        out += ',' + (record.processId != 0 ? QByteArray::number(record.processId) : "");
        out += ',' + (record.serverWorker >= 0 ? QByteArray::number(record.serverWorker) : "");
        out += ',' + (record.logicalLane >= 0 ? QByteArray::number(record.logicalLane) : "");
        out += ',' + field(record.error);
        out += "\r\n";
    }
    return out;
}

} // namespace reqlanes
