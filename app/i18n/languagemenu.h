// View → Language: follow the system, or one of availableLanguages(). The choice is saved
// (saveLanguageChoice) and used from the next start, since widgets set their texts once; the
// menu says so through notice() rather than pretending the window changed.
#pragma once

#include <QMenu>

class QActionGroup;

namespace reqlanes {

class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget *parent = nullptr);

    // The checked entry: a language code, or empty for "follow the system".
    QString choice() const;

signals:
    // A sentence for the status bar after a choice that changes the language at the next start.
    void notice(const QString &text);

private:
    void choose(const QString &code);

    QActionGroup *m_group;
};

} // namespace reqlanes
