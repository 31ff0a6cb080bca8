// Colours, fonts and line widths of the timeline, in one place: "screen" for working at a desk,
// "slides" for a projector (light, large type, thick lines). Phase colours are the Okabe-Ito
// palette, which stays distinguishable under the common colour-vision deficiencies.
#pragma once

#include "results/timelinespans.h"

#include <QColor>
#include <QFont>
#include <QSize>
#include <QString>

#include <array>
#include <optional>

class QCPAxis;

namespace reqlanes {

struct Theme {
    QString id; // "screen" / "slides"
    QColor background;
    QColor text;
    QColor mutedText; // axis labels, lane labels
    QColor grid;
    QColor barOutline;   // separates back-to-back requests on one lane
    QColor errorOutline; // timeout, refused, HTTP error, protocol error
    QColor cancelled;
    QColor nowLine;
    QColor idealMarker;
    QColor inFlightLine;
    QColor busyWorkersLine;
    QColor limitLine;
    std::array<QColor, kSpanKindCount> phase; // by SpanKind

    QFont baseFont;    // axis tick labels, legend, lane labels
    QFont titleFont;   // caption above the plot
    QFont captionFont; // the details line under the title
    double lineWidth = 1.5;

    QColor phaseColor(SpanKind kind) const { return phase[std::size_t(kind)]; }
    // Fonts, colours and pens of one plot axis and its grid, the same in every plot.
    void styleAxis(QCPAxis *axis) const;

    static Theme screen();
    static Theme slides(); // the window's slides theme, for a projected full-screen window
    // The slides theme for a picture of `size` logical pixels: fonts and lines in proportion to
    // the picture (the largest 16:9 box inside it), so a 1280x720 and a 1920x1080 export read
    // the same on a slide; the export's --scale only adds pixels. Base text is 1/36 of a 16:9
    // height (30 px at 1080), titles 1/27.
    static Theme slidesFor(QSize size);
    // byId, with "slides" sized for `size`.
    static std::optional<Theme> byIdFor(const QString &id, QSize size);
    // "slides-dark": the slides on black, for presenter mode; sized like slidesFor(size).
    static Theme slidesDark(QSize size = {});
    static std::optional<Theme> byId(const QString &id);
    // Presenter mode's slides (light or dark) for a full-screen window on a screen of `size`
    // pixels: slides()' sizes at 1920x1080, in proportion on smaller screens (the lower of
    // height / 1080 and width / 1280), so a 1024x768 projector still has room for the lanes.
    static Theme presenterFor(QSize screen, bool dark);
};

} // namespace reqlanes
