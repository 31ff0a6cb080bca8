#include "export/svgfonts.h"

#include <QRegularExpression>

namespace reqlanes {

bool hasJapaneseText(const QString &text) {
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        // CJK punctuation, kana, ideographs (BMP blocks; QSvgGenerator splits runs per font,
        // and a surrogate half never starts a Japanese run on its own), full-width forms.
        if ((u >= 0x3000 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) ||
            (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff) ||
            (u >= 0xff00 && u <= 0xffef) || c.isSurrogate())
            return true;
    }
    return false;
}

QByteArray nameJapaneseFontsInSvg(const QByteArray &svg, const QString &japaneseFamily) {
    // QSvgGenerator writes one <text> per run of glyphs from one font, each with its own
    // font-family attribute and no child elements: a Japanese run is a <text> of its own.
    static const QRegularExpression kText(QStringLiteral("<text\\b([^>]*)>([^<]*)</text>"));
    static const QRegularExpression kFamily(QStringLiteral("font-family=\"([^\"]*)\""));
    const QString source = QString::fromUtf8(svg);
    QString out;
    out.reserve(source.size() + source.size() / 8);
    qsizetype copied = 0;
    bool changed = false;
    for (auto it = kText.globalMatch(source); it.hasNext();) {
        const QRegularExpressionMatch text = it.next();
        if (!hasJapaneseText(text.captured(2)))
            continue;
        const QString attributes = text.captured(1);
        const QRegularExpressionMatch family = kFamily.match(attributes);
        if (!family.hasMatch())
            continue;
        // Only the face Qt drew these glyphs from: Qt ends a run where the font changes, and a
        // CSS list ("'Noto Sans CJK JP', 'DejaVu Sans'") is read as one unknown name by viewers
        // without fallback (ImageMagick's own renderer), which then draw nothing.
        out += QStringView(source).mid(copied,
                                       text.capturedStart(1) + family.capturedStart(1) - copied);
        out += japaneseFamily;
        copied = text.capturedStart(1) + family.capturedEnd(1);
        changed = true;
    }
    if (!changed)
        return svg;
    out += QStringView(source).mid(copied);
    return out.toUtf8();
}

} // namespace reqlanes
