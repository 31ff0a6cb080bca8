// Which language the app starts in (--lang, View → Language, the system locale), what installing
// it changes (translations, the CJK fallback font in the window and in exports) and the menu.
#include "apptestenvironment.h"

#include "appoptions.h"
#include "export/slideexporter.h"
#include "i18n/language.h"
#include "i18n/languagemenu.h"
#include "style/theme.h"

#include <QFontDatabase>
#include <QRawFont>
#include <QSignalSpy>
#include <QTextLayout>
#include <QXmlStreamReader>

#include <qcustomplot.h>

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

// Words from the Japanese talk's slides: kana and kanji, the latter shared with Chinese fonts.
const QString kJapanese = QStringLiteral("サーバーの待ち行列と処理時間");

QString englishMenuTitle() {
    return QCoreApplication::translate("reqlanes::LanguageMenu", "&Language");
}

// The families that actually draw `text` in `font`, after Qt's per-glyph fallback; a glyph
// index of 0 is the font's "missing glyph" box (tofu).
QStringList familiesDrawing(const QString &text, const QFont &font, bool *tofu) {
    QTextLayout layout(text, font);
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    QStringList families;
    *tofu = false;
    for (const QGlyphRun &run : layout.glyphRuns()) {
        families << run.rawFont().familyName();
        for (const quint32 glyph : run.glyphIndexes())
            *tofu |= glyph == 0;
    }
    families.removeDuplicates();
    return families;
}

bool cjkFontInstalled() {
    return QFontDatabase::families().contains(QString::fromLatin1(kJapaneseFontFamily));
}

} // namespace

TEST(Language, SystemLocaleDecidesWhenNothingIsChosen) {
    EXPECT_EQ(languageForLocale(QLocale(QLocale::Japanese, QLocale::Japan)), QStringLiteral("ja"));
    EXPECT_EQ(languageForLocale(QLocale(QLocale::English, QLocale::UnitedKingdom)),
              QStringLiteral("en"));
    // A language the app does not speak falls back to English, the source language.
    EXPECT_EQ(languageForLocale(QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("en"));
}

TEST(Language, CommandLineBeatsSavedChoiceBeatsSystem) {
    const QLocale japanese(QLocale::Japanese, QLocale::Japan);
    const QLocale german(QLocale::German, QLocale::Germany);
    EXPECT_EQ(chooseLanguage("en", "ja", japanese), QStringLiteral("en"));
    EXPECT_EQ(chooseLanguage("", "en", japanese), QStringLiteral("en"));
    EXPECT_EQ(chooseLanguage("", "ja", german), QStringLiteral("ja"));
    EXPECT_EQ(chooseLanguage("", "", japanese), QStringLiteral("ja"));
    EXPECT_EQ(chooseLanguage("fr", "xx", german), QStringLiteral("en"));
}

TEST(Language, SavedChoiceRoundTripsAndForgetsUnknownCodes) {
    saveLanguageChoice(QStringLiteral("ja"));
    EXPECT_EQ(savedLanguageChoice(), QStringLiteral("ja"));
    saveLanguageChoice(QString()); // follow the system
    EXPECT_TRUE(savedLanguageChoice().isEmpty());
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("klingon"));
    EXPECT_TRUE(savedLanguageChoice().isEmpty());
}

TEST(Language, LangOptionTakesKnownCodesOnly) {
    QString error;
    auto options = AppOptions::parse({"reqlanes", "--lang", "ja"}, &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(options->language, QStringLiteral("ja"));
    options = AppOptions::parse({"reqlanes"}, &error);
    ASSERT_TRUE(options);
    EXPECT_TRUE(options->language.isEmpty());
    EXPECT_FALSE(AppOptions::parse({"reqlanes", "--lang", "fr"}, &error));
    EXPECT_EQ(error, QStringLiteral("--lang must be en or ja (got \"fr\")"));
}

TEST(AppLanguage, InstallingJapaneseTranslatesAndLeavingRestoresEnglish) {
    const QString english = englishMenuTitle();
    ASSERT_EQ(english, QStringLiteral("&Language"));
    {
        AppLanguage language;
        QString error;
        ASSERT_TRUE(language.install(QStringLiteral("ja"), &error)) << error.toStdString();
        EXPECT_EQ(AppLanguage::current(), QStringLiteral("ja"));
        EXPECT_EQ(englishMenuTitle(), QStringLiteral("言語(&L)"));
        EXPECT_EQ(LanguageMenu().title(), QStringLiteral("言語(&L)"));
        if (language.hasQtTranslation()) { // Debian's qt6-translations-l10n
            EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                      QStringLiteral("キャンセル"));
        }
    }
    EXPECT_EQ(AppLanguage::current(), QStringLiteral("en"));
    EXPECT_EQ(englishMenuTitle(), QStringLiteral("&Language"));
    EXPECT_TRUE(QFont::substitutes(QStringLiteral("DejaVu Sans")).isEmpty());
}

TEST(AppLanguage, UnknownLanguageIsAClearErrorAndStaysEnglish) {
    AppLanguage language;
    QString error;
    EXPECT_FALSE(language.install(QStringLiteral("xx"), &error));
    EXPECT_EQ(error, QStringLiteral("unknown language \"xx\" (available: en, ja)"));
    EXPECT_EQ(AppLanguage::current(), QStringLiteral("en"));
    EXPECT_EQ(englishMenuTitle(), QStringLiteral("&Language"));
}

// No tofu: in Japanese, the fonts the themes name (DejaVu Sans has no kana or kanji) and the
// window's font draw Japanese from the JP face of Noto Sans CJK. Left to fontconfig's own
// fallback the face follows the process locale instead: under LANG=zh_CN.UTF-8 this text came
// out in Noto Sans CJK SC, under ko_KR.UTF-8 partly in KR; with AppLanguage, JP in both.
TEST(AppLanguage, JapaneseTextIsDrawnWithTheJapaneseFont) {
    ASSERT_TRUE(cjkFontInstalled())
        << kJapaneseFontFamily << " is missing: install Debian's fonts-noto-cjk";
    AppLanguage language;
    QString error;
    ASSERT_TRUE(language.install(QStringLiteral("ja"), &error)) << error.toStdString();
    for (const QFont &font :
         {Theme::slides().titleFont, Theme::screen().baseFont, QApplication::font()}) {
        bool tofu = true;
        const QStringList families = familiesDrawing(kJapanese, font, &tofu);
        EXPECT_FALSE(tofu) << font.family().toStdString();
        EXPECT_EQ(families, QStringList{QString::fromLatin1(kJapaneseFontFamily)})
            << font.family().toStdString() << ": " << families.join(", ").toStdString();
    }
}

// The slide exporter's vector formats: the PDF embeds the JP face (pdffonts lists
// NotoSansCJKjp-Bold as an embedded CID TrueType font), the SVG keeps the text as text. PNGs are
// drawn by the same QPainter text path the glyph test above checks.
TEST(AppLanguage, JapaneseExportsCarryTheJapaneseFont) {
    ASSERT_TRUE(cjkFontInstalled()) << "install Debian's fonts-noto-cjk";
    AppLanguage language;
    QString error;
    ASSERT_TRUE(language.install(QStringLiteral("ja"), &error)) << error.toStdString();
    QCustomPlot plot;
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0,
                                  new QCPTextElement(&plot, kJapanese, Theme::slides().titleFont));
    const QSize size(640, 360);

    const QByteArray pdf =
        SlideExporter::render(&plot, SlideExporter::Format::Pdf, size, 1, &error);
    ASSERT_FALSE(pdf.isEmpty()) << error.toStdString();
    EXPECT_TRUE(pdf.contains("NotoSansCJKjp")) << "the PDF does not embed Noto Sans CJK JP";

    const QByteArray svg =
        SlideExporter::render(&plot, SlideExporter::Format::Svg, size, 1, &error);
    ASSERT_FALSE(svg.isEmpty()) << error.toStdString();
    // QSvgGenerator writes one <text> per run of glyphs, naming only the font's first family:
    // the characters are all there, and the SVG viewer's own fallback draws them.
    QString svgText;
    for (QXmlStreamReader xml(svg); !xml.atEnd();)
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
            svgText += xml.readElementText();
    EXPECT_TRUE(svgText.contains(kJapanese)) << svgText.toStdString();
}

TEST(LanguageMenu, ChoosingALanguageSavesItAndSaysItAppliesAtTheNextStart) {
    saveLanguageChoice(QString());
    LanguageMenu menu;
    QSignalSpy notices(&menu, &LanguageMenu::notice);
    EXPECT_TRUE(menu.choice().isEmpty()); // follows the system
    QAction *japanese = nullptr;
    QAction *english = nullptr;
    for (QAction *action : menu.actions()) {
        if (action->data().toString() == QLatin1String("ja"))
            japanese = action;
        if (action->data().toString() == QLatin1String("en"))
            english = action;
    }
    ASSERT_TRUE(japanese && english);
    EXPECT_EQ(japanese->text(), QStringLiteral("日本語"));

    japanese->trigger();
    EXPECT_EQ(savedLanguageChoice(), QStringLiteral("ja"));
    EXPECT_EQ(menu.choice(), QStringLiteral("ja"));
    ASSERT_EQ(notices.count(), 1);
    EXPECT_EQ(notices.at(0).at(0).toString(),
              QStringLiteral("日本語 will be used from the next start of reqlanes."));

    // English is what this process already shows: saved, nothing to announce.
    english->trigger();
    EXPECT_EQ(savedLanguageChoice(), QStringLiteral("en"));
    EXPECT_EQ(notices.count(), 1);
}
