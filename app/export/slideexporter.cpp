#include "export/slideexporter.h"

#include "timeline/findingscaption.h"

#include "compare/compareplot.h"
#include "export/svgfonts.h"
#include "formats/runfile.h"
#include "i18n/language.h"
#include "style/theme.h"
#include "timeline/plotlayout.h"
#include "timeline/timelineplot.h"

#include <QBuffer>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

#include <qcustomplot.h>

namespace reqlanes {

namespace {

// QFont point sizes turn into pixels at the device's dpi: render vectors at the screen's 96 dpi
// so an SVG or PDF has the same proportions as the PNG of the same size.
constexpr int kLogicalDpi = 96;
constexpr double kSlideMarginShare = 0.035;
constexpr double kSlideEdgeShare = 0.015;

QByteArray renderSvg(QCustomPlot *plot, QSize size) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(kLogicalDpi);
    generator.setTitle(QCoreApplication::translate("reqlanes::SlideExporter", "reqlanes timeline"));
    QCPPainter painter(&generator);
    plot->toPainter(&painter, size.width(), size.height());
    painter.end();
    // Qt drew Japanese glyphs from the fallback face but names the theme's family: name the face.
    return nameJapaneseFontsInSvg(buffer.data(), QString::fromLatin1(kJapaneseFontFamily));
}

QByteArray renderPdf(QCustomPlot *plot, QSize size) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kLogicalDpi);
    writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / kLogicalDpi, QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setCreator(QStringLiteral("reqlanes"));
    writer.setTitle(QCoreApplication::translate("reqlanes::SlideExporter", "reqlanes timeline"));
    QCPPainter painter(&writer);
    plot->toPainter(&painter, size.width(), size.height());
    painter.end();
    return buffer.data();
}

// Even side margins on a slide, 3.5 % of its width left and right: lane labels and the legend
// drawn to the very edge (6 px left, 15 right at 1280x720) looked cut when projected. Less above
// and below, where every pixel is a lane's: the lanes keep their labels.
void keepSlideMargins(QCustomPlot *plot, QSize size) {
    const int side = int(std::ceil(size.width() * kSlideMarginShare));
    const int edge = int(std::ceil(size.height() * kSlideEdgeShare));
    plot->plotLayout()->setAutoMargins(QCP::msNone);
    plot->plotLayout()->setMargins(QMargins(side, edge, side, edge));
}

} // namespace

std::optional<SlideExporter::Format> SlideExporter::formatForPath(const QString &path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return Format::Png;
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

QImage SlideExporter::renderImage(QCustomPlot *plot, QSize size, double scale) {
    layOutPlotAt(plot, size);
    return plot->toPixmap(size.width(), size.height(), scale).toImage();
}

QByteArray SlideExporter::render(QCustomPlot *plot, Format format, QSize size, double scale,
                                 QString *error) {
    if (size.isEmpty() || size.width() > 20000 || size.height() > 20000 || scale <= 0 ||
        scale > 4) {
        if (error)
            *error = QCoreApplication::translate("reqlanes::SlideExporter",
                                                 "export size %1x%2 at %3x is out of range")
                         .arg(size.width())
                         .arg(size.height())
                         .arg(scale);
        return {};
    }
    QByteArray bytes;
    switch (format) {
    case Format::Png: {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        renderImage(plot, size, scale).save(&buffer, "PNG");
        break;
    }
    case Format::Svg:
        layOutPlotAt(plot, size);
        bytes = renderSvg(plot, size);
        break;
    case Format::Pdf:
        layOutPlotAt(plot, size);
        bytes = renderPdf(plot, size);
        break;
    }
    if (bytes.isEmpty() && error)
        *error = QCoreApplication::translate("reqlanes::SlideExporter",
                                             "rendering the export produced no data");
    return bytes;
}

bool SlideExporter::save(QCustomPlot *plot, const QString &path, QSize size, double scale,
                         QString *error) {
    const std::optional<Format> format = formatForPath(path);
    if (!format) {
        if (error)
            *error = QCoreApplication::translate(
                         "reqlanes::SlideExporter",
                         "cannot tell the format of \"%1\": use .png, .svg or .pdf")
                         .arg(path);
        return false;
    }
    const QByteArray bytes = render(plot, *format, size, scale, error);
    return !bytes.isEmpty() && writeFileAtomically(path, bytes, error);
}

void SlideExporter::copyToClipboard(QCustomPlot *plot, QSize size, double scale) {
    QGuiApplication::clipboard()->setImage(renderImage(plot, size, scale));
}

Theme SlideExporter::exportTheme(QSize size, const QString &themeId) {
    return Theme::byIdFor(themeId, size).value_or(Theme::slidesFor(size));
}

std::unique_ptr<TimelinePlot> SlideExporter::slideTimeline(const Run &run, LaneGrouping grouping,
                                                           QSize size, const TimelinePlot *view) {
    auto plot = std::make_unique<TimelinePlot>();
    plot->setAttribute(Qt::WA_DontShowOnScreen);
    plot->resize(size);
    plot->setTheme(exportTheme(size));
    plot->setGrouping(grouping);
    plot->setRun(run);
    if (view)
        plot->copyViewFrom(*view);
    keepSlideMargins(plot.get(), size);
    plot->layoutFor(size);
    return plot;
}

bool SlideExporter::exportView(const TimelinePlot &view, const QString &path, QSize size,
                               double scale, QString *error, const QString &caption) {
    auto plot = slideTimeline(view.run(), view.grouping(), size, &view);
    FindingsCaption::addToPlot(plot.get(), caption, exportTheme(size));
    return save(plot.get(), path, size, scale, error);
}

bool SlideExporter::exportComparison(const std::vector<Run> &runs, LaneGrouping grouping,
                                     const QString &path, QSize size, double scale,
                                     QString *error) {
    ComparePlot plot;
    plot.setAttribute(Qt::WA_DontShowOnScreen);
    plot.resize(size);
    plot.setTheme(exportTheme(size));
    plot.setRuns(runs, grouping);
    keepSlideMargins(&plot, size);
    plot.layoutFor(size);
    return save(&plot, path, size, scale, error);
}

void SlideExporter::copyViewToClipboard(const TimelinePlot &view) {
    auto plot = slideTimeline(view.run(), view.grouping(), kFullHd, &view);
    copyToClipboard(plot.get(), kFullHd);
}

} // namespace reqlanes
