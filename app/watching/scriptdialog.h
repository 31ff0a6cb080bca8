// Run → Run a script…: pick one of the talk's example scripts (or any script file), add the
// arguments that follow the server's URL, and get the command to start. The window hands the
// command to WatchController::startProgram, which runs it traced against the watch server.
#pragma once

#include <QDialog>
#include <QStringList>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace reqlanes {

class ScriptDialog : public QDialog {
    Q_OBJECT
public:
    // `examplesFolder`: where the examples are ("" when none are installed: only Browse…).
    explicit ScriptDialog(const QString &examplesFolder, QWidget *parent = nullptr);

    // {"python3", script, arguments...}: the URL goes in front of the arguments when it runs.
    QStringList command() const;
    QString chosenScript() const;
    void chooseScript(const QString &path); // selects it in the list, or adds it
    void setArguments(const QString &arguments);

private:
    void browse();
    void updateRunButton();

    QListWidget *m_scripts = nullptr;
    QLineEdit *m_arguments = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace reqlanes
