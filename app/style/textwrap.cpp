#include "style/textwrap.h"

#include <QFontMetrics>
#include <QStringList>
#include <QTextLayout>

namespace reqlanes {

namespace {

// Breaks one piece too wide for a line at the script's own break opportunities.
QStringList breakAnywhere(const QString &piece, const QFont &font, int width) {
    QTextLayout layout(piece, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        lines << piece.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

// Splits `text` after each `separator`, the separator staying at the end of its piece.
QStringList splitKeeping(const QStringList &pieces, const QString &separator) {
    QStringList out;
    for (const QString &piece : pieces) {
        qsizetype from = 0;
        for (qsizetype at = piece.indexOf(separator); at >= 0;
             at = piece.indexOf(separator, from)) {
            out << piece.mid(from, at + separator.size() - from);
            from = at + separator.size();
        }
        out << piece.mid(from);
    }
    out.removeAll(QString());
    return out;
}

QString wrapLine(const QString &text, const QFont &font, const QFontMetrics &metrics, int width) {
    if (metrics.horizontalAdvance(text) <= width)
        return text;
    // The preferred breaks first: each level only splits what the one before left too wide.
    QStringList pieces{text};
    for (const QString &separator :
         {QStringLiteral(" · "), QStringLiteral(" — "), QStringLiteral(", "), QStringLiteral("、"),
          QStringLiteral(" ")}) {
        QStringList next;
        for (const QString &piece : pieces)
            next << (metrics.horizontalAdvance(piece) > width ? splitKeeping({piece}, separator)
                                                              : QStringList{piece});
        pieces = next;
    }
    QStringList lines;
    QString current;
    const auto flush = [&] {
        if (!current.trimmed().isEmpty())
            lines << current.trimmed();
        current.clear();
    };
    for (const QString &piece : pieces) {
        if (metrics.horizontalAdvance((current + piece).trimmed()) <= width) {
            current += piece;
            continue;
        }
        flush();
        if (metrics.horizontalAdvance(piece.trimmed()) <= width) {
            current = piece;
            continue;
        }
        const QStringList broken = breakAnywhere(piece.trimmed(), font, width);
        for (qsizetype i = 0; i + 1 < broken.size(); ++i)
            lines << broken[i];
        if (!broken.isEmpty())
            current = broken.last();
    }
    flush();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString wrapToWidth(const QString &text, const QFont &font, int width) {
    if (width <= 0)
        return text;
    const QFontMetrics metrics(font);
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n')))
        lines << wrapLine(line, font, metrics, width);
    return lines.join(QLatin1Char('\n'));
}

} // namespace reqlanes
