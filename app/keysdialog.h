// Help → Keys: every keyboard shortcut of the window, read from its actions, so the list cannot
// fall behind the keys that really work. Each action says which group it belongs to
// (setKeyGroup); the group says where its keys work, e.g. the step keys only in presenter mode.
#pragma once

#include <QDialog>
#include <QString>

#include <vector>

class QAction;

namespace reqlanes {

// In the order the dialog lists them.
enum class KeyGroup {
    Runs,          // start, stop, compare, pick a strategy, watch
    View,          // lanes, themes, panes, presenter mode
    Files,         // open, save, export, quit
    PresenterOnly, // stepping and leaving: the keys belong to lists and sliders elsewhere
};
// Files an action's keys under `group` (an action without one is listed under View).
void setKeyGroup(QAction *action, KeyGroup group);
KeyGroup keyGroup(const QAction *action);

struct KeyRow {
    KeyGroup group = KeyGroup::View;
    QString keys;  // "F11 or F5"
    QString text;  // what they do, the action's text without '&'
    QString where; // "anywhere in the window", "only in presenter mode"
    bool operator==(const KeyRow &) const = default;
};

class KeysDialog : public QDialog {
    Q_OBJECT
public:
    explicit KeysDialog(QWidget *window);

    // One row for every action of `window` and its children that has a shortcut and a text,
    // grouped in KeyGroup order and kept in the order the window made them within a group.
    static std::vector<KeyRow> keyRows(const QWidget *window);
    static QString groupTitle(KeyGroup group);
    static QString whereText(KeyGroup group);
};

} // namespace reqlanes
