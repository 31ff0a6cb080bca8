#include "watching/scriptdialog.h"

#include "watch/tracedprogram.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace reqlanes {

namespace {

constexpr int kPathRole = Qt::UserRole;

} // namespace

ScriptDialog::ScriptDialog(const QString &examplesFolder, QWidget *parent)
    : QDialog(parent) {
    setWindowTitle(tr("Run a script"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The script runs with the watch server's URL as its first "
                                "argument. Python scripts are traced: their tasks, semaphores, "
                                "connection pools and threads are recorded from the client "
                                "side. The session ends when the script exits."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_scripts = new QListWidget(this);
    m_scripts->setObjectName(QStringLiteral("scriptList"));
    m_scripts->setWordWrap(true);
    m_scripts->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scripts->setSpacing(2);
    for (const watch::ExampleScript &example : watch::exampleScripts(examplesFolder)) {
        const QString name = QFileInfo(example.path).fileName();
        // The name, and on the next line what it shows: whole, wrapped, never cut.
        auto *item = new QListWidgetItem(
            example.summary.isEmpty() ? name : name + QLatin1Char('\n') + example.summary);
        item->setData(kPathRole, example.path);
        item->setToolTip(example.path);
        m_scripts->addItem(item);
    }
    layout->addWidget(m_scripts, 1);
    auto *browse = new QPushButton(tr("Other script…"), this);
    layout->addWidget(browse, 0, Qt::AlignLeft);

    auto *form = new QFormLayout;
    m_arguments = new QLineEdit(this);
    m_arguments->setObjectName(QStringLiteral("scriptArguments"));
    m_arguments->setPlaceholderText(tr("e.g. 9 3"));
    m_arguments->setToolTip(tr("What the script gets after the URL, as a shell would split it"));
    form->addRow(tr("Arguments after the URL"), m_arguments);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_run = buttons->addButton(tr("Run"), QDialogButtonBox::AcceptRole);
    m_run->setDefault(true);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ScriptDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_scripts, &QListWidget::currentRowChanged, this, &ScriptDialog::updateRunButton);
    connect(m_scripts, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    if (m_scripts->count() > 0)
        m_scripts->setCurrentRow(0);
    updateRunButton();
    resize(680, 460);
}

QString ScriptDialog::chosenScript() const {
    const QListWidgetItem *item = m_scripts->currentItem();
    return item ? item->data(kPathRole).toString() : QString();
}

QStringList ScriptDialog::command() const {
    const QString script = chosenScript();
    if (script.isEmpty())
        return {};
    return QStringList{QStringLiteral("python3"), script} +
           QProcess::splitCommand(m_arguments->text());
}

void ScriptDialog::chooseScript(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int row = 0; row < m_scripts->count(); ++row) {
        if (m_scripts->item(row)->data(kPathRole).toString() == absolute) {
            m_scripts->setCurrentRow(row);
            return;
        }
    }
    auto *item = new QListWidgetItem(QFileInfo(absolute).fileName());
    item->setData(kPathRole, absolute);
    item->setToolTip(absolute);
    m_scripts->addItem(item);
    m_scripts->setCurrentItem(item);
}

void ScriptDialog::setArguments(const QString &arguments) {
    m_arguments->setText(arguments);
}

void ScriptDialog::browse() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Run a script"), {},
                                                      tr("Python scripts (*.py);;All files (*)"));
    if (!path.isEmpty())
        chooseScript(path);
}

void ScriptDialog::updateRunButton() {
    m_run->setEnabled(!chosenScript().isEmpty());
}

} // namespace reqlanes
