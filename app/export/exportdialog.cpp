#include "export/exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace reqlanes {

ExportDialog::ExportDialog(const QSize &viewSize, const QString &suggestedPath, QWidget *parent)
    : QDialog(parent)
    , m_size(new QComboBox(this))
    , m_scale(new QComboBox(this))
    , m_path(new QLineEdit(suggestedPath, this)) {
    setWindowTitle(tr("Export image"));
    m_size->addItem(tr("1920 × 1080 (slide, Full HD)"), QSize(1920, 1080));
    m_size->addItem(tr("1280 × 720 (slide, HD)"), QSize(1280, 720));
    m_size->addItem(
        QStringLiteral("%1 × %2 (as on screen)").arg(viewSize.width()).arg(viewSize.height()),
        viewSize);
    for (int factor : {1, 2, 3})
        m_scale->addItem(QStringLiteral("%1×").arg(factor), double(factor));
    m_scale->setToolTip(tr("PNG only: more pixels for the same layout"));

    auto *browseButton = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Size"), m_size);
    form->addRow(tr("PNG scale"), m_scale);
    form->addRow(tr("File (.png, .svg, .pdf)"), pathRow);
    form->addRow(buttons);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ExportDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export image"), m_path->text(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

QString ExportDialog::path() const {
    return m_path->text().trimmed();
}

QSize ExportDialog::size() const {
    return m_size->currentData().toSize();
}

double ExportDialog::scale() const {
    return m_scale->currentData().toDouble();
}

} // namespace reqlanes
