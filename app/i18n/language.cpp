#include "i18n/language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace reqlanes {

namespace {

const QString kSettingsKey = QStringLiteral("view/language");
const QString kEnglish = QStringLiteral("en");

// Only one language is installed per process; the menu asks which.
QString g_current = kEnglish;

// Families our code names explicitly (theme.cpp's "DejaVu Sans", a monospace for code) and the
// generic names fontconfig resolves: each gets the CJK face as a per-glyph fallback, so a QFont
// made anywhere (widgets, the slide exporter's offscreen plots) draws Japanese without tofu.
QStringList familiesToFallBackFrom() {
    QStringList families{QStringLiteral("DejaVu Sans"), QStringLiteral("DejaVu Sans Mono"),
                         QStringLiteral("Sans Serif"),  QStringLiteral("sans-serif"),
                         QStringLiteral("Monospace"),   QApplication::font().family()};
    families.removeDuplicates();
    return families;
}

} // namespace

const std::vector<LanguageEntry> &availableLanguages() {
    static const std::vector<LanguageEntry> languages{
        {kEnglish, QStringLiteral("English")},
        {QStringLiteral("ja"), QStringLiteral("日本語")},
    };
    return languages;
}

QStringList availableLanguageCodes() {
    QStringList codes;
    for (const LanguageEntry &language : availableLanguages())
        codes << language.code;
    return codes;
}

bool isAvailableLanguage(const QString &code) {
    return availableLanguageCodes().contains(code);
}

QString languageNativeName(const QString &code) {
    for (const LanguageEntry &language : availableLanguages())
        if (language.code == code)
            return language.nativeName;
    return code;
}

QString languageForLocale(const QLocale &locale) {
    for (const QString &uiLanguage : locale.uiLanguages()) {
        // "ja-JP", "ja_JP" and "ja" all mean Japanese.
        const QString code =
            uiLanguage.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (isAvailableLanguage(code))
            return code;
    }
    return kEnglish;
}

QString chooseLanguage(const QString &requested, const QString &saved, const QLocale &system) {
    if (isAvailableLanguage(requested))
        return requested;
    if (isAvailableLanguage(saved))
        return saved;
    return languageForLocale(system);
}

QString savedLanguageChoice() {
    const QString saved = QSettings().value(kSettingsKey).toString();
    return isAvailableLanguage(saved) ? saved : QString();
}

void saveLanguageChoice(const QString &code) {
    QSettings settings;
    if (isAvailableLanguage(code))
        settings.setValue(kSettingsKey, code);
    else
        settings.remove(kSettingsKey);
}

AppLanguage::AppLanguage() = default;

AppLanguage::~AppLanguage() {
    uninstall();
}

bool AppLanguage::install(const QString &code, QString *error) {
    uninstall();
    if (!isAvailableLanguage(code)) {
        if (error)
            *error = QStringLiteral("unknown language \"%1\" (available: %2)")
                         .arg(code, availableLanguageCodes().join(QStringLiteral(", ")));
        return false;
    }
    m_previousFont = QApplication::font();
    m_installed = true;
    g_current = code;
    if (code == kEnglish)
        return true; // the source strings are English

    m_app = std::make_unique<QTranslator>();
    if (!m_app->load(QStringLiteral(":/i18n/reqlanes_%1.qm").arg(code))) {
        m_app.reset();
        uninstall();
        if (error)
            *error = QStringLiteral("the %1 translation is missing from this build").arg(code);
        return false;
    }
    QCoreApplication::installTranslator(m_app.get());

    // Optional: without qt6-translations-l10n, Qt's own buttons ("Cancel") stay English.
    m_qt = std::make_unique<QTranslator>();
    if (m_qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt.get());
    else
        m_qt.reset();

    if (code == QLatin1String("ja")) {
        const QString cjk = QString::fromLatin1(kJapaneseFontFamily);
        m_substituted = familiesToFallBackFrom();
        for (const QString &family : m_substituted)
            QFont::insertSubstitution(family, cjk);
        QFont font = m_previousFont;
        font.setFamilies({m_previousFont.family(), cjk});
        QApplication::setFont(font);
    }
    return true;
}

bool AppLanguage::hasQtTranslation() const {
    return m_qt != nullptr;
}

QString AppLanguage::current() {
    return g_current;
}

void AppLanguage::uninstall() {
    if (!m_installed)
        return;
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app.reset();
    m_qt.reset();
    for (const QString &family : std::as_const(m_substituted))
        QFont::removeSubstitutions(family);
    m_substituted.clear();
    QApplication::setFont(m_previousFont);
    g_current = kEnglish;
    m_installed = false;
}

} // namespace reqlanes
