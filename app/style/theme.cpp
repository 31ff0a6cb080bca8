#include "style/theme.h"

#include <qcustomplot.h>

#include <algorithm>

namespace reqlanes {

namespace {

// Okabe & Ito (2008), "Color Universal Design". The two the eye goes to first (orange, blue)
// mark the server's queue and work, because that is where a slow scenario spends its time.
constexpr QRgb kOrange = 0xE69F00;
constexpr QRgb kSkyBlue = 0x56B4E9;
constexpr QRgb kBluishGreen = 0x009E73;
constexpr QRgb kYellow = 0xF0E442;
constexpr QRgb kBlue = 0x0072B2;
constexpr QRgb kVermillion = 0xD55E00;
constexpr QRgb kReddishPurple = 0xCC79A7;

QFont sansFont(int pointSize, bool bold = false) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPointSize(pointSize);
    font.setBold(bold);
    return font;
}

Theme lightBase() {
    Theme theme;
    theme.background = Qt::white;
    theme.text = QColor(0x20, 0x20, 0x20);
    theme.mutedText = QColor(0x50, 0x50, 0x50);
    theme.grid = QColor(0xE4, 0xE4, 0xE4);
    theme.barOutline = Qt::white;
    theme.errorOutline = QColor(kVermillion);
    theme.cancelled = QColor(0x80, 0x80, 0x80);
    theme.nowLine = QColor(0x20, 0x20, 0x20);
    theme.idealMarker = QColor(kBluishGreen).darker(130);
    theme.inFlightLine = QColor(kBlue);
    theme.busyWorkersLine = QColor(kOrange);
    theme.limitLine = QColor(kVermillion);
    theme.phase[std::size_t(SpanKind::Waiting)] = QColor(0xC8, 0xC8, 0xC8);
    theme.phase[std::size_t(SpanKind::Connecting)] = QColor(kReddishPurple);
    theme.phase[std::size_t(SpanKind::InFlight)] = QColor(kSkyBlue);
    theme.phase[std::size_t(SpanKind::Queued)] = QColor(kOrange);
    theme.phase[std::size_t(SpanKind::ServerWork)] = QColor(kBlue);
    theme.phase[std::size_t(SpanKind::Receiving)] = QColor(kBluishGreen);
    theme.phase[std::size_t(SpanKind::StartUp)] = QColor(kYellow);
    // A ghost of server work: the same blue, faded, because nobody waits for it any more.
    theme.phase[std::size_t(SpanKind::Abandoned)] = QColor(0x0072B2).lighter(200);
    theme.phase[std::size_t(SpanKind::OtherClient)] = QColor(0x6E, 0x6E, 0x6E);
    // Like the ghost of abandoned work, greyed: a stopped run's handlers, nobody's any more.
    theme.phase[std::size_t(SpanKind::EarlierRun)] = QColor(0x8C, 0x9F, 0xB0);
    return theme;
}

} // namespace

Theme Theme::screen() {
    Theme theme = lightBase();
    theme.id = QStringLiteral("screen");
    theme.baseFont = sansFont(9);
    theme.titleFont = sansFont(11, true);
    theme.captionFont = sansFont(9);
    theme.lineWidth = 1.5;
    return theme;
}

// Sized for a 1920x1080 slide seen from the back of a room.
Theme Theme::slides() {
    Theme theme = lightBase();
    theme.id = QStringLiteral("slides");
    theme.text = Qt::black;
    theme.mutedText = QColor(0x30, 0x30, 0x30);
    theme.baseFont = sansFont(16);
    theme.titleFont = sansFont(24, true);
    theme.captionFont = sansFont(16);
    theme.lineWidth = 3;
    return theme;
}

Theme Theme::slidesFor(QSize size) {
    Theme theme = slides();
    if (size.isEmpty())
        return theme;
    // The height of the largest 16:9 box inside `size`: a wide strip must not get huge text.
    const double height = std::min(double(size.height()), size.width() * 9.0 / 16.0);
    const auto sized = [](QFont font, double pixels) {
        // Fractional points, not whole pixels: rounding 16.7 px to 17 would break proportion.
        font.setPointSizeF(pixels * 72.0 / 96.0);
        return font;
    };
    theme.baseFont = sized(theme.baseFont, height / 36);
    theme.captionFont = sized(theme.captionFont, height / 36);
    theme.titleFont = sized(theme.titleFont, height / 27);
    theme.lineWidth = std::max(1.5, 3 * height / 1080);
    return theme;
}

std::optional<Theme> Theme::byIdFor(const QString &id, QSize size) {
    if (id == QLatin1String("slides"))
        return slidesFor(size);
    if (id == QLatin1String("slides-dark"))
        return slidesDark(size);
    return byId(id);
}

// The slides' sizes on a dark background, for dimmed rooms and dark decks. The Okabe-Ito phase
// colours stay: they were chosen to read on white and on black.
Theme Theme::slidesDark(QSize size) {
    Theme theme = slidesFor(size);
    theme.id = QStringLiteral("slides-dark");
    theme.background = QColor(0x14, 0x14, 0x14);
    theme.text = QColor(0xF2, 0xF2, 0xF2);
    theme.mutedText = QColor(0xC8, 0xC8, 0xC8);
    theme.grid = QColor(0x3A, 0x3A, 0x3A);
    theme.barOutline = theme.background;
    theme.cancelled = QColor(0x90, 0x90, 0x90);
    theme.nowLine = QColor(0xF2, 0xF2, 0xF2);
    theme.idealMarker = QColor(kBluishGreen).lighter(130);
    theme.inFlightLine = QColor(kSkyBlue);
    theme.phase[std::size_t(SpanKind::Waiting)] = QColor(0x6A, 0x6A, 0x6A);
    return theme;
}

Theme Theme::presenterFor(QSize screen, bool dark) {
    Theme theme = dark ? slidesDark() : slides();
    if (screen.isEmpty())
        return theme;
    const double factor = std::min(screen.height() / 1080.0, screen.width() / 1280.0);
    for (QFont *font : {&theme.baseFont, &theme.captionFont, &theme.titleFont})
        font->setPointSizeF(font->pointSizeF() * factor);
    theme.lineWidth = std::max(1.5, theme.lineWidth * factor);
    return theme;
}

std::optional<Theme> Theme::byId(const QString &id) {
    if (id == QLatin1String("screen"))
        return screen();
    if (id == QLatin1String("slides"))
        return slides();
    if (id == QLatin1String("slides-dark"))
        return slidesDark();
    return std::nullopt;
}

void Theme::styleAxis(QCPAxis *axis) const {
    axis->setTickLabelFont(baseFont);
    axis->setLabelFont(baseFont);
    axis->setTickLabelColor(mutedText);
    axis->setLabelColor(mutedText);
    axis->setBasePen(QPen(mutedText));
    axis->setTickPen(QPen(mutedText));
    axis->setSubTickPen(QPen(mutedText));
    axis->grid()->setPen(QPen(grid));
}

} // namespace reqlanes
