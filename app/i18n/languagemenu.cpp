#include "i18n/languagemenu.h"

#include "i18n/language.h"

#include <QActionGroup>

namespace reqlanes {

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(tr("&Language"), parent)
    , m_group(new QActionGroup(this)) {
    const QString saved = savedLanguageChoice();
    const QString system = languageNativeName(languageForLocale(QLocale::system()));
    QAction *followSystem = addAction(tr("Follow the system (%1)").arg(system));
    followSystem->setData(QString());
    addSeparator();
    QList<QAction *> actions{followSystem};
    for (const LanguageEntry &language : availableLanguages()) {
        QAction *action = addAction(language.nativeName);
        action->setData(language.code);
        actions << action;
    }
    for (QAction *action : actions) {
        action->setCheckable(true);
        action->setChecked(action->data().toString() == saved);
        m_group->addAction(action);
    }
    connect(m_group, &QActionGroup::triggered, this,
            [this](QAction *action) { choose(action->data().toString()); });
}

QString LanguageMenu::choice() const {
    const QAction *checked = m_group->checkedAction();
    return checked ? checked->data().toString() : QString();
}

void LanguageMenu::choose(const QString &code) {
    saveLanguageChoice(code);
    const QString next = chooseLanguage(QString(), code, QLocale::system());
    if (next != AppLanguage::current())
        emit notice(
            tr("%1 will be used from the next start of reqlanes.").arg(languageNativeName(next)));
}

} // namespace reqlanes
