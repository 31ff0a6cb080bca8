#include "keysdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace reqlanes {

namespace {

const char *const kGroupProperty = "reqlanesKeyGroup";

} // namespace

void setKeyGroup(QAction *action, KeyGroup group) {
    action->setProperty(kGroupProperty, int(group));
}

KeyGroup keyGroup(const QAction *action) {
    const QVariant group = action->property(kGroupProperty);
    return group.isValid() ? KeyGroup(group.toInt()) : KeyGroup::View;
}

QString KeysDialog::groupTitle(KeyGroup group) {
    switch (group) {
    case KeyGroup::Runs:
        return tr("Runs");
    case KeyGroup::View:
        return tr("View");
    case KeyGroup::Files:
        return tr("Files");
    case KeyGroup::PresenterOnly:
        break;
    }
    return tr("Presenter mode");
}

QString KeysDialog::whereText(KeyGroup group) {
    return group == KeyGroup::PresenterOnly ? tr("only in presenter mode")
                                            : tr("anywhere in the window");
}

KeysDialog::KeysDialog(QWidget *window)
    : QDialog(window) {
    setWindowTitle(tr("Keys"));
    const std::vector<KeyRow> rows = keyRows(window);
    auto *table = new QTableWidget(0, 3, this);
    table->setObjectName(QStringLiteral("keysTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("What they do"), tr("Where")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    std::optional<KeyGroup> group;
    for (const KeyRow &row : rows) {
        if (row.group != group) {
            // A heading row spanning the table: the group's name.
            group = row.group;
            const int heading = table->rowCount();
            table->insertRow(heading);
            auto *item = new QTableWidgetItem(groupTitle(row.group));
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
            table->setItem(heading, 0, item);
            table->setSpan(heading, 0, 1, 3);
        }
        const int at = table->rowCount();
        table->insertRow(at);
        table->setItem(at, 0, new QTableWidgetItem(row.keys));
        table->setItem(at, 1, new QTableWidgetItem(row.text));
        table->setItem(at, 2, new QTableWidgetItem(row.where));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(760, 620);
}

std::vector<KeyRow> KeysDialog::keyRows(const QWidget *window) {
    std::vector<KeyRow> rows;
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || action->text().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        const KeyGroup group = keyGroup(action);
        KeyRow row{group, keys.join(tr(" or ")), text, whereText(group)};
        if (std::find(rows.begin(), rows.end(), row) == rows.end())
            rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const KeyRow &a, const KeyRow &b) { return a.group < b.group; });
    return rows;
}

} // namespace reqlanes
