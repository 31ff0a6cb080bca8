// Colours, fonts and line widths of the timeline, in one place: "screen" for working at a desk,
// "slides" for a projector (light, large type, thick lines). Phase colours are the Okabe-Ito
// palette, which stays distinguishable under the common colour-vision deficiencies.
#pragma once

#include "timelinespans.h"

#include <QColor>
#include <QFont>
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
    static Theme slides();
    static Theme slidesDark(); // "slides-dark": the slides on black, for presenter mode
    static std::optional<Theme> byId(const QString &id);
};

} // namespace reqlanes
