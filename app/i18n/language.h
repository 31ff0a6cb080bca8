// The window's language: English (the source strings) or a translation compiled into the binary
// as ":/i18n/reqlanes_<code>.qm" (resources/translations/reqlanes_<code>.ts). main() picks one
// before any widget exists: `--lang`, else the choice saved from View → Language, else the
// system locale. Widgets set their texts once, so a choice made in the menu is saved and takes
// effect at the next start. Exports rendered by this process use the same language and fonts.
#pragma once

#include <QFont>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTranslator;

namespace reqlanes {

// Language codes are ISO 639-1 ("en", "ja"), as in the .ts/.qm file names and `--lang`.
struct LanguageEntry {
    QString code;
    QString nativeName; // shown untranslated in the menu, so anyone can find their own
};

// Every language the app speaks, English first. Adding one: a .ts file, its line in
// app/CMakeLists.txt and an entry here (see docs/architecture.md).
const std::vector<LanguageEntry> &availableLanguages();
QStringList availableLanguageCodes();
bool isAvailableLanguage(const QString &code);
QString languageNativeName(const QString &code); // the code itself when unknown

// The first of the locale's UI languages (QLocale::uiLanguages, e.g. "ja-JP") that the app
// speaks; "en" otherwise.
QString languageForLocale(const QLocale &locale);

// `requested` (--lang) wins, then `saved` (View → Language), then the system's; an empty or
// unknown code means "not chosen".
QString chooseLanguage(const QString &requested, const QString &saved, const QLocale &system);

// The menu's choice in QSettings ("view/language"): a code, or empty to follow the system.
QString savedLanguageChoice();
void saveLanguageChoice(const QString &code);

// The font family with Japanese glyphs the app falls back to (Debian: fonts-noto-cjk). Naming
// the JP face matters: for Han characters shared by Chinese and Japanese, fontconfig's own
// fallback may pick the Chinese face, whose glyph shapes differ.
inline constexpr char kJapaneseFontFamily[] = "Noto Sans CJK JP";

// Installs a language on the running QApplication for this object's lifetime: our translator,
// Qt's own (qtbase_<code>.qm from QLibraryInfo::TranslationsPath, when installed: Debian's
// qt6-translations-l10n), and for Japanese a CJK fallback font for the
// application font and for the families the themes name. The destructor undoes all of it.
class AppLanguage {
public:
    AppLanguage();
    ~AppLanguage();
    AppLanguage(const AppLanguage &) = delete;
    AppLanguage &operator=(const AppLanguage &) = delete;

    // False with `error` set when `code` is unknown or its compiled translation is missing;
    // the app then stays in English.
    bool install(const QString &code, QString *error);
    bool hasQtTranslation() const; // Qt's own dialogs and buttons are translated too

    // The language installed in this process ("en" when none was).
    static QString current();

private:
    void uninstall();

    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
    QFont m_previousFont;
    QStringList m_substituted; // families given a fallback, to remove again
    bool m_installed = false;
};

} // namespace reqlanes
