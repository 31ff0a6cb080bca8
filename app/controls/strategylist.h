// Every registered strategy with its name and one-line description, in the registry's order
// (number keys, by position). Clicking one, or activate(index), asks for a run of it.
#pragma once

#include <QListWidget>

namespace reqlanes {

class StrategyList : public QListWidget {
    Q_OBJECT
public:
    explicit StrategyList(QWidget *parent = nullptr);

    QString currentStrategy() const; // the selected id; the first strategy when none is
    void setCurrentStrategy(const QString &id);
    void activate(int index); // select and request a run, as a click does
    int rowOf(const QString &id) const;

signals:
    void strategyActivated(const QString &id);

protected:
    void resizeEvent(QResizeEvent *event) override;
};

} // namespace reqlanes
