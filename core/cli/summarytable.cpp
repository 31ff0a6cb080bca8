#include "cli/summarytable.h"

#include "results/speedup.h"
#include "run/strategyregistry.h"

#include <QStringList>

#include <algorithm>

namespace reqlanes::cli {

namespace {

QString seconds(double value) {
    return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', 3) + QLatin1Char('s');
}

QString ratio(double value) {
    return QString::number(value, 'f', 2) + QLatin1Char('x');
}

// Left-aligns the first column, right-aligns the numbers, two spaces between columns.
QString aligned(const std::vector<QStringList> &rows) {
    std::vector<qsizetype> widths;
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (std::size_t(c) >= widths.size())
                widths.push_back(0);
            widths[std::size_t(c)] = std::max(widths[std::size_t(c)], row[c].size());
        }
    QString out;
    for (const QStringList &row : rows) {
        QStringList cells;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const int width = int(widths[std::size_t(c)]);
            cells << (c == 0 ? row[c].leftJustified(width) : row[c].rightJustified(width));
        }
        out += cells.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    }
    return out;
}

} // namespace

void SummaryTable::addRun(const Run &run, const RunStats &stats) {
    m_rows.push_back({run.scenario.strategy, int(run.requests.size()), stats});
}

QString SummaryTable::text() const {
    std::vector<ComparedRun> compared;
    for (const Row &row : m_rows)
        compared.push_back({row.strategy, &row.stats});
    const std::optional<SpeedUpBaseline> baseline = speedUpBaseline(compared);

    std::vector<QStringList> rows;
    QStringList header{QStringLiteral("strategy"),  QStringLiteral("makespan"),
                       QStringLiteral("ideal"),     QStringLiteral("ratio"),
                       QStringLiteral("ok/failed"), QStringLiteral("peak"),
                       QStringLiteral("threads"),   QStringLiteral("procs"),
                       QStringLiteral("p50"),       QStringLiteral("p95")};
    if (baseline)
        header << QStringLiteral("vs %1").arg(baseline->name);
    rows.push_back(header);
    for (const Row &row : m_rows) {
        const RunStats &s = row.stats;
        QStringList cells{row.strategy,
                          seconds(s.makespanS),
                          seconds(s.idealS),
                          s.complete && s.idealS > 0 && s.makespanS > 0
                              ? ratio(s.makespanS / s.idealS)
                              : QStringLiteral("-"),
                          QStringLiteral("%1/%2").arg(s.ok).arg(row.n - s.ok),
                          QString::number(s.peakInFlight),
                          QString::number(s.threads),
                          QString::number(s.processes),
                          seconds(s.p50S),
                          seconds(s.p95S)};
        if (baseline) {
            const std::optional<double> factor = speedUpFactor(*baseline, s);
            cells << (factor ? ratio(*factor) : QStringLiteral("-"));
        }
        // Words instead of numbers that would mislead: "stopped after 3.6 s: 12 of 47 had
        // finished".
        if (!s.complete)
            cells << s.outcome.words;
        rows.push_back(cells);
    }
    return aligned(rows);
}

QString SummaryTable::strategyList() {
    std::vector<QStringList> rows;
    for (const StrategyInfo &info : StrategyRegistry::instance().strategies())
        rows.push_back({info.id, info.name + QStringLiteral(":"), info.description});
    // The description is prose: leave it unpadded.
    QString out;
    qsizetype idWidth = 0, nameWidth = 0;
    for (const QStringList &row : rows) {
        idWidth = std::max(idWidth, row[0].size());
        nameWidth = std::max(nameWidth, row[1].size());
    }
    for (const QStringList &row : rows)
        out += row[0].leftJustified(idWidth + 2) + row[1].leftJustified(nameWidth + 1) + row[2] +
               QLatin1Char('\n');
    return out;
}

} // namespace reqlanes::cli
