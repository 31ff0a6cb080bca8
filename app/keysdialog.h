// Help → Keys: every keyboard shortcut of the window, read from its actions, so the list cannot
// fall behind the keys that really work.
#pragma once

#include <QDialog>
#include <QString>

#include <utility>
#include <vector>

namespace reqlanes {

class KeysDialog : public QDialog {
    Q_OBJECT
public:
    explicit KeysDialog(QWidget *window);

    // (keys, what they do) for every action of `window` and its children that has a shortcut,
    // sorted by what they do.
    static std::vector<std::pair<QString, QString>> keyRows(const QWidget *window);
};

} // namespace reqlanes
