#include "formats/csvexport.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

// Splits RFC 4180 text into rows of fields, honouring quotes: the reader a spreadsheet uses.
std::vector<std::vector<QString>> parseCsv(const QByteArray &bytes) {
    const QString text = QString::fromUtf8(bytes);
    std::vector<std::vector<QString>> rows(1);
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"'))
                field += text[++i];
            else if (c == QLatin1Char('"'))
                quoted = false;
            else
                field += c;
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            rows.back().push_back(std::exchange(field, {}));
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                   text[i + 1] == QLatin1Char('\n')) {
            rows.back().push_back(std::exchange(field, {}));
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty() && field.isEmpty())
        rows.pop_back();
    return rows;
}

reqlanes::Run csvSampleRun() {
    reqlanes::Run run;
    RequestRecord ok;
    ok.id = 0;
    ok.at[int(Phase::Created)] = 0;
    ok.at[int(Phase::Done)] = 1'234'567;
    ok.status = RequestStatus::Ok;
    ok.httpStatus = 200;
    ok.threadId = 42;
    ok.processId = 7;
    ok.serverWorker = 2;
    ok.logicalLane = 0;
    run.requests.push_back(ok);
    RequestRecord failed;
    failed.id = 1;
    failed.at[int(Phase::Created)] = 5'000'000;
    failed.status = RequestStatus::ProtocolError;
    failed.error = QStringLiteral("bad \"header\", line\nbreak");
    run.requests.push_back(failed);
    return run;
}

} // namespace

TEST(CsvExport, HeaderAndOneRowPerRequest) {
    const auto rows = parseCsv(runToCsv(csvSampleRun()));
    ASSERT_EQ(rows.size(), 3u);
    const std::vector<QString> &header = rows[0];
    ASSERT_EQ(header.size(), std::size_t(1 + kPhaseCount + 7));
    EXPECT_EQ(header[0], QStringLiteral("id"));
    EXPECT_EQ(header[1], QStringLiteral("created_ms"));
    EXPECT_EQ(header[std::size_t(kPhaseCount)], QStringLiteral("done_ms"));
    EXPECT_EQ(header.back(), QStringLiteral("error"));
    for (const auto &row : rows)
        EXPECT_EQ(row.size(), header.size());
}

TEST(CsvExport, PhasesInMillisecondsAndEmptyWhenUnset) {
    const auto rows = parseCsv(runToCsv(csvSampleRun()));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][1], QStringLiteral("0.000"));
    EXPECT_EQ(rows[1][std::size_t(kPhaseCount)], QStringLiteral("1.235"));
    EXPECT_EQ(rows[1][2], QString()) << "acquired was never stamped";
    EXPECT_EQ(rows[2][1], QStringLiteral("5.000"));
    EXPECT_EQ(rows[1][std::size_t(kPhaseCount + 1)], QStringLiteral("ok"));
    EXPECT_EQ(rows[1][std::size_t(kPhaseCount + 2)], QStringLiteral("200"));
    EXPECT_EQ(rows[1][std::size_t(kPhaseCount + 3)], QStringLiteral("42"));
    EXPECT_EQ(rows[1][std::size_t(kPhaseCount + 5)], QStringLiteral("2"));
    EXPECT_EQ(rows[2][std::size_t(kPhaseCount + 5)], QString()) << "no server worker known";
}

TEST(CsvExport, ErrorTextWithQuotesCommasAndNewlinesIsQuoted) {
    const QByteArray csv = runToCsv(csvSampleRun());
    EXPECT_TRUE(csv.contains("\"bad \"\"header\"\", line\nbreak\"\r\n"));
    const auto rows = parseCsv(csv);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].back(), QStringLiteral("bad \"header\", line\nbreak"));
    EXPECT_EQ(rows[2][std::size_t(kPhaseCount + 1)], QStringLiteral("protocol_error"));
}
