// Asks where and how big to export the current view: a size preset (1920×1080, 1280×720 or the
// view's own size), a scale (1×-3×, for PNG) and the file, whose extension picks PNG/SVG/PDF.
#pragma once

#include <QDialog>
#include <QSize>

class QComboBox;
class QLineEdit;

namespace reqlanes {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QSize &viewSize, const QString &suggestedPath, QWidget *parent = nullptr);

    QString path() const;
    QSize size() const;
    double scale() const;

private:
    void browse();

    QComboBox *m_size;
    QComboBox *m_scale;
    QLineEdit *m_path;
};

} // namespace reqlanes
