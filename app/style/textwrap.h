// Titles and captions drawn by QCustomPlot's text elements do not wrap: a long one was cut on
// both sides ("· limit 3 … (ideal 3.0("). wrapToWidth breaks such a text into lines that fit,
// preferring the places a reader pauses (" · ", " — ", ", "), then spaces, then (for Japanese,
// which has none) anywhere the script allows. Used by TimelinePlot and ComparePlot.
#pragma once

#include <QFont>
#include <QString>

namespace reqlanes {

// `text` with '\n' inserted so that every line is at most `width` pixels wide in `font`
// (existing line breaks are kept). A width of 0 or less returns the text unchanged.
QString wrapToWidth(const QString &text, const QFont &font, int width);

} // namespace reqlanes
