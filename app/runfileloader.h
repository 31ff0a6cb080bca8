// Opens run files off the GUI thread (File → Open and files dropped on the window): a HAR of
// 100,000 entries takes seconds to parse, and the window must keep painting meanwhile. Shows a
// dialog when a load lasts (how much of the file is read, where the reader can say: HAR); says how
// it ended with loaded() or failed(), on the GUI thread. The main window owns it and decides what
// to show; reqlanes --open still opens synchronously.
#pragma once

#include "model/run.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

#include <optional>

class QProgressDialog;
class QWidget;

namespace reqlanes {

class RunFileLoader : public QObject {
    Q_OBJECT
public:
    explicit RunFileLoader(QWidget *dialogParent);
    ~RunFileLoader() override;

    bool isLoading() const { return m_watcher.isRunning(); }
    // Starts opening `path`; false (and nothing happens) while another file is still loading.
    bool open(const QString &path);
    // Blocks until the load in progress (if any) has ended and its signal was sent: for tests.
    void waitForFinished();

signals:
    void loaded(const QString &path, const reqlanes::Run &run);
    void failed(const QString &path, const QString &error);

private:
    struct Result {
        std::optional<Run> run;
        QString error;
    };
    void finish();
    void showProgress(); // the timer's: the reader's fraction into the dialog

    QWidget *m_dialogParent;
    QProgressDialog *m_progress = nullptr;
    QFutureWatcher<Result> m_watcher;
    QString m_path;
    std::shared_ptr<std::atomic<int>> m_permille; // thousandths read, from the reading thread
    QTimer m_progressTimer;
};

} // namespace reqlanes
