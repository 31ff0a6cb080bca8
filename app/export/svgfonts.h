// Font names in an exported SVG. QSvgGenerator tags each text run with the QFont's first family
// ("DejaVu Sans"), although Qt drew its Japanese glyphs from the fallback face (language.h): a
// viewer that does not fall back on its own then draws boxes. The SVG names a face that has the
// glyphs instead; what Qt measured and laid out stays as it was.
#pragma once

#include <QByteArray>
#include <QString>

namespace reqlanes {

// Whether `text` holds Japanese script: kana, CJK ideographs, CJK punctuation or full-width forms.
bool hasJapaneseText(const QString &text);

// `svg` (UTF-8, as QSvgGenerator writes it) with the font-family of every <text> element whose
// text is Japanese set to `japaneseFamily`. Other text keeps its family, so an export without
// Japanese is returned unchanged.
QByteArray nameJapaneseFontsInSvg(const QByteArray &svg, const QString &japaneseFamily);

} // namespace reqlanes
