#include "controls/strategylist.h"

#include "i18n/runtext.h"

#include <QResizeEvent>

#include "run/strategyregistry.h"

namespace reqlanes {

namespace {
constexpr int kIdRole = Qt::UserRole;
}

StrategyList::StrategyList(QWidget *parent)
    : QListWidget(parent) {
    setObjectName(QStringLiteral("strategies"));
    setWordWrap(true);
    setSpacing(2);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const auto &strategies = StrategyRegistry::instance().strategies();
    for (std::size_t i = 0; i < strategies.size(); ++i) {
        const StrategyInfo &info = strategies[i];
        auto *item = new QListWidgetItem(this);
        const QString key = i < 9 ? QStringLiteral("%1  ").arg(i + 1) : QString();
        // Descriptions mark parameter names `like this`; the list shows plain words.
        QString description = strategyText(info.description);
        description.remove(QLatin1Char('`'));
        item->setText(QStringLiteral("%1%2 — %3\n%4")
                          .arg(key, strategyText(info.name), info.id, description));
        item->setToolTip(description);
        item->setData(kIdRole, info.id);
    }
    if (count() > 0)
        setCurrentRow(0);
    // Wrapped descriptions re-wrap when the list is resized, instead of being elided: an item
    // laid out before the list had its final width (the first one) was drawn "on one …".
    setResizeMode(QListView::Adjust);
    setTextElideMode(Qt::ElideNone);
    // Every strategy visible without scrolling: a name line and up to two description lines.
    const int rowHeight = 3 * fontMetrics().lineSpacing() + 2 * spacing() + 4;
    setMinimumHeight(count() * rowHeight + 2 * frameWidth());
    // A click on an item runs it; so does Enter on the keyboard.
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit strategyActivated(item->data(kIdRole).toString());
    });
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit strategyActivated(item->data(kIdRole).toString());
    });
}

void StrategyList::resizeEvent(QResizeEvent *event) {
    QListWidget::resizeEvent(event);
    // Qt keeps the height an item was first laid out with; the first item, laid out before the
    // list had its final width, kept one line too few ("on one …"). Size every item for the
    // width it has now.
    const int width = viewport()->width() - 2 * spacing();
    if (width <= 0)
        return;
    constexpr int kTextMargins = 8; // the delegate's padding around the text, both sides
    int total = 2 * frameWidth() + spacing();
    for (int row = 0; row < count(); ++row) {
        QListWidgetItem *entry = item(row);
        const QRect text = fontMetrics().boundingRect(QRect(0, 0, width - kTextMargins, 10000),
                                                      Qt::TextWordWrap, entry->text());
        entry->setSizeHint(QSize(width, text.height() + kTextMargins));
        total += text.height() + kTextMargins + 2 * spacing();
    }
    // Every strategy in view, the list as tall as its items at this width: inside the side
    // panel's own scroll area a second, nested scroll bar would hide the last ones.
    if (total != minimumHeight())
        setMinimumHeight(total);
}

QString StrategyList::currentStrategy() const {
    const QListWidgetItem *item = currentItem() ? currentItem() : this->item(0);
    return item ? item->data(kIdRole).toString() : QString();
}

void StrategyList::setCurrentStrategy(const QString &id) {
    if (const int row = rowOf(id); row >= 0)
        setCurrentRow(row);
}

void StrategyList::activate(int index) {
    if (index < 0 || index >= count())
        return;
    setCurrentRow(index);
    emit strategyActivated(item(index)->data(kIdRole).toString());
}

int StrategyList::rowOf(const QString &id) const {
    for (int row = 0; row < count(); ++row)
        if (item(row)->data(kIdRole).toString() == id)
            return row;
    return -1;
}

} // namespace reqlanes
