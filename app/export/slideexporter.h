// Puts a plot on a slide: PNG (any size, 1x-3x), SVG and PDF rendered as vectors from the same
// QCustomPlot drawing code, the clipboard, and files written atomically (QSaveFile via core's
// writeFileAtomically), so a half-written export never replaces a good one.
#pragma once

#include "model/run.h"
#include "results/lanelayout.h"
#include "style/theme.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QCustomPlot;

namespace reqlanes {

class TimelinePlot;

class SlideExporter {
public:
    enum class Format { Png, Svg, Pdf };
    static constexpr QSize kFullHd{1920, 1080};
    static constexpr QSize kHd{1280, 720};

    // By the file's extension (.png, .svg, .pdf), case-insensitive.
    static std::optional<Format> formatForPath(const QString &path);

    // `size` in logical pixels; PNGs are size x scale pixels.
    static QImage renderImage(QCustomPlot *plot, QSize size, double scale = 1);
    static QByteArray render(QCustomPlot *plot, Format format, QSize size, double scale,
                             QString *error);
    static bool save(QCustomPlot *plot, const QString &path, QSize size, double scale,
                     QString *error);
    static void copyToClipboard(QCustomPlot *plot, QSize size, double scale = 1);

    // What the user sees, in the slides theme at `size`: the timeline's run, grouping, zoom on
    // both axes (or the whole run) and replay moment, or the comparison's runs. A non-empty
    // `caption` (the window's caption: findings or the user's text) goes under the timeline.
    static bool exportView(const TimelinePlot &view, const QString &path, QSize size, double scale,
                           QString *error, const QString &caption = {});
    static bool exportComparison(const std::vector<Run> &runs, LaneGrouping grouping,
                                 const QString &path, QSize size, double scale, QString *error);
    static void copyViewToClipboard(const TimelinePlot &view);

    // The theme an export of `size` is drawn in: `themeId` ("slides", "screen"), with the slides
    // theme's text in proportion to the picture (Theme::slidesFor). Slides when the id is unknown.
    static Theme exportTheme(QSize size, const QString &themeId = QStringLiteral("slides"));

    // An offscreen timeline in the export theme showing `run`, laid out for `size`; with `view`,
    // showing what that window's timeline shows (its zoom and replay moment).
    static std::unique_ptr<TimelinePlot> slideTimeline(const Run &run, LaneGrouping grouping,
                                                       QSize size,
                                                       const TimelinePlot *view = nullptr);
};

} // namespace reqlanes
