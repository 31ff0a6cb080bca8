#include "apptestenvironment.h"
#include "compare/compareplot.h"
#include "export/slideexporter.h"
#include "export/svgfonts.h"
#include "i18n/language.h"
#include "syntheticrun.h"
#include "timeline/timelineplot.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cstdio>
#include <set>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::syntheticRun;

namespace {

class SlideExporterTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_plot = SlideExporter::slideTimeline(syntheticRun(9, 3, 200), LaneGrouping::Request,
                                              SlideExporter::kHd);
    }
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QByteArray read(const QString &file) const {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TimelinePlot> m_plot;
};

} // namespace

TEST_F(SlideExporterTest, PngHasTheAskedSize) {
    QString error;
    ASSERT_TRUE(SlideExporter::save(m_plot.get(), path("slide.png"), QSize(1280, 720), 1, &error))
        << error.toStdString();
    const QImage image(path("slide.png"));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), QSize(1280, 720));
}

TEST_F(SlideExporterTest, PngScaleMultipliesThePixels) {
    QString error;
    ASSERT_TRUE(SlideExporter::save(m_plot.get(), path("slide@2x.png"), QSize(640, 360), 2, &error))
        << error.toStdString();
    EXPECT_EQ(QImage(path("slide@2x.png")).size(), QSize(1280, 720));
}

TEST_F(SlideExporterTest, PngShowsThePhaseColours) {
    // Not blank: the server-work blue (Okabe-Ito #0072B2) is on the slide.
    const QImage image = SlideExporter::renderImage(m_plot.get(), QSize(1280, 720));
    int blue = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            blue += image.pixel(x, y) == qRgb(0x00, 0x72, 0xB2);
    EXPECT_GT(blue, 500);
}

TEST_F(SlideExporterTest, SvgIsValidXmlThatQtCanRender) {
    QString error;
    ASSERT_TRUE(SlideExporter::save(m_plot.get(), path("slide.svg"), QSize(1920, 1080), 1, &error))
        << error.toStdString();
    const QByteArray svg = read(path("slide.svg"));
    QXmlStreamReader xml(svg);
    bool sawSvgRoot = false;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg"))
            sawSvgRoot = true;
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(sawSvgRoot);
    QSvgRenderer renderer(svg);
    EXPECT_TRUE(renderer.isValid());
    EXPECT_TRUE(svg.contains("request 8")); // text stays text: the lane labels are searchable
}

TEST_F(SlideExporterTest, PdfStartsWithThePdfMagic) {
    QString error;
    ASSERT_TRUE(SlideExporter::save(m_plot.get(), path("slide.pdf"), QSize(1280, 720), 1, &error))
        << error.toStdString();
    const QByteArray pdf = read(path("slide.pdf"));
    EXPECT_TRUE(pdf.startsWith("%PDF")) << pdf.left(16).toStdString();
    EXPECT_GT(pdf.size(), 1000);
}

TEST_F(SlideExporterTest, UnknownExtensionIsRefusedAndWritesNothing) {
    QString error;
    EXPECT_FALSE(SlideExporter::save(m_plot.get(), path("slide.bmp"), QSize(640, 360), 1, &error));
    EXPECT_TRUE(error.contains(QStringLiteral(".png")));
    EXPECT_FALSE(QFile::exists(path("slide.bmp")));
}

TEST_F(SlideExporterTest, AFailedExportLeavesTheOldFileAlone) {
    QFile old(path("keep.png"));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    QString error;
    EXPECT_FALSE(SlideExporter::save(m_plot.get(), path("keep.png"), QSize(0, 0), 1, &error));
    EXPECT_EQ(read(path("keep.png")), QByteArray("old"));
    EXPECT_FALSE(
        SlideExporter::save(m_plot.get(), path("missing-dir/x.png"), QSize(640, 360), 1, &error));
    EXPECT_FALSE(error.isEmpty());
}

TEST(SlideExporterFormat, FollowsTheExtension) {
    EXPECT_EQ(SlideExporter::formatForPath(QStringLiteral("a/b.PNG")), SlideExporter::Format::Png);
    EXPECT_EQ(SlideExporter::formatForPath(QStringLiteral("b.svg")), SlideExporter::Format::Svg);
    EXPECT_EQ(SlideExporter::formatForPath(QStringLiteral("b.pdf")), SlideExporter::Format::Pdf);
    EXPECT_FALSE(SlideExporter::formatForPath(QStringLiteral("b.jpeg")).has_value());
}

// The export size sets the layout and --scale the pixel density: a label takes the same share
// of the picture's height at 1280x720 as at 1920x1080, in the timeline and in the comparison.
TEST(SlideText, IsTheSameShareOfThePictureAtEverySlideSize) {
    const auto share = [](const QFont &font, QSize size) {
        return QFontMetricsF(font).height() / size.height();
    };
    const reqlanes::Run run = syntheticRun(9, 3, 200);
    const QSize hd = SlideExporter::kHd, fullHd = SlideExporter::kFullHd;
    auto small = SlideExporter::slideTimeline(run, LaneGrouping::Request, hd);
    auto large = SlideExporter::slideTimeline(run, LaneGrouping::Request, fullHd);
    for (const auto member : {&Theme::baseFont, &Theme::titleFont, &Theme::captionFont}) {
        const double atHd = share(small->theme().*member, hd);
        const double atFullHd = share(large->theme().*member, fullHd);
        EXPECT_NEAR(atFullHd / atHd, 1.0, 0.05) << atHd << " vs " << atFullHd;
        std::printf("text height / picture height: %.4f at 1280x720, %.4f at 1920x1080\n", atHd,
                    atFullHd);
        EXPECT_GT(atHd, 0.02) << "readable from the back of a room";
    }
    // The scripted export and the comparison choose their theme the same way.
    EXPECT_EQ(SlideExporter::exportTheme(fullHd).baseFont, large->theme().baseFont);
    EXPECT_NEAR(share(SlideExporter::exportTheme(QSize(3840, 2160)).baseFont, {3840, 2160}) /
                    share(small->theme().baseFont, hd),
                1.0, 0.05);
    // A wide strip is sized by its 16:9 box, not its height alone: text does not grow past it.
    EXPECT_EQ(SlideExporter::exportTheme(QSize(1920, 400)).baseFont.pointSizeF(),
              SlideExporter::exportTheme(QSize(712, 400)).baseFont.pointSizeF());
}

TEST(SlideText, ScaleAddsPixelsNotLayout) {
    auto plot = SlideExporter::slideTimeline(syntheticRun(9, 3, 200), LaneGrouping::Request,
                                             SlideExporter::kHd);
    const QImage one = SlideExporter::renderImage(plot.get(), SlideExporter::kHd, 1);
    const QImage two = SlideExporter::renderImage(plot.get(), SlideExporter::kHd, 2);
    ASSERT_EQ(two.size(), one.size() * 2);
    // The same picture at twice the density: downscaled, it matches the 1x render closely.
    const QImage down = two.scaled(one.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                            .convertToFormat(one.format());
    long long diff = 0;
    for (int y = 0; y < one.height(); y += 4)
        for (int x = 0; x < one.width(); x += 4)
            diff += std::abs(qGray(one.pixel(x, y)) - qGray(down.pixel(x, y)));
    const double meanDiff = double(diff) / ((one.height() / 4) * (one.width() / 4));
    EXPECT_LT(meanDiff, 12) << "mean grey difference per sampled pixel";
}

// File → Export image keeps the window's caption (the findings or the user's own text) under
// the timeline; without one the picture has no caption row.
TEST_F(SlideExporterTest, TheViewsCaptionTravelsWithTheExport) {
    QString error;
    ASSERT_TRUE(SlideExporter::exportView(*m_plot, path("captioned.svg"), SlideExporter::kHd, 1,
                                          &error, QStringLiteral("Six wait in the server.")))
        << error.toStdString();
    EXPECT_TRUE(read(path("captioned.svg")).contains("Six wait in the server."));
    ASSERT_TRUE(
        SlideExporter::exportView(*m_plot, path("plain.svg"), SlideExporter::kHd, 1, &error));
    EXPECT_FALSE(read(path("plain.svg")).contains("Six wait in the server."));
}

namespace {

// The families fontconfig says cover Japanese, as a viewer on this machine would find them.
std::set<QString> japaneseFamilies() {
    QProcess fcList;
    fcList.start(QStringLiteral("fc-list"), {QStringLiteral(":lang=ja"), QStringLiteral("family")});
    std::set<QString> families;
    if (!fcList.waitForFinished(30000))
        return families;
    for (const QString &line : QString::fromUtf8(fcList.readAllStandardOutput()).split(u'\n'))
        for (const QString &family : line.split(u',')) // "Name,Localized name"
            if (!family.trimmed().isEmpty())
                families.insert(family.trimmed());
    return families;
}

struct SvgText {
    QString text;
    QStringList families; // the font-family list in effect, unquoted, in order
};

// Every <text> of an SVG with the font-family it is drawn in, inherited from its groups.
std::vector<SvgText> svgTexts(const QByteArray &svg) {
    std::vector<SvgText> texts;
    QXmlStreamReader xml(svg);
    std::vector<QString> families{QString()};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView own = xml.attributes().value(QStringLiteral("font-family"));
            families.push_back(own.isEmpty() ? families.back() : own.toString());
            if (xml.name() == QLatin1String("text")) {
                SvgText text;
                for (const QString &family : families.back().split(u','))
                    text.families << family.trimmed().remove(u'\'').remove(u'"');
                text.text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                texts.push_back(text);
                families.pop_back(); // readElementText consumed the end element
            }
        } else if (xml.isEndElement()) {
            families.pop_back();
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    return texts;
}

QByteArray comparisonSvg() {
    ComparePlot plot;
    plot.setTheme(SlideExporter::exportTheme(SlideExporter::kHd));
    plot.setRuns({syntheticRun(3, 3, 100, true), syntheticRun(3, 3, 100)}, LaneGrouping::Request);
    plot.layoutFor(SlideExporter::kHd);
    return SlideExporter::render(&plot, SlideExporter::Format::Svg, SlideExporter::kHd, 1, nullptr);
}

} // namespace

TEST(SvgFonts, JapaneseTextNamesAFamilyFontconfigSaysCoversJapanese) {
    const std::set<QString> covering = japaneseFamilies();
    if (covering.empty())
        GTEST_SKIP() << "fc-list knows no Japanese font here";
    AppLanguage japanese;
    ASSERT_TRUE(japanese.install(QStringLiteral("ja"), nullptr));
    int japaneseTexts = 0;
    for (const SvgText &text : svgTexts(comparisonSvg())) {
        if (!hasJapaneseText(text.text))
            continue;
        ++japaneseTexts;
        ASSERT_FALSE(text.families.isEmpty());
        // The first family, not just some: a viewer without fallback uses only the first it has.
        EXPECT_TRUE(covering.count(text.families.front()))
            << text.text.toStdString() << " in " << text.families.join(u',').toStdString();
    }
    EXPECT_GT(japaneseTexts, 5) << "the title, caption and block labels are Japanese";
}

TEST(SvgFonts, EnglishTextKeepsTheThemesFamily) {
    AppLanguage english;
    ASSERT_TRUE(english.install(QStringLiteral("en"), nullptr));
    const QByteArray svg = comparisonSvg();
    const std::vector<SvgText> texts = svgTexts(svg);
    ASSERT_FALSE(texts.empty());
    for (const SvgText &text : texts)
        EXPECT_EQ(text.families, QStringList{QStringLiteral("DejaVu Sans")})
            << text.text.toStdString();
    EXPECT_EQ(nameJapaneseFontsInSvg(svg, QStringLiteral("Noto Sans CJK JP")), svg);
}

TEST(SvgFonts, OnlyTheJapaneseRunsOfAMixedLineAreRenamed) {
    const QByteArray svg =
        QStringLiteral("<svg><text x=\"1\" font-family=\"DejaVu Sans\" >makespan </text>"
                       "<text x=\"2\" font-family=\"DejaVu Sans\" >所要時間</text></svg>")
            .toUtf8();
    const std::vector<SvgText> texts =
        svgTexts(nameJapaneseFontsInSvg(svg, QStringLiteral("Noto Sans CJK JP")));
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0].families, QStringList{QStringLiteral("DejaVu Sans")});
    EXPECT_EQ(texts[1].families, QStringList{QStringLiteral("Noto Sans CJK JP")});
}
